namespace FooBar.Provision.Cli.Commands;

/// <summary>How one host ran the command of <c>provision run</c>.</summary>
/// <param name="Host">The inventory name.</param>
/// <param name="Status"><c>ok</c> (exit 0), <c>failed</c> (another exit code, or the command could not run) or <c>unreachable</c>.</param>
/// <param name="ExitCode">The command's exit code, or null when it did not run to the end.</param>
/// <param name="StandardOutput">What it printed on standard output (secrets masked when shown).</param>
/// <param name="StandardError">What it printed on standard error.</param>
/// <param name="Duration">Wall time for the host, connecting included.</param>
/// <param name="Error">Why the command did not run to the end, or null.</param>
internal sealed record AdHocResult(string Host, string Status, int? ExitCode, string StandardOutput, string StandardError, TimeSpan Duration, string? Error = null)
{
    public bool Succeeded => Status == "ok";
}
