using System.Security.Cryptography;
using System.Text.RegularExpressions;
using FooBar.Provision.Roles.Firewall;
using FooBar.Provision.Testing;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Tests.Roles.Firewall;

/// <summary>
/// Teaches a <see cref="FakeHost"/> the firewall role's nftables: the probe (the controller's $SSH_CONNECTION, the
/// ruleset file's hash, the live table's comment) and the load script (nft -c, then nft -f, then the file moved in place).
/// </summary>
internal sealed partial class FakeNftables
{
    public FakeNftables(FakeHost host, string sshConnection = "192.0.2.250 50022 192.0.2.1 22")
    {
        Host = host;
        SshConnection = sshConnection;
        // One responder for every script of the resource (the load script holds the guard's restore script too).
        host.OnCommand(FirewallRole.RulesetPath, (h, script) =>
            script.Contains("fb_fw_c=${SSH_CONNECTION", StringComparison.Ordinal) ? Probe(script)
            : script.Contains("nft -c -f", StringComparison.Ordinal) ? Load(script)
            : script.Contains("echo confirmed", StringComparison.Ordinal) ? Disarm(script)
            : script.Contains("echo restored", StringComparison.Ordinal) ? Restore(script)
            : throw new NotSupportedException("FakeNftables does not know this script: " + script));
    }

    /// <summary>The guard armed by the last load: its token, and the file and table it puts back.</summary>
    public (string Token, string? File, string? Live)? Guard { get; private set; }

    /// <summary>When set, the guard's time is up as soon as a ruleset is loaded: it puts the previous one back before the controller confirms.</summary>
    public bool GuardFiresAtOnce { get; set; }

    /// <summary>How many times the guard put a previous ruleset back.</summary>
    public int Restores { get; private set; }

    public FakeHost Host { get; }

    /// <summary>What $SSH_CONNECTION holds on the host ("" for nothing).</summary>
    public string SshConnection { get; set; }

    /// <summary>The loaded table's comment, or null when the table is not loaded.</summary>
    public string? Live { get; set; }

    /// <summary>How many times a ruleset was loaded.</summary>
    public int Loads { get; private set; }

    /// <summary>When set, nft -c refuses every ruleset with this message.</summary>
    public string? CheckFails { get; set; }

    /// <summary>The host's ruleset and its table as loaded, as a converged host has them.</summary>
    public FakeNftables Loaded(string content)
    {
        Host.WithDirectory("/etc/foobar").WithFile(FirewallRole.RulesetPath, content, "600");
        Live = Comment(content);
        return this;
    }

    private CommandResult Probe(string script)
    {
        var path = FirewallRole.RulesetPath;
        var lines = new List<string> { $"ssh {SshConnection}" };
        if (Host.Files.TryGetValue(path, out var file))
        {
            var hash = Convert.ToHexString(SHA256.HashData(file.Content.Span)).ToLowerInvariant();
            lines.Add($"file {hash}");
            if (!script.Contains(hash, StringComparison.Ordinal))
            {
                lines.Add($"content {Convert.ToBase64String(file.Content.Span)}");
            }
        }
        else
        {
            lines.Add("file absent");
        }

        lines.Add(Live is null || !Host.Packages.Contains("nftables") ? "live absent" : $"live {Live}");
        return new CommandResult(0, string.Join('\n', lines) + "\n", "");
    }

    private CommandResult Load(string script)
    {
        var next = FirewallRole.RulesetPath + ".new";
        var text = Host.File(next).Text;
        Host.Remove(next);
        if (CheckFails is not null)
        {
            return new CommandResult(3, "", CheckFails);
        }

        if (Token().Match(script) is { Success: true } armed)
        {
            Guard = (armed.Groups[1].Value, Host.Files.TryGetValue(FirewallRole.RulesetPath, out var old) ? old.Text : null, Live);
        }

        Host.WithFile(FirewallRole.RulesetPath, text, "600");
        Live = Comment(text);
        Loads++;
        if (GuardFiresAtOnce && Guard is { } fired)
        {
            Restore(fired.Token);
        }

        return new CommandResult(0, "", "");
    }

    private CommandResult Disarm(string script)
    {
        var armed = Guard is { } guard && script.Contains(guard.Token, StringComparison.Ordinal);
        Guard = armed ? null : Guard;
        return new CommandResult(0, armed ? "confirmed\n" : "", "");
    }

    /// <summary>What the guard does when its time is up (or the controller calls it): puts the previous file and table back.</summary>
    public CommandResult Restore(string script)
    {
        if (Guard is not { } guard || !script.Contains(guard.Token, StringComparison.Ordinal))
        {
            return new CommandResult(0, "", "");
        }

        Guard = null;
        Live = guard.Live;
        if (guard.File is null)
        {
            Host.Remove(FirewallRole.RulesetPath);
        }
        else
        {
            Host.WithFile(FirewallRole.RulesetPath, guard.File, "600");
        }

        Restores++;
        return new CommandResult(0, "restored\n", "");
    }

    private static string Comment(string content) => CommentLine().Match(content) is { Success: true } m ? m.Groups[1].Value : "";

    [GeneratedRegex(@"printf '%s\\n' '?([0-9a-f]{16})'? > ")]
    private static partial Regex Token();

    [GeneratedRegex("^\\s*comment \"(.*)\"$", RegexOptions.Multiline)]
    private static partial Regex CommentLine();
}
