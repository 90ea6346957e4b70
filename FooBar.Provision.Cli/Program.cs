using System.CommandLine;
using FooBar.Provision.Cli.Commands;

namespace FooBar.Provision.Cli;

/// <summary>The composition root of <c>provision</c>.</summary>
internal static class Program
{
    /// <summary>Every verb of <c>provision</c>, in help order: adding a verb is one class in Commands/ and one line here.</summary>
    internal static IReadOnlyList<Func<CliContext, Command>> Verbs { get; } =
    [
        PlanCommand.Create,
        ApplyCommand.Create,
        FactsCommand.Create,
        CheckCommand.Create,
        VerifyCommand.Create,
        RollbackCommand.Create,
    ];

    private static async Task<int> Main(string[] args)
    {
        using var signals = new TerminationSignals();
        var exitCode = await CliApp.RunAsync(args, Console.Out, Console.Error, CliServices.CreateDefault(), () => signals.ExitCode, signals.Token).ConfigureAwait(false);
        return signals.ExitCode ?? exitCode;
    }
}
