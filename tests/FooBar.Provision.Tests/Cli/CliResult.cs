namespace FooBar.Provision.Tests.Cli;

/// <summary>What one in-process run of <c>provision</c> returned and printed.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}--- stderr\n{Stderr}";
}
