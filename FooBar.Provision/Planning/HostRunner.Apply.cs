using System.Diagnostics;
using FooBar.Provision.Reporting;
using FooBar.Provision.Resources;

namespace FooBar.Provision.Planning;

internal sealed partial class HostRunner
{
    private async Task<HostReport> ApplyAsync(HostPlan plan, IReadOnlyList<ProbeResult> firstProbes, Facts.HostFacts facts, CancellationToken cancellationToken)
    {
        var probes = firstProbes.ToArray();
        var stale = false;
        var notified = new HashSet<string>(StringComparer.Ordinal);
        var everNotified = new HashSet<string>(StringComparer.Ordinal);
        var guarded = new List<GuardedFile>();
        string? failure = null;
        for (var i = 0; i < plan.Items.Count; i++)
        {
            var (role, resource) = plan.Items[i];
            if (failure is not null)
            {
                Add(new ResourceReport(resource.Id, role, ResourceStatus.Skipped, null, null, TimeSpan.Zero));
                continue;
            }

            if (stale)
            {
                // An earlier change (a package install, a service start) may have changed what the rest would see: look again, in one round trip.
                var rest = plan.Resources.Skip(i).ToArray();
                var fresh = await ProbeBatch.RunAsync(connection, rest, cancellationToken).ConfigureAwait(false);
                fresh.ToArray().CopyTo(probes, i);
                stale = false;
            }

            var clock = Stopwatch.StartNew();
            ResourceChange? change = null;
            try
            {
                change = resource.Compare(probes[i], new PlanContext(facts));
                if (change is null)
                {
                    Add(new ResourceReport(resource.Id, role, ResourceStatus.Ok, null, null, clock.Elapsed));
                    continue;
                }

                var validating = resource.Notify.Where(n => plan.Handlers[n].GuardsFiles).ToArray();
                if (validating.Length > 0 && change.ApplyWithBackup is not null && change.GuardedPath is not null)
                {
                    var backup = GuardedFile.BackupPathFor(change.GuardedPath);
                    await change.ApplyWithBackup(connection, backup, cancellationToken).ConfigureAwait(false);
                    guarded.AddRange(validating.Select(h => new GuardedFile(h, change.GuardedPath, backup, change.GuardedPathExisted)));
                }
                else
                {
                    await change.Apply(connection, cancellationToken).ConfigureAwait(false);
                }

                notified.ExceptWith(change.Satisfies);
                notified.UnionWith(resource.Notify);
                everNotified.UnionWith(resource.Notify);
                stale |= resource.StalesLaterProbes;
                Add(new ResourceReport(resource.Id, role, ResourceStatus.Changed, _masker.Mask(AppliedSummary(change)), MaskDiff(change), clock.Elapsed));
            }
            catch (ProvisionException e) when (e is not Transport.HostUnreachableException)
            {
                failure = $"{resource.Id}: {_masker.Mask(Describe(e))}";
                Add(new ResourceReport(resource.Id, role, ResourceStatus.Failed, change is null ? null : _masker.Mask(change.Summary), null, clock.Elapsed, _masker.Mask(Describe(e))));
            }
        }

        // Handlers run even when a later resource failed: the changes that did land (a new configuration) must not
        // wait for a next run that would find nothing to change and so never notify them again.
        var covered = plan.Handlers.Values.Where(h => notified.Contains(h.Name)).SelectMany(h => h.Covers).ToHashSet(StringComparer.Ordinal);
        var due = plan.Handlers.Values.Where(h => notified.Contains(h.Name) && !covered.Contains(h.Name));
        var satisfied = plan.Handlers.Values.Where(h => everNotified.Contains(h.Name) && !notified.Contains(h.Name));
        var handlers = await HandlerRunner.RunAsync(connection, due, satisfied, guarded, _masker, cancellationToken).ConfigureAwait(false);
        await HandlerRunner.RemoveUnusedBackupsAsync(connection, guarded, handlers, cancellationToken).ConfigureAwait(false);
        var handlerFailure = handlers.FirstOrDefault(h => h.Status == ResourceStatus.Failed);
        if (failure is not null || handlerFailure is not null)
        {
            return Finish(HostStatus.Failed, handlers, failure ?? $"handler {handlerFailure?.Name}: {handlerFailure?.Error}");
        }

        return Finish(_reports.Any(r => r.Status == ResourceStatus.Changed) ? HostStatus.Changed : HostStatus.Ok, handlers);
    }

    private static string AppliedSummary(ResourceChange change) =>
        change.AppliedNote?.Invoke() is { } note ? $"{change.Summary}; {note}" : change.Summary;
}
