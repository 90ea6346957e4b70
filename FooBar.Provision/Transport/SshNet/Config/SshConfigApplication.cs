using System.Globalization;
using FooBar.Provision.Inventory;

namespace FooBar.Provision.Transport.SshNet.Config;

/// <summary>
/// Applies the user's ssh_config to the hosts the SSH.NET transport reaches: HostName, User, Port, IdentityFile,
/// ProxyJump, UserKnownHostsFile and IdentitiesOnly, each only where the inventory did not set the same thing; any
/// other keyword of a block that applies is an error that names <c>transport: openssh</c>.
/// </summary>
/// <remarks>
/// The Host patterns are matched against the inventory's <c>address</c> (what the OpenSSH transport gives ssh), and
/// HostName then replaces it, so host keys are checked under the real name, as ssh does. Runs before any connection.
/// </remarks>
internal static class SshConfigApplication
{
    /// <summary>The hosts with their ssh_config applied (sshnet hosts only), and every problem found.</summary>
    /// <param name="hosts">The hosts, after <c>--transport</c>.</param>
    /// <param name="config">The user's ssh_config, or null when none is read.</param>
    /// <param name="localUser">The local user's name (<c>%u</c>, and <c>%r</c> when no user is set).</param>
    /// <param name="usesSshNet">Whether a host is reached by the SSH.NET transport (only those read the config and <c>jump:</c>).</param>
    public static (IReadOnlyList<HostEntry> Hosts, IReadOnlyList<InventoryError> Problems) Apply(IReadOnlyList<HostEntry> hosts, SshConfig? config, string localUser, Func<HostEntry, bool> usesSshNet)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        var problems = new List<InventoryError>();
        var result = new List<HostEntry>();
        foreach (var host in hosts)
        {
            if (!usesSshNet(host))
            {
                if (host.Jump.Count > 0)
                {
                    problems.Add(new InventoryError(host.Location ?? InventoryLoader.CommandLine, $"host '{host.Name}' has jump: hosts but uses transport openssh, which does not read jump:", "use transport: sshnet for this host, or put ProxyJump in ~/.ssh/config for the system ssh"));
                }

                result.Add(host);
                continue;
            }

            var applied = config is null ? host : Apply(host, config, localUser, problems);
            if (PublicKeyProblem(host, applied) is { } publicKey)
            {
                problems.Add(publicKey);
            }

            result.Add(applied);
        }

