using System.Diagnostics;
using FooBar.Provision.Inventory;
using FooBar.Provision.Reporting;
using FooBar.Provision.Rolling;

namespace FooBar.Provision.Planning;

/// <summary>A rolling apply: batch after batch, stopping at the first batch whose failures pass max_fail_percentage.</summary>
public sealed partial class ProvisionEngine
{
    private async Task<RunReport> RollOutAsync(IReadOnlyList<HostEntry> hosts, IReadOnlyList<Batch> batches, RunOptions options, IRunObserver observer, Stopwatch clock, CancellationToken cancellationToken)
    {
        var reports = new Dictionary<string, HostReport>(StringComparer.Ordinal);
        var outcomes = new List<BatchReport>();
        string? stopped = null;
        await using var rolling = new RollingBatch(_catalog, _connections, options, observer, hosts);
        foreach (var batch in batches)
        {
            if (stopped is not null)
            {
                outcomes.Add(Report(batch, BatchStatus.NotRun));
                continue;
            }

            var ran = batch.Rolling
                ? await rolling.RunAsync(
                    batch,
                    selected => ConvergeAsync(selected, options, observer, cancellationToken),
                    selected => ConvergeAsync(selected, options with { DryRun = true }, new NullObserver(), cancellationToken),
                    cancellationToken).ConfigureAwait(false)
                : await ConvergeAsync(batch.Hosts, options, observer, cancellationToken).ConfigureAwait(false);
            foreach (var report in ran)
            {
                reports[report.Host] = report with { Batch = batch.Number };
            }

            var failed = ran.Count(r => r.Status is HostStatus.Failed or HostStatus.Unreachable);
            if (batch.StopsAt(failed))
            {
                outcomes.Add(Report(batch, BatchStatus.Failed));
                var later = batches.Count - batch.Number;
                stopped = $"batch {batch.Number} of {batches.Count}: {failed} of {batch.Hosts.Count} host(s) failed, more than max_fail_percentage {batch.MaxFailPercentage}% allows; "
                    + (later == 1 ? "batch " + batches.Count : $"batches {batch.Number + 1} to {batches.Count}") + " left untouched";
            }
            else
            {
                outcomes.Add(Report(batch, BatchStatus.Succeeded));
            }
        }

        if (stopped is not null)
        {
            await ReportUntouchedAsync(batches, reports, stopped, options, observer, cancellationToken).ConfigureAwait(false);
        }

        return new RunReport(false, [.. hosts.Select(h => reports[h.Name])], clock.Elapsed) { Rollout = new RolloutReport(outcomes, stopped) };
    }

    /// <summary>The hosts of the batches that did not run: not changed; their release read by a plan (read-only commands only).</summary>
    private async Task ReportUntouchedAsync(IReadOnlyList<Batch> batches, Dictionary<string, HostReport> reports, string stopped, RunOptions options, IRunObserver observer, CancellationToken cancellationToken)
    {
        var untouched = batches.SelectMany(b => b.Hosts.Select(h => (Host: h, b.Number))).Where(p => !reports.ContainsKey(p.Host.Name)).ToArray();
        var looked = await ConvergeAsync([.. untouched.Select(p => p.Host)], options with { DryRun = true }, new NullObserver(), cancellationToken).ConfigureAwait(false);
        foreach (var (host, number) in untouched)
        {
            var plan = looked.First(r => r.Host == host.Name);
            var report = new HostReport(host.Name, HostStatus.NotRun, plan.Facts, [], [], plan.RoundTrips, plan.Duration, $"not run: the rollout stopped at {stopped}")
            {
                Batch = number,
                Release = plan.Release,
            };
            reports[host.Name] = report;
            observer.HostFinished(report);
        }
    }
}
