using System.Diagnostics;
using FooBar.Provision.Inventory;
using FooBar.Provision.Reporting;
using FooBar.Provision.Roles;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Rolling;

/// <summary>
/// One batch of a rolling apply: each host drained on every load balancer that fronts it, the batch converged, then each
/// host put back in rotation once every balancer's own health check reports it up. A change a balancer refuses is rolled
/// back; a host that stays down is left in maintenance. Plans never come here: they touch no load balancer.
/// </summary>
internal sealed partial class RollingBatch(RoleCatalog catalog, IConnectionFactory connections, Planning.RunOptions options, IRunObserver observer, IReadOnlyList<HostEntry> selected)
    : IAsyncDisposable
{
    private readonly Dictionary<string, IHostConnection> _balancers = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);

    private InventoryView Inventory => options.Inventory ?? new InventoryView(selected);

    /// <summary>Runs <paramref name="batch"/>; <paramref name="converge"/> converges hosts as the engine always does, <paramref name="plan"/> plans them.</summary>
    /// <remarks>A host whose plan finds nothing to change (no pending resource, no owed handler) is not taken out of rotation: its apply writes nothing.</remarks>
    public async Task<IReadOnlyList<HostReport>> RunAsync(Batch batch, Func<IReadOnlyList<HostEntry>, Task<HostReport[]>> converge, Func<IReadOnlyList<HostEntry>, Task<HostReport[]>> plan, CancellationToken cancellationToken)
    {
        var fronts = new Dictionary<string, IReadOnlyList<BalancerFront>>(StringComparer.Ordinal);
        var refused = new Dictionary<string, HostReport>(StringComparer.Ordinal);
        var notes = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var converged = (await plan(batch.Hosts).ConfigureAwait(false)).Where(r => r.Status == HostStatus.Ok).Select(r => r.Host).ToHashSet(StringComparer.Ordinal);
        var settled = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            foreach (var host in batch.Hosts)
            {
                notes[host.Name] = [];
                if (converged.Contains(host.Name))
                {
                    fronts[host.Name] = [];
                    notes[host.Name].Add("nothing to change: not taken out of rotation");
                    continue;
                }

                try
                {
                    fronts[host.Name] = Fronting(host);
                }
                catch (ProvisionException e)
                {
                    refused[host.Name] = Refused(host, batch, $"cannot tell which load balancers front it: {e.Message}", []);
                    continue;
                }

                if (await DrainAsync(host, fronts[host.Name], notes[host.Name], cancellationToken).ConfigureAwait(false) is { } problem)
                {
                    refused[host.Name] = Refused(host, batch, problem, notes[host.Name]);
                }
            }

            var ran = await converge([.. batch.Hosts.Where(h => !refused.ContainsKey(h.Name))]).ConfigureAwait(false);
            var reports = new List<HostReport>();
            foreach (var host in batch.Hosts)
            {
                if (refused.TryGetValue(host.Name, out var refusal))
                {
                    reports.Add(refusal);
                    continue;
                }

                var report = ran.First(r => r.Host == host.Name);
                reports.Add(fronts[host.Name].Count == 0 ? report with { Notes = [.. report.Notes, .. notes[host.Name]] } : await BackInRotationAsync(host, report, fronts[host.Name], notes[host.Name], cancellationToken).ConfigureAwait(false));
                settled.Add(host.Name);
            }

            return reports;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await RestoreAfterInterruptAsync(fronts.Where(f => !settled.Contains(f.Key)).SelectMany(f => f.Value)).ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _balancers.Values)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }

        _gate.Dispose();
    }

    /// <summary>Every load balancer of the inventory whose role says it fronts <paramref name="host"/>.</summary>
    private List<BalancerFront> Fronting(HostEntry host)
    {
        var fronts = new List<BalancerFront>();
        foreach (var balancer in Inventory.Hosts.Where(b => b.Name != host.Name))
        {
            var providers = catalog.RolesOf(balancer).OfType<IDrainProvider>().ToArray();
            if (providers.Length == 0)
            {
                continue;
            }

            var variables = catalog.VariablesFor(balancer);
            fronts.AddRange(providers.Select(p => (Provider: p, Target: p.Fronts(balancer, variables, host, Inventory)))
                .Where(p => p.Target is not null)
                .Select(p => new BalancerFront(selected.FirstOrDefault(s => s.Name == balancer.Name) ?? balancer, p.Provider, p.Target!)));
        }

        return fronts;
    }

    private async Task<IHostConnection> BalancerAsync(HostEntry balancer, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_balancers.TryGetValue(balancer.Name, out var connection))
            {
                connection = connections.Open(balancer);
                _balancers[balancer.Name] = connection;
            }

            return connection;
        }
        finally
        {
            _gate.Release();
        }
    }

    // A host that could not be taken out of rotation is not touched: converging it would cut the requests it serves.
    private static HostReport Refused(HostEntry host, Batch batch, string problem, List<string> notes) =>
        new(host.Name, HostStatus.Failed, null, [], [], 0, TimeSpan.Zero, $"not converged: {problem}") { Batch = batch.Number, Notes = [.. notes] };

    private static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " s";

    private static string Elapsed(Stopwatch clock) => Seconds(clock.Elapsed);
}
