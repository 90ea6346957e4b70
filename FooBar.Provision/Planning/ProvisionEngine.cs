using System.Diagnostics;
using FooBar.Provision.Inventory;
using FooBar.Provision.Reporting;
using FooBar.Provision.Roles;
using FooBar.Provision.Rolling;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Planning;

/// <summary>Plans and applies roles on hosts, in parallel; a failed host does not stop the others.</summary>
public sealed partial class ProvisionEngine
{
    private readonly RoleCatalog _catalog;
    private readonly IConnectionFactory _connections;

    /// <summary>Creates an engine over a role catalog and a way to reach hosts.</summary>
    public ProvisionEngine(RoleCatalog catalog, IConnectionFactory connections)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(connections);
        _catalog = catalog;
        _connections = connections;
    }

    /// <summary>Plans (<see cref="RunOptions.DryRun"/>) or applies every host, at most <see cref="RunOptions.Forks"/> at once.</summary>
    /// <remarks>
    /// In a plan only read-only commands (facts and probes) reach the hosts. Every host's variables are checked against
    /// its roles' declarations first (and against the rest of the inventory, <see cref="RunOptions.Inventory"/>), and their template overrides parsed: when any value or override is wrong, nothing is contacted.
    /// With a serial (<see cref="RunOptions.Serial"/> or a group's <c>serial:</c>) an apply converges the hosts in
    /// batches, drains each host on the load balancers that front it, and stops at a batch that fails
    /// (<see cref="RunReport.Rollout"/>; docs/rolling-deploys.md).
    /// </remarks>
    /// <exception cref="InventoryException">A variable breaks its declaration or an override template is wrong (every problem of every host is listed).</exception>
    public async Task<RunReport> RunAsync(IReadOnlyList<HostEntry> hosts, RunOptions options, IRunObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        ArgumentNullException.ThrowIfNull(options);
        options = options.Inventory is null ? options with { Inventory = new InventoryView(hosts) } : options;
        var problems = _catalog.Validate(hosts, options.Roles, options.Inventory);
        if (problems.Count == 0)
        {
            problems = _catalog.CheckTemplates(hosts, options.InventoryDirectory, options.Roles, inventory: options.Inventory);
        }

        if (problems.Count > 0)
        {
            throw new InventoryException(problems);
        }

        observer ??= new NullObserver();
        var clock = Stopwatch.StartNew();
        var batches = RolloutPlanner.Plan(hosts, options.Inventory!, options);
        if (batches.All(b => !b.Rolling))
        {
            return new RunReport(options.DryRun, await ConvergeAsync(hosts, options, observer, cancellationToken).ConfigureAwait(false), clock.Elapsed);
        }

        if (options.DryRun)
        {
            // A plan shows the batches an apply would run, and touches no load balancer.
            var planned = await ConvergeAsync(hosts, options, observer, cancellationToken).ConfigureAwait(false);
            var numbers = batches.SelectMany(b => b.Hosts.Select(h => (h.Name, b.Number))).ToDictionary(p => p.Name, p => p.Number, StringComparer.Ordinal);
            return new RunReport(true, [.. planned.Select(r => r with { Batch = numbers[r.Host] })], clock.Elapsed)
            {
                Rollout = new RolloutReport([.. batches.Select(b => Report(b, BatchStatus.Planned))], null),
            };
        }

        return await RollOutAsync(hosts, batches, options, observer, clock, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every host at once (at most <see cref="RunOptions.Forks"/>), as a run without batches does.</summary>
    private async Task<HostReport[]> ConvergeAsync(IReadOnlyList<HostEntry> hosts, RunOptions options, IRunObserver observer, CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(Math.Max(1, options.Forks));
        var tasks = hosts.Select(async host =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await using var connection = _connections.Open(host);
                return await new HostRunner(_catalog, host, connection, options, observer, _connections).RunAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        }).ToArray();
        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    private static BatchReport Report(Batch batch, BatchStatus status) => new(batch.Number, batch.Group, [.. batch.Hosts.Select(h => h.Name)], status);

    private sealed class NullObserver : IRunObserver;
}
