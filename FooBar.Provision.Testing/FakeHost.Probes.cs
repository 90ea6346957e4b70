using System.Security.Cryptography;
using System.Text.RegularExpressions;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Testing;

/// <summary>The probes: each built-in resource's read-only script, answered from the host's state.</summary>
public sealed partial class FakeHost
{
    private const string Word = @"(?:'[^']*'|\\.|[^\s'""\\;&|()<>])+";

    private CommandResult Probe(string script)
    {
        Match m;
        // A member of a shared probe (several services' systemctl calls in one): the fake host vouches for no member, so
        // each runs its own probe, which by the shared probes' contract prints exactly the same.
        if ((m = SharedMember().Match(script)).Success)
        {
            script = m.Groups[1].Value;
        }

        // A command's Unless guard is the user's own check: the taught answer decides (exit 0: nothing to do).
        if ((m = UnlessProbe().Match(script)).Success)
        {
            var check = m.Groups[1].Value;
            var result = Respond(check) ?? throw Unknown("the guard (Unless) of a command", check);
            return Ok(result.Succeeded ? "done" : "todo");
        }

        if (Respond(script) is { } taught)
        {
            return taught;
        }

        if ((m = FileProbe().Match(script)).Success)
        {
            var path = Path(m);
            if (_files.TryGetValue(path, out var file))
            {
                var hash = Convert.ToHexString(SHA256.HashData(file.Content.Span)).ToLowerInvariant();
                // The content travels for a diff: not for a sensitive file, nor (when the probe knows the desired hash) for one already right.
                var desired = DesiredHash().Match(script);
                var content = script.Contains("base64 -w0", StringComparison.Ordinal) && file.Content.Length <= 65536 && !(desired.Success && desired.Groups[1].Value == hash)
                    ? "\n" + Convert.ToBase64String(file.Content.Span) : "";
                return Ok($"{file.Mode} {file.Owner} {file.Group} {file.Content.Length}\n{hash}{content}");
            }

            return Ok(Exists(path) ? "notfile" : "absent");
        }

        if ((m = DirectoryProbe().Match(script)).Success)
        {
            var path = Path(m);
            return Ok(_directories.TryGetValue(path, out var d) ? $"{d.Mode} {d.Owner} {d.Group}"
                : IsParent(path) && !_files.ContainsKey(path) && !_links.ContainsKey(path) ? "755 root root"
                : Exists(path) ? "notdir" : "absent");
        }

        if ((m = SymlinkProbe().Match(script)).Success)
        {
            var path = Path(m);
            return Ok(_links.TryGetValue(path, out var target) ? $"link {target}" : Exists(path) ? "notlink" : "absent");
        }

        if ((m = AbsentProbe().Match(script)).Success)
        {
            return Ok(Exists(Path(m)) ? "present" : "absent");
        }

        if ((m = CreatesProbe().Match(script)).Success)
        {
            return Ok(Exists(Path(m)) ? "done" : "todo");
        }

        if ((m = PackagesProbe().Match(script)).Success)
        {
            // As on a host: the package cache's age only when a package is missing.
            var packages = ShellText.Words(m.Groups[1].Value);
            var installed = packages.Where(_packages.Contains).Select(p => $"{p} install ok installed\n");
            return Ok(string.Concat(installed) + (packages.All(_packages.Contains) ? "" : "cache_age 60"));
        }

        if ((m = ServiceProbe().Match(script)).Success)
        {
            var service = _services.GetValueOrDefault(Path(m));
            return Ok($"active {(service?.Running == true ? "active" : "inactive")}\nenabled {(service is null ? "" : service.Enabled ? "enabled" : "disabled")}");
        }

        if ((m = UserProbe().Match(script)).Success)
        {
            return Ok(_users.TryGetValue(Path(m), out var user) ? $"{user.Group} {user.Home}:{user.Shell}" : "absent");
        }

        if ((m = GroupProbe().Match(script)).Success)
        {
            return Ok(_groups.Contains(Path(m)) ? "present" : "absent");
        }

        throw Unknown("this probe", script);
    }

    private NotSupportedException Unknown(string what, string script) =>
        new($"the fake host '{HostName}' has no model for {what}, so it cannot answer it: {script.Trim()}\n" +
            "Teach it the answer: host.OnCommand(\"<a fragment of the script>\", (host, script) => new CommandResult(0, \"<what the probe prints>\", \"\")).");

    private static string Path(Match m) => ShellText.Unquote(m.Groups[1].Value);

    [GeneratedRegex(@"^if fb_member ""\$fb_g\d+"" \d+; then .*?\nelse (.*)\nfi$", RegexOptions.Singleline)]
    private static partial Regex SharedMember();

    [GeneratedRegex(@"^if \[ -f (" + Word + @") \] && \[ ! -L \1 \]; then [^\n]*?stat -c '%a %U %G %s' ")]
    private static partial Regex FileProbe();

    [GeneratedRegex(@"""\$fb_h"" != '?([0-9a-f]{64})'?")]
    private static partial Regex DesiredHash();

    [GeneratedRegex(@"^if \[ -d (" + Word + @") \] && \[ ! -L \1 \]; then stat -c '%a %U %G' ")]
    private static partial Regex DirectoryProbe();

    [GeneratedRegex(@"^if \[ -L (" + Word + @") \]; then echo ""link \$\(readlink ")]
    private static partial Regex SymlinkProbe();

    [GeneratedRegex(@"^if \[ -e (" + Word + @") \] \|\| \[ -L \1 \]; then echo present; else echo absent; fi$")]
    private static partial Regex AbsentProbe();

    [GeneratedRegex(@"^if \[ -e (" + Word + @") \]; then echo done; else echo todo; fi$")]
    private static partial Regex CreatesProbe();

    [GeneratedRegex(@"^if \( (.*) \) >/dev/null 2>&1 </dev/null; then echo done; else echo todo; fi$", RegexOptions.Singleline)]
    private static partial Regex UnlessProbe();

    [GeneratedRegex(@"^fb_p=\$\(dpkg-query -W -f='\$\{Package\} \$\{Status\}\\n' (.*?) 2>/dev/null\); ")]
    private static partial Regex PackagesProbe();

    [GeneratedRegex(@"^if \[ -d /run/systemd/system \]; then echo ""active \$\(systemctl is-active (" + Word + @") 2>/dev/null\)""")]
    private static partial Regex ServiceProbe();

    [GeneratedRegex(@"^if fb_p=\$\(getent passwd (" + Word + @")\); then ")]
    private static partial Regex UserProbe();

    [GeneratedRegex(@"^getent group (" + Word + @") >/dev/null && echo present \|\| echo absent$")]
    private static partial Regex GroupProbe();
}
