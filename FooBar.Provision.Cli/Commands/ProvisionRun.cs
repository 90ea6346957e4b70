using FooBar.Provision.Cli.Rendering;
using FooBar.Provision.Planning;
using FooBar.Provision.Reporting;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Cli.Commands;

/// <summary>What plan and apply share: load and check the inventory, run the engine over the selected hosts, show the report.</summary>
internal sealed class ProvisionRun(CliContext context)
{
    public async Task<int> RunAsync(RunSettings settings, CancellationToken cancellationToken)
    {
        var catalog = context.Services.Catalog();
        var inventory = await InventoryLoading.LoadAsync(context, catalog, settings, settings.DryRun ? "plan" : "apply").ConfigureAwait(false);
        if (inventory is null)
        {
            return ExitCodes.BadInput;
        }

        using var stdout = new MaskingTextWriter(context.Stdout, inventory.Masker);
        using var stderr = new MaskingTextWriter(context.Stderr, inventory.Masker);
        var verb = settings.DryRun ? "plan" : "apply";
        var view = Views.Create(settings, context.Services, stdout, inventory.Hosts.Select(h => h.Name).ToArray(), verb);
        var options = new RunOptions
        {
            DryRun = settings.DryRun,
            Forks = settings.Forks,
            Roles = settings.Roles,
            Tags = settings.Tags,
            SkipTags = settings.SkipTags,
            InventoryDirectory = inventory.Model.Directory,
            Inventory = inventory.View,
            Serial = settings.Serial,
            MaxFailPercentage = settings.MaxFailPercentage,
            Drain = new Rolling.DrainOptions { DrainTimeout = settings.DrainTimeout, HealthTimeout = settings.HealthTimeout },
            LockWait = settings.LockWait,
            StateDirectory = settings.StateDirectory,
            FactsCacheDirectory = context.Services.FactsCacheDirectory,
        };
        await using var scope = new ConnectionScope(context.Services.ConnectionFactory());
        var factory = scope.Factory;
        var log = settings.Verbosity > 0 ? new CommandLog(stderr, inventory.Masker, settings.Verbosity) : null;
        var connections = settings.Verbosity >= 2 && log is not null ? new CommandLogConnectionFactory(factory, log) : factory;
        var engine = new ProvisionEngine(catalog, connections);
        var report = await view.RunAsync(observer => engine.RunAsync(inventory.Hosts, options, log is null ? observer : new DetailLogObserver(observer, log), cancellationToken)).ConfigureAwait(false);
        return report.ExitCode;
    }
}
