using System.Diagnostics;
using FooBar.Provision.Inventory;
using FooBar.Provision.Reporting;
using FooBar.Provision.Roles;

namespace FooBar.Provision.Rolling;

/// <summary>Out of rotation and back: drain, wait for the health check, ready (or maintenance), and the rollback in between.</summary>
internal sealed partial class RollingBatch
{
    /// <summary>Drains <paramref name="host"/> on every balancer; the problem when one refused (the host is put back ready where it was drained).</summary>
    private async Task<string?> DrainAsync(HostEntry host, IReadOnlyList<BalancerFront> fronts, List<string> notes, CancellationToken cancellationToken)
    {
        var drained = new List<BalancerFront>();
        foreach (var front in fronts)
        {
            try
            {
                var balancer = await BalancerAsync(front.Balancer, cancellationToken).ConfigureAwait(false);
                observer.Detail(host.Name, $"draining on {front}");
                await front.Provider.SetStateAsync(balancer, front.Target, DrainState.Drain, cancellationToken).ConfigureAwait(false);
                drained.Add(front);
                notes.Add(await WaitDrainedAsync(front, cancellationToken).ConfigureAwait(false));
            }
            catch (ProvisionException e)
            {
                foreach (var done in drained)
                {
                    await TrySetAsync(done, DrainState.Ready, cancellationToken).ConfigureAwait(false);
                }

                return $"draining it on {front} failed: {e.Message}";
            }
        }

        return null;
    }

