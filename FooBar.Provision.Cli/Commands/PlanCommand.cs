using System.CommandLine;

namespace FooBar.Provision.Cli.Commands;

/// <summary><c>provision plan INVENTORY</c>: show what apply would change, change nothing (apply --dry-run).</summary>
internal static class PlanCommand
{
    public static Command Create(CliContext context)
    {
        var arguments = new RunArguments();
        var command = arguments.AddTo(
            new Command("plan", "Show what 'apply' would change, with diffs, and change nothing: only read-only commands (facts and probes) reach the hosts. Same as 'apply --dry-run'. Exit 0 nothing pending, 2 changes pending, 1 a host failed, 3 bad input (nothing contacted)."),
            arguments.Limit, arguments.Slice, arguments.Roles, arguments.Tags, arguments.SkipTags, arguments.Forks, arguments.Vars, arguments.Transport, arguments.StateDirectory, arguments.Serial, arguments.MaxFailPercentage, arguments.Output, arguments.Verbose, arguments.NoColor);
        command.SetAction((parseResult, cancellationToken) =>
            new ProvisionRun(context).RunAsync(arguments.Read(parseResult) with { DryRun = true }, cancellationToken));
        return command;
    }
}
