using System.Diagnostics;
using FooBar.Provision.Cli;

namespace FooBar.Provision.IntegrationTests;

/// <summary>Runs the <c>provision</c> command in-process with the real OpenSSH transport and captures what it printed.</summary>
internal sealed record CliRun(int ExitCode, string Stdout, string Stderr, TimeSpan WallTime)
{
    public static async Task<CliRun> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var services = CliServices.CreateDefault() with { StdoutIsTerminal = () => false };
        var clock = Stopwatch.StartNew();
        var exitCode = await CliApp.RunAsync(args, stdout, stderr, services);
        return new CliRun(exitCode, stdout.ToString(), stderr.ToString(), clock.Elapsed);
    }

    public override string ToString() => $"exit {ExitCode} in {WallTime.TotalSeconds:0.000}s\n--- stdout\n{Stdout}--- stderr\n{Stderr}";
}
