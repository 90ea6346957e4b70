using System.Security.Cryptography;
using System.Text;
using FooBar.Provision.Resources;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Roles.Firewall;

/// <summary>The role's nftables table: its file on the host and the table loaded in the kernel, replaced together.</summary>
/// <remarks>
/// <para>The probe reads the file's sha256, the live table's comment (which carries the digest of the rendered ruleset)
/// and the controller's SSH connection as the host sees it. In state when the file is the rendered one and the live
/// table carries its digest (so a table flushed or changed by hand is loaded again).</para>
/// <para>Before any change of the host (<see cref="Resource.CheckBeforeChanges"/>), a ruleset that would not accept a new
/// TCP connection from the controller's address to the port sshd answered on is refused: the host fails, nothing is
/// written. A change writes the new file beside the old one, checks it with <c>nft -c -f</c> (refused: the new file is
/// removed and the old ruleset and file stay), then loads it with <c>nft -f</c>: one transaction that deletes and
/// recreates only this table, so other tables are never touched and the table is never half loaded.</para>
/// </remarks>
internal sealed class NftRulesetResource : Resource
{
    /// <summary>The nftables family and name of the role's table.</summary>
    public const string Table = "inet foobar";

    private readonly byte[] _content;
    private readonly string _hash;
    private string? _note;

