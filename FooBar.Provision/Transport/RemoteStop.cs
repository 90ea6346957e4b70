using System.Security.Cryptography;

namespace FooBar.Provision.Transport;

/// <summary>
/// Stops a command's processes on the host once its local end was stopped (deadline or cancellation). ssh without a
/// terminal cannot signal a remote process, and sshd lets a session's processes run on after its channel closed: a
/// silent command would run to its end. So every command carries a marker on its first line (a no-op <c>:</c> word),
/// and stopping it is one more command: find the processes whose command line holds the marker (the shell, sudo), and
/// send SIGTERM to every process of their session (sshd starts each command in a session of its own).
/// </summary>
/// <remarks>
/// SIGTERM, not SIGKILL: a file write's script traps it and removes its temporary file on the way out ("nothing
/// half-done"). A process that ignores SIGTERM runs on. The host needs <c>pgrep</c>, <c>pkill</c> and <c>ps</c>
/// (procps, which Debian's openssh-server depends on).
/// </remarks>
internal static class RemoteStop
{
    private const string Prefix = "fbcmd-";

    /// <summary>A new marker, unique to one command.</summary>
    public static string NewMarker() => Prefix + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();

    /// <summary><paramref name="script"/> with <paramref name="marker"/> on its first line; line numbers stay as they were.</summary>
    public static string Tag(string marker, string script)
    {
        // The script is already a script (the text of a RemoteCommand); the marker is a value like any other.
        ShellScript tagged = $": {marker}; {ShellScript.Raw(script)}";
        return tagged.Text;
    }

    /// <summary>The script that sends SIGTERM to every process of the session of the command tagged with <paramref name="marker"/>.</summary>
    public static string Script(string marker)
    {
        // A bracket in the pattern keeps this script's own command line (which holds the pattern) from matching it.
        var pattern = Prefix[..^1] + "[" + Prefix[^1] + "]" + marker[Prefix.Length..];
        ShellScript script = $"for p in $(pgrep -f {pattern}); do s=$(ps -o sid= -p \"$p\" | tr -d ' '); " +
            $"if [ \"${{s:-0}}\" -gt 1 ]; then pkill -TERM -s \"$s\"; fi; done; exit 0";
        return script.Text;
    }
}
