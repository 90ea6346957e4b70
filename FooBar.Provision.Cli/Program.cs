using System.CommandLine;
using FooBar.Provision.Cli.Commands;

namespace FooBar.Provision.Cli;

/// <summary>The verbs of <c>provision</c>; the entry points are <see cref="ProvisionCommandLine"/> (the built-in tool) and <see cref="ProvisionApplication"/> (a program of your own).</summary>
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
        RunCommand.Create,
        CompletionCommand.Create,
    ];
}
