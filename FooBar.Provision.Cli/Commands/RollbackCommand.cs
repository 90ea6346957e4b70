using System.CommandLine;
using FooBar.Provision.Facts;
using FooBar.Provision.Inventory;
using FooBar.Provision.Reporting;
using FooBar.Provision.Roles;
using FooBar.Provision.Roles.AppFiles;
using FooBar.Provision.Transport;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Cli.Commands;

/// <summary><c>provision rollback INVENTORY</c>: switch each app-files host's <c>current</c> release back by one and reload its app server.</summary>
internal static class RollbackCommand
{
    public static Command Create(CliContext context)
    {
        var arguments = new RunArguments();
        var command = arguments.AddTo(
            new Command("rollback", "Switch the application of each host with the app-files role back to the release that was live before the current one (atomically), then reload its app server gracefully. The next 'apply' deploys app_source again. Exit 0, 1 when a host failed, 3 bad input."),
            arguments.Limit, arguments.Vars, arguments.Transport, arguments.Verbose, arguments.NoColor);
        command.SetAction((parseResult, cancellationToken) => RunAsync(context, arguments.Read(parseResult), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, RunSettings settings, CancellationToken cancellationToken)
    {
        var catalog = context.Services.Catalog();
        var inventory = await InventoryLoading.LoadAsync(context, catalog, settings, "rollback").ConfigureAwait(false);
        if (inventory is null)
        {
            return ExitCodes.BadInput;
        }

        var hosts = inventory.Hosts.Where(h => h.Roles.Contains("app-files")).ToArray();
        if (hosts.Length == 0)
        {
            await context.Stderr.WriteLineAsync("no selected host has the app-files role: nothing to roll back").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        await using var scope = new ConnectionScope(context.Services.ConnectionFactory());
        using var stderr = new Rendering.MaskingTextWriter(context.Stderr, inventory.Masker);
        // A rollback is a few commands per host: -v and -vv show one line per command with its exit and time, -vvv the scripts.
        var factory = settings.Verbosity > 0 ? new CommandLogConnectionFactory(scope.Factory, new Rendering.CommandLog(stderr, inventory.Masker, Math.Max(2, settings.Verbosity))) : scope.Factory;
        var exit = ExitCodes.Success;
        foreach (var host in hosts)
        {
            var line = await RollbackAsync(factory, catalog, host, inventory.Model.Directory, cancellationToken).ConfigureAwait(false);
            exit = line.StartsWith("failed", StringComparison.Ordinal) ? ExitCodes.HostFailed : exit;
            await context.Stdout.WriteLineAsync(inventory.Masker.Mask($"{host.Name}  {line}")).ConfigureAwait(false);
        }

        return exit;
    }

    private static async Task<string> RollbackAsync(IConnectionFactory factory, RoleCatalog catalog, HostEntry host, string inventoryDirectory, CancellationToken cancellationToken)
    {
        var connection = factory.Open(host);
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                var variables = catalog.VariablesFor(host);
                var appRoot = "/srv/" + variables.GetString("app_name");
                var (from, to) = await AppFilesRollback.RollbackAsync(connection, appRoot, cancellationToken).ConfigureAwait(false);
                var reloaded = await ReloadAppServerAsync(connection, catalog, host, variables, inventoryDirectory, cancellationToken).ConfigureAwait(false);
                return $"rolled back {appRoot}/current: {from} -> {to}{reloaded}  round_trips={connection.RoundTrips}";
            }
            catch (ProvisionException e)
            {
                return $"failed: {e.Message}" + (e.Hint is null ? "" : $" (hint: {e.Hint})");
            }
        }
    }

    // The app-server role's own "reload app-server" handler (it starts a stopped service), then its health check: the
    // rollback succeeds when the application answers, as an apply's release switch does.
    private static async Task<string> ReloadAppServerAsync(IHostConnection connection, RoleCatalog catalog, HostEntry host, VariableSet variables, string inventoryDirectory, CancellationToken cancellationToken)
    {
        if (!host.Roles.Contains("app-server"))
        {
            return "";
        }

        var facts = await FactsGatherer.GatherAsync(connection, cancellationToken).ConfigureAwait(false);
        return ", " + await AppServerReload.RunAsync(catalog.Get("app-server"), new RoleContext(host, facts, variables, inventoryDirectory), connection, cancellationToken).ConfigureAwait(false);
    }
}
