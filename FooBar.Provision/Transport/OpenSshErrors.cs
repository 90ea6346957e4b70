using FooBar.Provision.Inventory;

namespace FooBar.Provision.Transport;

/// <summary>Tells a failure of ssh itself (or of sudo) from a command's own non-zero exit, and names it.</summary>
/// <remarks>
/// ssh exits with 255 when it fails; a remote command that exits with 255 itself is told apart by ssh's
/// messages on stderr. A command's own failure is not an exception: <see cref="Classify"/> returns null.
/// </remarks>
internal static class OpenSshErrors
{
    /// <summary>The exit code of ssh when ssh itself failed.</summary>
    public const int SshFailed = 255;

    private static readonly string[] HostKeyChanged = ["REMOTE HOST IDENTIFICATION HAS CHANGED", "has changed and you have requested strict checking"];
    private static readonly string[] HostKeyUnknown = ["host key is known for", "Host key verification failed"];
    private static readonly string[] Unreachable =
        ["Connection refused", "timed out", "No route to host", "Could not resolve hostname", "Network is unreachable", "Name or service not known"];

    private static readonly string[] TransientConnect =
        ["Connection refused", "Connection reset by", "Connection closed by", "kex_exchange_identification", "Broken pipe"];

    private static readonly string[] SshMessages = ["ssh: ", "kex_exchange_identification", "Connection closed by", "Connection reset by", "mux_client", "Control socket"];

    /// <summary>
    /// True when opening a connection failed before any session could start, in a way that may pass: the TCP connection
    /// was refused, or reset or closed by the server during the handshake (sshd restarting, MaxStartups). A timeout is
    /// not among them: it already took the whole connect timeout. Only ever asked of <c>ssh -N</c>, which runs no command.
    /// </summary>
    public static bool IsTransientConnectFailure(string log) =>
        !ContainsAny(log, HostKeyChanged) && !ContainsAny(log, HostKeyUnknown) && !log.Contains("Permission denied", StringComparison.Ordinal)
        && !log.Contains("timed out", StringComparison.Ordinal) && ContainsAny(log, TransientConnect);

    /// <summary>The exception for a failed ssh or sudo, or null when <paramref name="result"/> is the command's own.</summary>
    public static TransportException? Classify(HostEntry host, CommandResult result)
    {
        var stderr = result.StandardError;
        if (HostKeyNotRecorded(host, stderr) is { } notRecorded)
        {
            return notRecorded;
        }

        if (result.ExitCode == SshFailed)
        {
            return ClassifySsh(host, stderr);
        }

        return host.Become && result.ExitCode is 1 or 127 ? ClassifySudo(host, stderr) : null;
    }

    /// <summary>
    /// ssh's "Failed to add the host to the list of known hosts (FILE)" in <paramref name="log"/>: under accept-new the key
    /// was taken without being recorded, so every later key would be too. The host fails, whatever ssh's exit code.
    /// </summary>
    public static TransportException? HostKeyNotRecorded(HostEntry host, string log)
    {
        const string Marker = "Failed to add the host to the list of known hosts";
        var at = log.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var rest = log[(at + Marker.Length)..].Split('\n')[0].Trim();
        var path = rest.StartsWith('(') && rest.LastIndexOf(')') is var end and > 0 ? rest[1..end] : host.KnownHostsFile ?? "the user's known_hosts";
        return KnownHostsCheck.Unrecordable(host, path, "ssh reported that it could not add the key");
    }