        // A problem of the file itself (an empty Host line) is found again for every host that reads the file: said once.
        return (result, problems.Distinct().ToArray());
    }

    // SSH.NET logs in with the private key itself: a public key (id_ed25519.pub), which the system ssh takes to pick
    // the ssh-agent's key, fails every login of the host, so it is refused here, before any host is contacted.
    private static InventoryError? PublicKeyProblem(HostEntry host, HostEntry applied)
    {
        if (applied.IdentityFile is not { } key || !LocalFiles.IsRegular(key) || IdentityFiles.Kind(key) != IdentityFileKind.PublicKey)
        {
            return null;
        }

        var from = host.IdentityFile is null ? " (from the ssh config's IdentityFile)" : "";
        return new InventoryError(
            host.Location ?? InventoryLoader.CommandLine,
            $"host '{host.Name}': the identity_file '{key}'{from} is a public key, and the sshnet transport logs in with the private key itself",
            "point identity_file: at the private key (the same path without .pub), or use transport: openssh for this host (the system ssh takes a public key to pick that key from the ssh-agent)");
    }

    private static HostEntry Apply(HostEntry host, SshConfig config, string localUser, List<InventoryError> problems)
    {
        var match = config.Evaluate(host.Address);
        problems.AddRange(match.Problems);
        foreach (var line in match.FirstLines)
        {
            if (Malformed(line) is { } wrong)
            {
                problems.Add(new InventoryError(
                    line.Location,
                    $"host '{host.Name}': ssh config keyword '{Printable.Clip(line.Written, 40)}' {wrong}",
                    "fix the line (ssh refuses it too: quote a value that holds spaces), or remove it"));
            }
            else if (Unsupported(line) is { } why)
            {
                problems.Add(new InventoryError(
                    line.Location,
                    $"host '{host.Name}': ssh config keyword '{Printable.Clip(line.Written, 40)}' {why}",
                    "use `transport: openssh` for this host, or remove it"));
            }
        }

        var resolved = host;
        if (match.First("hostname") is { Arguments.Count: > 0 } hostName)
        {
            var name = Tokens(hostName.Arguments[0], hostName, host, host, config.Home, localUser, "%h", problems);
            if (name is not null && Check(hostName, InventoryNames.AddressProblem(name), "HostName", problems))
            {
                resolved = resolved with { Address = name };
            }
        }

        if (host.User is null && match.First("user") is { Arguments: [var user, ..] } userLine && Check(userLine, InventoryNames.UserProblem(user), "User", problems))
        {
            resolved = resolved with { User = user };
        }

        if (!host.PortGiven && match.First("port") is { Arguments: [var portText, ..] } portLine)
        {
            if (int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535)
            {
                resolved = resolved with { Port = port };
            }
            else
            {
                problems.Add(new InventoryError(portLine.Location, $"host '{host.Name}': ssh config Port '{Printable.Clip(portText, 20)}' is not a number from 1 to 65535", "fix the Port line"));
            }
        }

        if (!host.JumpGiven && host.Jump.Count == 0 && match.First("proxyjump") is { } jumpLine)
        {
            resolved = resolved with { Jump = Hops(jumpLine, host, problems) };
        }

        if (host.IdentityFile is null && match.All("identityfile").Count > 0)
        {
            var files = match.All("identityfile")
                .Where(line => line.Arguments.Count > 0).Select(line => Tokens(line.Arguments[0], line, host, resolved, config.Home, localUser, "%d%h%n%p%r%u%l", problems))
                .OfType<string>()
                .ToArray();
            resolved = resolved with { IdentityFile = files.FirstOrDefault(LocalFiles.IsRegular) ?? resolved.IdentityFile };
        }

        if (host.KnownHostsFile is null && match.First("userknownhostsfile") is { Arguments: ["none", ..] } noneLine)
        {
            problems.Add(new InventoryError(noneLine.Location, $"host '{host.Name}': ssh config UserKnownHostsFile none leaves no file to check the host key against", "set known_hosts: for the host, remove the line, or use `transport: openssh` for this host"));
        }
        else if (host.KnownHostsFile is null && match.First("userknownhostsfile") is { Arguments: [var knownFile, ..] } knownLine)
        {
            resolved = resolved with { KnownHostsFile = Tokens(knownFile, knownLine, host, resolved, config.Home, localUser, "%d%h%n%p%r%u%l", problems) ?? resolved.KnownHostsFile };
        }

        if (match.First("identitiesonly") is { Arguments: [var only, ..] })
        {
            resolved = resolved with { IdentitiesOnly = only.Equals("yes", StringComparison.OrdinalIgnoreCase) || only.Equals("true", StringComparison.OrdinalIgnoreCase) };
        }

        return resolved;
    }

    // What ssh itself refuses in a keyword this transport reads ("missing argument", "extra arguments at end of line"):
    // before, "User ro ot" and "HostName a b" silently took their first word.
    private static string? Malformed(SshConfigLine line)
    {
        if (line.Keyword == "proxyjump" || !(SshConfigKeywords.Applied.Contains(line.Keyword) || SshConfigKeywords.Ignored.Contains(line.Keyword)))
        {
            return null; // ProxyJump's own check says what is wrong; other keywords are Unsupported's
        }

        return line.Arguments.Count > 1 && line.Keyword is "hostname" or "user" or "port" or "identityfile" or "identitiesonly"
            ? $"takes one value, not {line.Arguments.Count} ('{Printable.Clip(string.Join(' ', line.Arguments), 60)}')"
            : null;
    }

    private static string? Unsupported(SshConfigLine line)
    {
        if (SshConfigKeywords.Applied.Contains(line.Keyword) || SshConfigKeywords.Ignored.Contains(line.Keyword))
        {
            return null;
        }

        if (SshConfigKeywords.OnlyWithValue.TryGetValue(line.Keyword, out var value))
        {
            return line.Arguments is [var given] && given.Equals(value, StringComparison.OrdinalIgnoreCase)
                ? null
                : $"is set to '{Printable.Clip(string.Join(' ', line.Arguments), 40)}', and the sshnet transport behaves only as '{value}'";
        }

        return "is not supported by the sshnet transport (it reads only HostName, User, Port, IdentityFile, ProxyJump, UserKnownHostsFile and IdentitiesOnly; see docs/transport.md)";
    }

    private static List<JumpHost> Hops(SshConfigLine line, HostEntry host, List<InventoryError> problems)
    {
        if (line.Arguments.Count != 1)
        {
            problems.Add(new InventoryError(line.Location, $"host '{host.Name}': ssh config ProxyJump takes one argument (hops separated by commas, no spaces), not {line.Arguments.Count}", "write ProxyJump [user@]host[:port], several separated by commas"));
            return [];
        }

        var text = line.Arguments[0];
        if (text.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        var hops = new List<JumpHost>();
        foreach (var item in JumpSpec.Split(text))
        {
            var (hop, problem) = JumpSpec.ParseHop(item);
            if (hop is null)
            {
                problems.Add(new InventoryError(line.Location, $"host '{host.Name}': ssh config ProxyJump '{Printable.Clip(item, 60)}' {problem}", "write ProxyJump [user@]host[:port], several separated by commas"));
            }
            else
            {
                hops.Add(hop);
            }
        }

        if (hops.Count > JumpSpec.MaxHops)
        {
            problems.Add(new InventoryError(line.Location, $"host '{host.Name}': ssh config ProxyJump has {hops.Count} hops, more than {JumpSpec.MaxHops}", "shorten the chain"));
        }

        return hops;
    }

    private static bool Check(SshConfigLine line, string? problem, string what, List<InventoryError> problems)
    {
        if (problem is null)
        {
            return true;
        }

        problems.Add(new InventoryError(line.Location, $"ssh config {what} '{Printable.Clip(string.Join(' ', line.Arguments), 60)}' {problem}", $"fix the {what} line"));
        return false;
    }

    // ssh's % tokens, as far as they mean something here; '~' is the home directory.
    private static string? Tokens(string text, SshConfigLine line, HostEntry original, HostEntry resolved, string home, string localUser, string allowed, List<InventoryError> problems)
    {
        var output = new System.Text.StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '%')
            {
                output.Append(text[i]);
                continue;
            }

            var token = i + 1 < text.Length ? text[i + 1] : '\0';
            i++;
            if (token == '%')
            {
                output.Append('%');
                continue;
            }

            string? value = allowed.Contains("%" + token, StringComparison.Ordinal) ? token switch
            {
                'd' => home,
                'h' => resolved.Address,
                'n' => original.Address,
                'p' => resolved.Port.ToString(CultureInfo.InvariantCulture),
                'r' => resolved.User ?? localUser,
                'u' => localUser,
                'l' => Environment.MachineName,
                _ => null,
            } : null;
            if (value is null)
            {
                problems.Add(new InventoryError(line.Location, $"ssh config {line.Written}: the token '%{Printable.Escape(token.ToString())}' is not supported by the sshnet transport", "use %h, %n, %p, %r, %u, %d or %%, or `transport: openssh` for this host"));
                return null;
            }

            output.Append(value);
        }

        return SshConfig.Expand(output.ToString(), home);
    }
}
