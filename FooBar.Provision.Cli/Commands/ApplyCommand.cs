using System.CommandLine;

namespace FooBar.Provision.Cli.Commands;

/// <summary><c>provision apply INVENTORY</c>: converge the hosts (or, with --dry-run, only plan).</summary>
internal static class ApplyCommand
{
    public static Command Create(CliContext context)
    {
        var arguments = new RunArguments();
        var command = arguments.AddTo(
            new Command("apply", "Converge every host of the inventory: gather facts, probe every resource in one batch, then make only the changes needed. Hosts run in parallel; a failed host does not stop the others. Exit 0 applied or already converged, 1 a host failed, 3 bad input (nothing contacted)."),
            arguments.DryRun, arguments.Limit, arguments.Slice, arguments.Roles, arguments.Tags, arguments.SkipTags, arguments.Forks, arguments.Vars, arguments.Transport, arguments.LockWait, arguments.StateDirectory, arguments.Serial, arguments.MaxFailPercentage, arguments.DrainTimeout, arguments.HealthTimeout, arguments.Output, arguments.Verbose, arguments.NoColor);
        command.SetAction((parseResult, cancellationToken) =>
            new ProvisionRun(context).RunAsync(arguments.Read(parseResult), cancellationToken));
        return command;
    }
}