    /// <summary>A message for a failed control request or an unknown failure, from ssh's stderr.</summary>
    public static string Describe(string stderr)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !line.StartsWith("@@@", StringComparison.Ordinal));
        var text = string.Join(" ", lines);
        return text.Length == 0 ? "(no message)" : text;
    }

    private static TransportException? ClassifySsh(HostEntry host, string stderr)
    {
        if (ContainsAny(stderr, HostKeyChanged))
        {
            return ChangedHostKey(host);
        }

        if (ContainsAny(stderr, HostKeyUnknown))
        {
            return UnknownHostKey(host);
        }

        if (stderr.Contains("Permission denied", StringComparison.Ordinal))
        {
            return LoginRefused(host, Describe(stderr));
        }

        if (ContainsAny(stderr, Unreachable))
        {
            return CannotReach(host, Describe(stderr));
        }

        return ContainsAny(stderr, SshMessages)
            ? new TransportException(host.Name, $"ssh to {Where(host)} failed: {Describe(stderr)}", OtherFailureHint(host, stderr))
            : null;
    }

    /// <summary>The hint for an ssh failure without a kind of its own: the key exchange when ssh named it, else to run ssh -v.</summary>
    public static string OtherFailureHint(HostEntry host, string log)
    {
        if (log.Contains("KexAlgorithms", StringComparison.Ordinal))
        {
            return $"The local ssh does not know one of the host's kex_algorithms ({string.Join(", ", host.KexAlgorithms)}): 'ssh -Q kex' lists the ones it knows (mlkem768x25519-sha256 needs OpenSSH 9.9); list those, or use transport: sshnet.";
        }

        if (log.Contains("no matching key exchange method", StringComparison.Ordinal))
        {
            return host.KexAlgorithms.Count > 0
                ? $"The host accepts none of its kex_algorithms ({string.Join(", ", host.KexAlgorithms)}): add one the server offers, or leave kex_algorithms out for the default list."
                : "The server offers no key exchange the local ssh offers: check the server's sshd KexAlgorithms.";
        }

        return "Run the same ssh command by hand with -v to see why.";
    }

    /// <summary>The host's key differs from the one recorded: refused in every mode.</summary>
    public static HostKeyMismatchException ChangedHostKey(HostEntry host) => new(
        host.Name,
        $"the host key of {Where(host)} has CHANGED since it was recorded in {KnownHosts(host)}; refusing to connect",
        HostKeyHint(host));

    /// <summary>No key is recorded for the host and checking is strict.</summary>
    public static HostKeyMismatchException UnknownHostKey(HostEntry host) => new(
        host.Name,
        $"no host key is known for {Where(host)} in {KnownHosts(host)} and host key checking is strict; refusing to connect",
        HostKeyHint(host));

    /// <summary>The server refused every key offered for the login; <paramref name="detail"/> is what the client said.</summary>
    public static AuthenticationFailedException LoginRefused(HostEntry host, string detail) => new(
        host.Name,
        $"{Where(host)} refused the login of {host.User ?? "the default user"}: {detail}",
        $"Check the user ({host.User ?? "not set"}) and identity_file ({host.IdentityFile ?? "not set: ssh's defaults and agent"}), " +
        "and that the public key is in the user's ~/.ssh/authorized_keys on the host.");

    /// <summary>Nothing answered at the host's address and port; <paramref name="detail"/> says what happened.</summary>
    public static HostUnreachableException CannotReach(HostEntry host, string detail) => new(
        host.Name,
        $"cannot reach {Where(host)}: {detail}",
        $"Check that {host.Address}:{host.Port} is the right address and port, that sshd runs there and that no firewall blocks it " +
        $"(connect timeout: {host.ConnectTimeoutSeconds} s).");

    /// <summary>Opening the connection failed in a way that may pass, <paramref name="tries"/> times: no command was sent.</summary>
    public static HostUnreachableException CannotOpen(HostEntry host, int tries, double seconds, string detail) => new(
        host.Name,
        $"cannot open an SSH connection to {Where(host)} ({tries} {(tries == 1 ? "try" : "tries")} in {seconds:0.0} s): {detail}",
        $"Check that sshd runs on {Where(host)} and accepts connections (MaxStartups, firewall); no command was sent to the host.");

    /// <summary>The jump host <paramref name="hop"/> of <paramref name="host"/> kept refusing (or resetting) its own connection.</summary>
    public static HostUnreachableException CannotOpenJumpHost(HostEntry host, string hop, int tries, double seconds, string detail) => new(
        host.Name,
        $"cannot open an SSH connection to the jump host {hop} on the way to {Where(host)} ({tries} {(tries == 1 ? "try" : "tries")} in {seconds:0.0} s): {detail}",
        $"Check that sshd runs on the jump host {hop} and accepts connections (MaxStartups, firewall), or the host's jump: list; no command was sent to the host.");

    /// <summary>The connection went away while a command ran: it may have run, and is not sent again.</summary>
    public static HostUnreachableException LostConnection(HostEntry host, string why) => new(
        host.Name,
        $"lost the SSH connection to {Where(host)} during a command ({why}); the command may have run on the host in part or whole, and is not sent again",
        "Check the host and the network to it, then run apply again: it finds what is left to do. keepalive_interval × keepalive_count_max sets how long a silent network is waited for.");

    /// <summary>sudo's refusal in a become command's stderr (password needed, wrong, no rights, no sudo), or null.</summary>
    public static AuthenticationFailedException? ClassifySudo(HostEntry host, string stderr)
    {
        var user = host.User ?? "the remote user";
        if (stderr.Contains("sudo: a password is required", StringComparison.Ordinal))
        {
            return new AuthenticationFailedException(
                host.Name,
                $"sudo on {Where(host)} asks {user} for a password and none is set",
                "Set become_password for the host (from env: or file:, never a literal), or allow passwordless sudo (NOPASSWD) for the user.");
        }

        if (stderr.Contains("incorrect password attempt", StringComparison.Ordinal) || stderr.Contains("Sorry, try again", StringComparison.Ordinal))
        {
            return new AuthenticationFailedException(host.Name, $"sudo on {Where(host)} refused the become_password of {user}", "Check the become_password the host's inventory refers to.");
        }

        if (stderr.Contains("is not in the sudoers file", StringComparison.Ordinal) || stderr.Contains("is not allowed to execute", StringComparison.Ordinal))
        {
            return new AuthenticationFailedException(host.Name, $"{user} may not use sudo on {Where(host)}", "Grant the user sudo rights on the host, or connect as another user.");
        }

        return stderr.Contains("sudo: not found", StringComparison.Ordinal) || stderr.Contains("sudo: command not found", StringComparison.Ordinal)
            ? new AuthenticationFailedException(host.Name, $"sudo is not installed on {Where(host)}, so become cannot work", "Install sudo on the host, or connect as root without become.")
            : null;
    }

    /// <summary>What to do about a changed or unknown host key (shared by both transports).</summary>
    internal static string HostKeyHint(HostEntry host)
    {
        var entry = host.Port == 22 ? host.Address : $"[{host.Address}]:{host.Port}";
        ShellScript file = host.KnownHostsFile is { } path ? $" -f {path}" : ShellScript.Empty;
        ShellScript commands = $"ssh-keygen -R {entry}{file}, and ssh-keyscan -p {host.Port} {host.Address}";
        return $"Check the host first (a new key can mean a reinstalled server, or someone in between). Then replace the recorded key: " +
            $"{commands} to fetch the new one " +
            "(compare its fingerprint out of band); or set host_key_checking: accept-new for a first contact.";
    }

    private static string Where(HostEntry host) => $"{host.Address}:{host.Port}";

    private static string KnownHosts(HostEntry host) => host.KnownHostsFile ?? "the user's known_hosts";

    private static bool ContainsAny(string text, string[] patterns) =>
        patterns.Any(pattern => text.Contains(pattern, StringComparison.Ordinal));
}