    /// <summary>Creates the resource.</summary>
    /// <param name="path">Where the ruleset file lives on the host.</param>
    /// <param name="content">The rendered ruleset.</param>
    /// <param name="digest">The value of the table's comment the rendered ruleset sets, or null when it sets none (an overridden template).</param>
    /// <param name="policy">The rules, to decide whether the controller keeps its SSH access.</param>
    /// <param name="confirmSeconds">How long the host waits for the controller's new connection before it puts the previous ruleset back (0: no guard).</param>
    public NftRulesetResource(string path, string content, string? digest, FirewallPolicy policy, long confirmSeconds)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(policy);
        Path = path;
        Content = content;
        Digest = digest;
        Policy = policy;
        ConfirmSeconds = confirmSeconds;
        _content = Encoding.UTF8.GetBytes(content);
        _hash = Convert.ToHexString(SHA256.HashData(_content)).ToLowerInvariant();
    }

    /// <summary>The ruleset file on the host.</summary>
    public string Path { get; }

    /// <summary>The rendered ruleset.</summary>
    public string Content { get; }

    /// <summary>The table comment the ruleset sets, or null.</summary>
    public string? Digest { get; }

    /// <summary>The rules.</summary>
    public FirewallPolicy Policy { get; }

    /// <summary>How long the host waits for the controller's new connection after a load (0: no guard).</summary>
    public long ConfirmSeconds { get; }

    /// <summary>Where the new ruleset is written before it is checked and loaded.</summary>
    public string NewPath => Path + ".new";

    /// <inheritdoc />
    public override string Kind => "nftables";

    /// <inheritdoc />
    public override string Name => Table;

    /// <inheritdoc />
    /// <remarks>
    /// <c>$SSH_CONNECTION</c> is looked for in the probe's own environment, then in its parents' (sudo, which become
    /// runs through, clears it for the command but keeps it itself). The file's content travels only when its hash
    /// differs from the desired one (for the plan's diff).
    /// </remarks>
    public override ShellScript ProbeScript =>
        $"fb_fw_c=${{SSH_CONNECTION:-}}; fb_fw_p=$PPID; fb_fw_n=0\n" +
        $"while [ -z \"$fb_fw_c\" ] && [ \"$fb_fw_n\" -lt 16 ] && [ \"${{fb_fw_p:-1}}\" -gt 1 ]; do " +
        $"fb_fw_c=$(tr '\\000' '\\n' < /proc/$fb_fw_p/environ 2>/dev/null | sed -n 's/^SSH_CONNECTION=//p' | head -n 1); " +
        $"fb_fw_p=$(sed -n 's/^PPid:[[:space:]]*//p' /proc/$fb_fw_p/status 2>/dev/null); fb_fw_n=$((fb_fw_n + 1)); done\n" +
        $"echo \"ssh $fb_fw_c\"\n" +
        $"if [ -f {Path} ]; then fb_fw_h=$(sha256sum < {Path} | cut -c1-64); echo \"file $fb_fw_h\"; " +
        $"if [ \"$fb_fw_h\" != {_hash} ]; then echo \"content $(base64 -w0 < {Path})\"; fi; else echo 'file absent'; fi\n" +
        $"if ! command -v nft >/dev/null 2>&1; then echo 'live absent'; " +
        $"elif fb_fw_t=$(nft list table inet foobar 2>/dev/null); then echo \"live $(printf '%s\\n' \"$fb_fw_t\" | sed -n 's/^[[:space:]]*comment \"\\(.*\\)\"$/\\1/p' | head -n 1)\"; " +
        $"else echo 'live absent'; fi";

    /// <inheritdoc />
    /// <remarks>Refuses a ruleset that would cut the controller off, before the host's first change.</remarks>
    public override void CheckBeforeChanges(ProbeResult current, PlanContext context)
    {
        ArgumentNullException.ThrowIfNull(current);
        var line = Value(current, "ssh");
        var ssh = SshConnection.Parse(line);
        if (ssh is null)
        {
            throw new ResourceFailedException(
                $"the new ruleset was not loaded: the host did not say where the controller connects from ($SSH_CONNECTION is {(string.IsNullOrWhiteSpace(line) ? "empty" : $"'{line}'")}), so it cannot be shown to keep SSH open; nothing was written",
                "connect to the host over SSH (the firewall role needs sshd's $SSH_CONNECTION to check the controller keeps its access)");
        }

        if (Policy.AcceptsTcp(ssh.Client, ssh.ServerPort))
        {
            return;
        }

        var network = ssh.Client.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? $"{ssh.Client}/32" : $"{ssh.Client}/128";
        var why = ssh.ServerPort != Policy.SshPort
            ? $"sshd answered this run on port {ssh.ServerPort}, but firewall_ssh_port is {Policy.SshPort} and no firewall_allow entry opens TCP port {ssh.ServerPort} to {ssh.Client}"
            : $"firewall_ssh_from ([{string.Join(", ", Policy.SshFrom)}]) does not hold {ssh.Client} and no firewall_allow entry opens TCP port {ssh.ServerPort} to it";
        var hint = ssh.ServerPort != Policy.SshPort
            ? $"set firewall_ssh_port: {ssh.ServerPort} for this host (the port sshd listens on)"
            : $"add the controller's address or its network to firewall_ssh_from (firewall_ssh_from: [{string.Join(", ", Policy.SshFrom.Append(network))}]), or add {{ port: {ssh.ServerPort}, from: [{network}] }} to firewall_allow; through a jump host, the host sees the jump host's address";
        throw new ResourceFailedException($"the new ruleset would cut the controller off, so it was refused and nothing was written: the host sees the controller as {ssh.Client}, and {why}", hint);
    }

    /// <inheritdoc />
    public override ResourceChange? Compare(ProbeResult current, PlanContext context)
    {
        ArgumentNullException.ThrowIfNull(current);
        CheckBeforeChanges(current, context);
        var file = Value(current, "file");
        var live = Value(current, "live");
        var fileInState = file == _hash;
        var liveInState = live != "absent" && (Digest is null || live == Digest);
        if (fileInState && liveInState)
        {
            return null;
        }

        var before = file == "absent" ? "" : Encoding.UTF8.GetString(Convert.FromBase64String(Value(current, "content")));
        var summary = (fileInState, live) switch
        {
            (true, "absent") => $"load table {Table} from {Path} (not loaded)",
            (true, _) => $"load table {Table} from {Path} (the loaded table differs from the file)",
            (false, _) when file == "absent" => $"write {Path} and load table {Table} ({RuleCount} accept rules), checked with nft -c first",
            _ => $"update {Path} and load table {Table} ({RuleCount} accept rules), checked with nft -c first",
        };
        return new ResourceChange(file == "absent" ? ChangeAction.Create : ChangeAction.Update, summary, ApplyAsync)
        {
            Diff = fileInState ? null : UnifiedDiff.Create(before, Content, Path),
            AppliedNote = () => _note,
        };
    }

    private int RuleCount => Policy.Rules.Count;

    private async Task ApplyAsync(IHostConnection connection, CancellationToken cancellationToken)
    {
        _note = null;
        await connection.WriteFileAsync(new RemoteFile(NewPath, _content, "0600", "root", "root"), cancellationToken).ConfigureAwait(false);
        if (connection is not IChecksNewConnections checker || ConfirmSeconds == 0)
        {
            Loaded(await connection.RunAsync(new RemoteCommand(LoadScript(null)), cancellationToken).ConfigureAwait(false));
            _note = ConfirmSeconds == 0 ? null : "not confirmed over a new connection (this transport cannot open one aside)";
            return;
        }

        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();
        Loaded(await connection.RunAsync(new RemoteCommand(LoadScript(token)), cancellationToken).ConfigureAwait(false));
        try
        {
            await checker.CheckNewConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (TransportException e)
        {
            var restored = await RestoreAsync(connection, token).ConfigureAwait(false);
            throw new ResourceFailedException(
                $"after the new ruleset was loaded, a new SSH connection to the host failed ({e.Message}); {restored}",
                "the rules accepted the controller's address as the host saw it: check for an overridden template, NAT or another route of new connections, and the rules of firewall_ssh_from");
        }

        var disarmed = await connection.RunAsync(new RemoteCommand(DisarmScript(token)), cancellationToken).ConfigureAwait(false);
        if (disarmed.StandardOutput.Trim() != "confirmed")
        {
            throw new ResourceFailedException($"the new ruleset was confirmed too late: the host had already put the previous ruleset back after firewall_confirm_seconds ({ConfirmSeconds} s)", "raise firewall_confirm_seconds above the host's connect_timeout, then apply again");
        }

        _note = "a new SSH connection was opened after the load";
    }

    // Puts the previous ruleset back over the open connection (its packets are established traffic); says what happened.
    private async Task<string> RestoreAsync(IHostConnection connection, string token)
    {
        try
        {
            var result = await connection.RunAsync(new RemoteCommand(RestoreScript(token)), CancellationToken.None).ConfigureAwait(false);
            return result.Succeeded
                ? $"the previous ruleset was loaded again and {Path} put back"
                : $"putting the previous ruleset back failed ({RemoteActions.Tail(result.StandardError)}); the host tries again by itself within {ConfirmSeconds} s of the load";
        }
        catch (TransportException)
        {
            return $"the open connection failed too: the host puts the previous ruleset back by itself within {ConfirmSeconds} s of the load";
        }
    }

    private void Loaded(CommandResult result)
    {
        var detail = RemoteActions.Tail(string.IsNullOrWhiteSpace(result.StandardError) ? result.StandardOutput : result.StandardError);
        switch (result.ExitCode)
        {
            case 0:
                return;
            case 3:
                throw new ResourceFailedException($"nft -c refused the new ruleset, so nothing was loaded: the previous ruleset and {Path} stay as they were. nft said: {detail}", "fix the rule nft names (an override of templates/firewall/firewall.nft.scriban, or a value of firewall_allow)");
            case 4:
                throw new ResourceFailedException($"nft -f failed to load the new ruleset (after nft -c accepted it), so the table was left as it was (nft loads a file in one transaction) and {Path} was not replaced. nft said: {detail}", "run the plan again; if it fails again, check the kernel's nf_tables support on the host");
            default:
                throw new ResourceFailedException($"loading the ruleset failed ({result.ExitText}): {detail}");
        }
    }

    /// <summary>
    /// Checks the new file (exit 3), then loads it (exit 4; one transaction: only this table is deleted and created) and
    /// puts it in place. With a <paramref name="token"/>, first arms the guard: what is loaded now is saved, and a
    /// process of its own puts it back after <see cref="ConfirmSeconds"/> unless the guard is disarmed.
    /// </summary>
    internal ShellScript LoadScript(string? token)
    {
        ShellScript check = $"if ! fb_fw_e=$(nft -c -f {NewPath} 2>&1); then rm -f {NewPath}; printf '%s\\n' \"$fb_fw_e\" >&2; exit 3; fi\n";
        ShellScript load = $"if ! fb_fw_e=$(nft -f {NewPath} 2>&1); then rm -f {NewPath} {GuardPath} {PreviousPath} {RestorePath}; printf '%s\\n' \"$fb_fw_e\" >&2; exit 4; fi\n" +
            $"mv -f {NewPath} {Path}";
        if (token is null)
        {
            return check + load;
        }

        ShellScript sleep = $"sleep {ConfirmSeconds}\n";
        var timer = sleep + RestoreScript(token);
        ShellScript arm =
            $"{{ printf 'table inet foobar {{}}\\ndelete table inet foobar\\n'; nft list table inet foobar 2>/dev/null; }} > {RestorePath}\n" +
            $"if [ -f {Path} ]; then cp -p {Path} {PreviousPath}; else rm -f {PreviousPath}; fi\n" +
            $"printf '%s\\n' {token} > {GuardPath}\n" +
            $"setsid sh -c {timer.Text} </dev/null >/dev/null 2>&1 &\n";
        return check + arm + load;
    }

    /// <summary>Unless the guard was disarmed: loads what was loaded before (or deletes the table when there was none) and puts the previous file back.</summary>
    internal ShellScript RestoreScript(string token) =>
        $"[ \"$(cat {GuardPath} 2>/dev/null)\" = {token} ] || exit 0\n" +
        $"rm -f {GuardPath}\n" +
        $"nft -f {RestorePath} 2>/dev/null || nft delete table inet foobar 2>/dev/null\n" +
        $"if [ -f {PreviousPath} ]; then mv -f {PreviousPath} {Path}; else rm -f {Path}; fi\n" +
        $"rm -f {RestorePath}\n" +
        $"echo restored";

    /// <summary>Disarms the guard: prints <c>confirmed</c>, or nothing when the guard had already put the previous ruleset back.</summary>
    internal ShellScript DisarmScript(string token) =>
        $"if [ \"$(cat {GuardPath} 2>/dev/null)\" = {token} ]; then rm -f {GuardPath} {PreviousPath} {RestorePath}; echo confirmed; fi";

    private string GuardPath => Path + ".guard";

    private string PreviousPath => Path + ".previous";

    private string RestorePath => Path + ".restore";

    private static string Value(ProbeResult probe, string key) =>
        probe.Output.Split('\n').FirstOrDefault(l => l.StartsWith(key + " ", StringComparison.Ordinal) || l == key)?[key.Length..].Trim() ?? "";
}