    private async Task<string> WaitDrainedAsync(BalancerFront front, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var balancer = await BalancerAsync(front.Balancer, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var reading = await front.Provider.ReadAsync(balancer, front.Target, cancellationToken).ConfigureAwait(false);
            if (reading.Sessions <= 0)
            {
                return $"drained on {front}: no session after {Elapsed(clock)}";
            }

            if (clock.Elapsed >= options.Drain.DrainTimeout)
            {
                return $"drained on {front}: {reading.Sessions} session(s) still open after {Elapsed(clock)} (the drain timeout); converged anyway";
            }

            await Task.Delay(options.Drain.PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>After the converge: ready where the balancer sees the host up; a change it refuses is rolled back; a host that stays down is left in maintenance.</summary>
    private async Task<HostReport> BackInRotationAsync(HostEntry host, HostReport report, IReadOnlyList<BalancerFront> fronts, List<string> notes, CancellationToken cancellationToken)
    {
        var converged = report.Status is HostStatus.Ok or HostStatus.Changed;
        var health = await WaitAllUpAsync(fronts, cancellationToken).ConfigureAwait(false);
        var error = report.Error;
        var status = report.Status;
        var release = report.Release;
        if (converged && health.Any(h => !h.Up))
        {
            var refusedBy = string.Join(", ", health.Where(h => !h.Up).Select(h => $"{h.Front.Balancer.Name}: {h.Detail}"));
            string rolledBack;
            try
            {
                release = await RollBackAsync(host, report, cancellationToken).ConfigureAwait(false);
                rolledBack = release is null ? "no role of the host can roll it back" : $"rolled back to release {release}";
            }
            catch (ProvisionException e)
            {
                rolledBack = $"rolling it back failed: {e.Message}";
            }

            status = HostStatus.Failed;
            error = $"the load balancer's health check did not report it up after the change ({refusedBy}); {rolledBack}";
            health = await WaitAllUpAsync(fronts, cancellationToken).ConfigureAwait(false);
        }

        var rotation = new List<RotationReport>();
        foreach (var (front, up, detail) in health)
        {
            var state = up ? DrainState.Ready : DrainState.Maint;
            var set = await TrySetAsync(front, state, cancellationToken).ConfigureAwait(false);
            var back = up && set is null;
            var outcome = set is not null ? $"setting it {state.ToString().ToLowerInvariant()} failed: {set}" : up ? "back in rotation" : "left in MAINT";
            rotation.Add(new RotationReport(front.Balancer.Name, front.Target.ToString(), back, $"{detail}; {outcome}"));
        }

        if (rotation.Any(r => !r.BackInRotation))
        {
            status = HostStatus.Failed;
            var left = string.Join(", ", rotation.Where(r => !r.BackInRotation).Select(r => r.Balancer));
            error = (error is null ? "" : error + "; ") + $"out of rotation on {left}: set it ready on the load balancer once it answers (or apply again)";
        }

        return report with { Status = status, Error = error, Release = release, Rotation = rotation, Notes = [.. report.Notes, .. notes] };
    }

    private async Task<List<(BalancerFront Front, bool Up, string Detail)>> WaitAllUpAsync(IReadOnlyList<BalancerFront> fronts, CancellationToken cancellationToken)
    {
        var waits = fronts.Select(async front => (front, await WaitUpAsync(front, cancellationToken).ConfigureAwait(false))).ToArray();
        var results = await Task.WhenAll(waits).ConfigureAwait(false);
        return [.. results.Select(r => (r.front, r.Item2.Up, r.Item2.Detail))];
    }

    private async Task<(bool Up, string Detail)> WaitUpAsync(BalancerFront front, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        TimeSpan? upSince = null;
        var last = "no reading";
        while (true)
        {
            try
            {
                var balancer = await BalancerAsync(front.Balancer, cancellationToken).ConfigureAwait(false);
                var reading = await front.Provider.ReadAsync(balancer, front.Target, cancellationToken).ConfigureAwait(false);
                last = reading.Status;
                upSince = reading.Up ? upSince ?? clock.Elapsed : null;
                if (upSince is { } since && clock.Elapsed - since >= options.Drain.HealthSettle)
                {
                    return (true, $"health check UP after {Elapsed(clock)}");
                }
            }
            catch (ProvisionException e)
            {
                last = e.Message;
                upSince = null;
            }

            if (clock.Elapsed >= options.Drain.HealthTimeout)
            {
                return (false, $"health check not UP within {Seconds(options.Drain.HealthTimeout)} (last: {last})");
            }

            await Task.Delay(options.Drain.PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// After Ctrl+C (or any cancellation) with hosts out of rotation: sets each of them ready again, bounded by
    /// <see cref="RestoreBound"/> and best effort, so an interruption never leaves a balancer short of a server. Ready is
    /// safe whatever state the host was left in: the balancer's own health check still keeps a failing server out.
    /// </summary>
    private async Task RestoreAfterInterruptAsync(IEnumerable<BalancerFront> fronts)
    {
        using var bound = new CancellationTokenSource(RestoreBound);
        foreach (var front in fronts)
        {
            try
            {
                await TrySetAsync(front, DrainState.Ready, bound.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or InvalidOperationException)
            {
                observer.Detail(front.Target.Server, $"could not put it back in rotation on {front} after the interruption: {e.Message}");
            }
        }
    }

    /// <summary>How long putting interrupted hosts back in rotation may take, all balancers together.</summary>
    private static readonly TimeSpan RestoreBound = TimeSpan.FromSeconds(10);

    private async Task<string?> TrySetAsync(BalancerFront front, DrainState state, CancellationToken cancellationToken)
    {
        try
        {
            var balancer = await BalancerAsync(front.Balancer, cancellationToken).ConfigureAwait(false);
            await front.Provider.SetStateAsync(balancer, front.Target, state, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (ProvisionException e)
        {
            return e.Message;
        }
    }

    /// <summary>The release the host runs after its roles rolled it back, or null when none of its roles can.</summary>
    private async Task<string?> RollBackAsync(HostEntry host, HostReport report, CancellationToken cancellationToken)
    {
        var roles = catalog.RolesOf(host);
        var rollback = roles.OfType<IReleaseRollback>().FirstOrDefault();
        if (rollback is null || report.Facts is not { } facts)
        {
            return null;
        }

        var context = new RoleContext(host, facts, catalog.VariablesFor(host), options.InventoryDirectory) { Inventory = Inventory.Including(host) };
        var connection = connections.Open(host);
        await using (connection.ConfigureAwait(false))
        {
            observer.Detail(host.Name, "rolling back: the load balancer refused the change");
            return await rollback.RollBackAsync(context, roles, connection, cancellationToken).ConfigureAwait(false);
        }
    }
}
