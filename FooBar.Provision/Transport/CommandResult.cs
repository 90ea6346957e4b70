namespace FooBar.Provision.Transport;

/// <summary>What a remote command returned.</summary>
/// <param name="ExitCode">The command's exit code.</param>
/// <param name="StandardOutput">Everything it wrote to stdout.</param>
/// <param name="StandardError">Everything it wrote to stderr.</param>
public sealed record CommandResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>True when the exit code is 0.</summary>
    public bool Succeeded => ExitCode == 0;

    /// <summary>
    /// The exit code for an error message: <c>exit N</c>, and for 129–159, how a shell and both transports report a
    /// process ended by a signal (128 + its number), the signal and what usually sends it — the output of a process
    /// killed from outside says nothing about why. For example <c>exit 137 (killed by signal KILL: kill -9, the OOM
    /// killer or a shutdown)</c>.
    /// </summary>
    public string ExitText => ExitCode - 128 is >= 1 and <= 31 and var signal
        ? $"exit {ExitCode} (killed by signal {SignalText(signal)})"
        : $"exit {ExitCode}";

    private static string SignalText(int signal) => signal switch
    {
        1 => "HUP: the session or terminal went away",
        2 => "INT: Ctrl+C",
        6 => "ABRT: the program aborted",
        9 => "KILL: kill -9, the OOM killer or a shutdown",
        11 => "SEGV: the program crashed",
        13 => "PIPE: what read its output went away",
        15 => "TERM: a kill, a timeout or a shutdown",
        _ => signal.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
