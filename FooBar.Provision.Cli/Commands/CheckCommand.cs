using System.CommandLine;
using FooBar.Provision.Cli.Rendering;
using FooBar.Provision.Reporting;

namespace FooBar.Provision.Cli.Commands;

/// <summary><c>provision check INVENTORY</c>: load and validate the inventory and the roles' required variables; contact nothing.</summary>
internal static class CheckCommand
{
    public static Command Create(CliContext context)
    {
        var arguments = new RunArguments();
        var command = arguments.AddTo(
            new Command("check", "Load and validate the inventory (structure, hosts, groups, roles, secrets, every role variable against its declaration) without contacting any host. Prints every problem with file:line:column (or --var NAME), what was expected and an example. Exit 0 valid, 3 invalid."),
            arguments.Limit, arguments.Slice, arguments.Vars, arguments.Roles, arguments.Output);
        command.SetAction((parseResult, _) => RunAsync(context, arguments.Read(parseResult)));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, RunSettings settings)
    {
        var inventory = await InventoryLoading.LoadAsync(context, context.Services.Catalog(), settings, "check").ConfigureAwait(false);
        if (inventory is null)
        {
            return ExitCodes.BadInput;
        }

        var model = inventory.Model;
        foreach (var warning in context.Services.Catalog().UndeclaredVariables(inventory.Hosts))
        {
            var where = warning.Location.Line > 0 ? warning.Location.ToString() : warning.Location.File;
            await context.Stderr.WriteLineAsync($"{where}: warning: {warning.Message}\n  hint: {warning.Hint}").ConfigureAwait(false);
        }

        if (settings.Output == OutputFormat.Json)
        {
            await JsonErrors.WriteAsync(context.Stdout, "check", ExitCodes.Success, []).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        var hosts = model.Hosts.Count == 1 ? "1 host" : $"{model.Hosts.Count} hosts";
        var groups = model.Groups.Count == 1 ? "1 group" : $"{model.Groups.Count} groups";
        var output = context.Stdout;
        await output.WriteLineAsync($"inventory OK: {hosts}, {groups} ({model.Path})").ConfigureAwait(false);
        if (inventory.Slice is { } slice)
        {
            var limit = settings.Limit is null ? "" : " selected by --limit";
            await output.WriteLineAsync($"slice {slice}: {inventory.Hosts.Count} of the {inventory.LimitedCount} hosts{limit} (sorted by name, dealt round-robin into {slice.Count} slices)").ConfigureAwait(false);
        }

        var width = inventory.Hosts.Select(h => h.Name.Length).DefaultIfEmpty(0).Max();
        foreach (var host in inventory.Hosts)
        {
            var user = host.User is null ? "" : host.User + "@";
            var roles = host.Roles.Count == 0 ? "(no roles)" : string.Join(", ", host.Roles);
            var groupList = host.Groups.Count == 0 ? "" : $"  groups: {string.Join(", ", host.Groups)}";
            await output.WriteLineAsync($"  {host.Name.PadRight(width)}  {user}{host.Address}:{host.Port}  roles: {roles}{groupList}").ConfigureAwait(false);
        }

        await output.FlushAsync().ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
