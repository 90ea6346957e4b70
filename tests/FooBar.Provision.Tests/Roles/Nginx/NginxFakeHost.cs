using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Tests.Roles.Nginx;

/// <summary>
/// A small stateful Debian host for the nginx role: it answers the probes of packages, files, directories, links,
/// absent paths and services from its state, and changes that state when the engine applies changes.
/// </summary>
internal sealed partial class NginxFakeHost : IHostConnection
{
    private int _roundTrips;

    public string HostName => "web";

    public int RoundTrips => _roundTrips;

    public Dictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Links { get; } = new(StringComparer.Ordinal);

    public List<string> Scripts { get; } = [];

    public List<RemoteFile> Writes { get; } = [];

    public bool Installed { get; set; }

    public bool ConfigurationValid { get; set; } = true;

    public int Reloads { get; private set; }

    public Task<CommandResult> RunAsync(RemoteCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        _roundTrips++;
        var script = command.Script;
        Scripts.Add(script);
        if (script.Contains("os_id=", StringComparison.Ordinal))
        {
            return Ok("os_id=debian\nos_version=12\ninit=systemd\npkg=apt\narch=x86_64\nhostname=web\n");
        }

        if (script.Contains("@@fbp-", StringComparison.Ordinal))
        {
            var output = new StringBuilder();
            foreach (Match probe in ProbeSegment().Matches(script))
            {
                output.Append($"{probe.Groups[1].Value} {probe.Groups[2].Value}\n{Probe(probe.Groups[3].Value)}\n{probe.Groups[1].Value}-end {probe.Groups[2].Value} 0\n");
            }

            return Ok(output.ToString());
        }

        if (script.Contains("nginx -t", StringComparison.Ordinal) && !ConfigurationValid)
        {
            return Task.FromResult(new CommandResult(97, "", "nginx: [emerg] unknown directive \"this\""));
        }

        if (script.Contains("systemctl reload nginx", StringComparison.Ordinal))
        {
            Reloads++;
        }

        Apply(script);
        return Ok("");
    }

    public Task WriteFileAsync(RemoteFile file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        _roundTrips++;
        Writes.Add(file);
        if (file.BackupPath is { } backup && Files.TryGetValue(file.Path, out var previous))
        {
            Files[backup] = previous;
        }

        Files[file.Path] = file.Content.ToArray();
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public string Text(string path) => Encoding.UTF8.GetString(Files[path]);

    private string Probe(string probe)
    {
        if (probe.Contains("dpkg-query", StringComparison.Ordinal))
        {
            return (Installed ? "nginx install ok installed" : "") + "\ncache_age 10";
        }

        if (probe.Contains("systemctl is-active", StringComparison.Ordinal))
        {
            return Installed ? "active active\nenabled enabled" : "active inactive\nenabled disabled";
        }

        var path = PathInProbe().Match(probe).Groups[1].Value;
        if (probe.Contains("readlink", StringComparison.Ordinal))
        {
            return Links.TryGetValue(path, out var target) ? $"link {target}" : "absent";
        }

        if (probe.Contains("sha256sum", StringComparison.Ordinal))
        {
            return Files.TryGetValue(path, out var bytes)
                ? $"{(path.EndsWith(".key", StringComparison.Ordinal) ? "600" : "644")} root root {bytes.Length}\n{Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant()}\n{Convert.ToBase64String(bytes)}"
                : "absent";
        }

        if (probe.Contains("[ -d", StringComparison.Ordinal))
        {
            return Files.ContainsKey(path) ? "750 root root" : "absent";
        }

        return Files.ContainsKey(path) || Links.ContainsKey(path) ? "present" : "absent";
    }

    private void Apply(string script)
    {
        if (script.Contains("fb_apt install", StringComparison.Ordinal))
        {
            Installed = true;
            Links["/etc/nginx/sites-enabled/default"] = "/etc/nginx/sites-available/default";
        }

        foreach (Match m in LinkCommand().Matches(script))
        {
            Links[m.Groups[2].Value] = m.Groups[1].Value;
        }

        foreach (Match m in RemoveCommand().Matches(script))
        {
            Links.Remove(m.Groups[1].Value);
            Files.Remove(m.Groups[1].Value);
        }

        foreach (Match m in MakeDirectoryCommand().Matches(script))
        {
            Files[m.Groups[1].Value] = [];
        }

        foreach (Match m in RestoreCommand().Matches(script))
        {
            if (Files.Remove(m.Groups[1].Value, out var backup))
            {
                Files[m.Groups[2].Value] = backup;
            }
        }
    }

    private static Task<CommandResult> Ok(string output) => Task.FromResult(new CommandResult(0, output, ""));

    [GeneratedRegex(@"echo '(@@fbp-[0-9a-f]+) (\d+)'; \( (.*?)\n\) </dev/null", RegexOptions.Singleline)]
    private static partial Regex ProbeSegment();

    [GeneratedRegex(@"\[ -[fdeL] (/\S+) \]")]
    private static partial Regex PathInProbe();

    [GeneratedRegex(@"ln -sfn (\S+) \S+ && mv -Tf \S+ (\S+)")]
    private static partial Regex LinkCommand();

    [GeneratedRegex(@"rm -rf -- (\S+)")]
    private static partial Regex RemoveCommand();

    [GeneratedRegex(@"mkdir -p (\S+)")]
    private static partial Regex MakeDirectoryCommand();

    [GeneratedRegex(@"^mv -Tf (\S+) (\S+)$", RegexOptions.Multiline)]
    private static partial Regex RestoreCommand();
}
