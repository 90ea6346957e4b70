using System.Diagnostics;
using FooBar.Provision.Reporting;
using FooBar.Provision.Resources;

namespace FooBar.Provision.Planning;

internal sealed partial class HostRunner
{
    /// <summary>
    /// The one path of plan and apply: what an interrupted run owed, the probes, then each resource compared and, in an
    /// apply, changed. A plan stops before the first write: it reports the change as pending and goes on comparing.
    /// </summary>
    /// <param name="plan">The host's plan.</param>
    /// <param name="state">What the opening round trip found.</param>
    /// <param name="probed">The probes' answers when the opening script already ran them (facts as cached), else null.</param>
    /// <param name="cancellationToken">Ends the run.</param>
    private async Task<HostReport> ConvergeAsync(HostPlan plan, HostState state, IReadOnlyList<ProbeResult>? probed, CancellationToken cancellationToken)
    {
        _notes.AddRange(plan.Notes);
        var owed = await SettleDebtAsync(plan, cancellationToken).ConfigureAwait(false);
        if (probed is null)
        {
            observer.StepStarted(host.Name, Probes("probes", plan.Items.Count));
        }

        var probes = (probed ?? await ProbeBatch.RunAsync(connection, plan.Resources, cancellationToken).ConfigureAwait(false)).ToArray();
        var context = new PlanContext(state.Facts);
        var stale = false;
        var notified = new HashSet<string>(owed.StillOwed, StringComparer.Ordinal);
        var everNotified = new HashSet<string>(StringComparer.Ordinal);
        var guarded = new List<GuardedFile>();
        var (failure, refused) = CheckBeforeChanges(plan, probes, context);
        for (var i = 0; i < plan.Items.Count; i++)
        {
            var (role, resource) = plan.Items[i];
            if (failure is not null)
            {
                Add(i == refused.Index ? refused.Report! : new ResourceReport(resource.Id, role, ResourceStatus.Skipped, null, null, TimeSpan.Zero));
                continue;
            }

            if (stale)
            {
                // An earlier change (a package install, a service start) may have changed what the rest would see: look again, in one round trip.
                observer.StepStarted(host.Name, Probes("probes again", plan.Items.Count - i));
                var fresh = await ProbeBatch.RunAsync(connection, plan.Resources.Skip(i).ToArray(), cancellationToken).ConfigureAwait(false);
                fresh.ToArray().CopyTo(probes, i);
                stale = false;
            }

            var clock = Stopwatch.StartNew();
            ResourceChange? change = null;
            try
            {
                change = resource.Compare(probes[i], context);
                if (change is null || options.DryRun)
                {
                    Add(change is null
                        ? new ResourceReport(resource.Id, role, ResourceStatus.Ok, null, null, clock.Elapsed)
                        : new ResourceReport(resource.Id, role, ResourceStatus.Pending, _masker.Mask(change.Summary), MaskDiff(change), TimeSpan.Zero));
                    continue;
                }

                // From here on the host is written to: first the journal, when this change makes a handler owed.
                var guarding = resource.Notify.Where(n => plan.Handlers[n].GuardsFiles).ToArray();
                var guardedPath = guarding.Length > 0 && change.ApplyWithBackup is not null ? change.GuardedPath : null;
                var backup = guardedPath is null ? null : GuardedFile.BackupPathFor(guardedPath);
                var newlyGuarded = guardedPath is null || backup is null ? [] : guarding.Select(h => new GuardedFile(h, guardedPath, backup, change.GuardedPathExisted)).ToArray();
                observer.StepStarted(host.Name, resource.Id);
                await RecordOwedAsync(resource.Notify.Select(n => plan.Handlers[n]), newlyGuarded, cancellationToken).ConfigureAwait(false);
                if (backup is not null && change.ApplyWithBackup is not null)
                {
                    await change.ApplyWithBackup(connection, backup, cancellationToken).ConfigureAwait(false);
                    guarded.AddRange(newlyGuarded);
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

        if (options.DryRun)
        {
            var pending = _reports.Any(r => r.Status == ResourceStatus.Pending) || owed.Reports.Count > 0;
            return Finish(failure is not null ? HostStatus.Failed : pending ? HostStatus.Pending : HostStatus.Ok, owed.Reports) with { Release = Release(plan, probes, []) };
        }

        // Handlers run even when a later resource failed: the changes that did land (a new configuration) must not
        // wait for a next run that would find nothing to change and so never notify them again.
        var covered = plan.Handlers.Values.Where(h => notified.Contains(h.Name)).SelectMany(h => h.Covers).ToHashSet(StringComparer.Ordinal);
        var due = plan.Handlers.Values.Where(h => notified.Contains(h.Name) && !covered.Contains(h.Name)).ToArray();
        var satisfied = plan.Handlers.Values.Where(h => everNotified.Contains(h.Name) && !notified.Contains(h.Name)).ToArray();
        if (due.Length > 0)
        {
            observer.StepStarted(host.Name, "handlers: " + string.Join(", ", due.Select(h => h.Name)));
        }

        var ran = await HandlerRunner.RunAsync(connection, due, satisfied, guarded, _masker, cancellationToken).ConfigureAwait(false);
        var paid = Paid(ran, due).Concat(satisfied.Select(h => h.Name)).ToHashSet(StringComparer.Ordinal);
        await SettleJournalAsync(paid, guarded, ran, cancellationToken).ConfigureAwait(false);
        var handlers = owed.Reports.Concat(ran).ToArray();
        var handlerFailure = ran.FirstOrDefault(h => h.Status == ResourceStatus.Failed);
        var release = Release(plan, probes, handlers);
        if (failure is not null || handlerFailure is not null)
        {
            return Finish(HostStatus.Failed, handlers, failure ?? $"handler {handlerFailure?.Name}: {handlerFailure?.Error}") with { Release = release };
        }

        var changed = _reports.Any(r => r.Status == ResourceStatus.Changed) || handlers.Length > 0;
        return Finish(changed ? HostStatus.Changed : HostStatus.Ok, handlers) with { Release = release };
    }

    /// <summary>
    /// The release the host runs after this run, from the run's own results (no round trip): the target of the link marked
    /// <see cref="SymlinkResource.Release"/> when it was in place or switched (and not put back by a failed check), else what
    /// its probe found. Null when no role marks a release link, or the link is absent.
    /// </summary>
    private string? Release(HostPlan plan, ProbeResult[] probes, IReadOnlyList<HandlerReport> handlers)
    {
        var index = plan.Items.ToList().FindIndex(i => i.Resource is SymlinkResource { Release: true });
        if (index < 0)
        {
            return null;
        }

        var link = (SymlinkResource)plan.Items[index].Resource;
        var probed = probes[index].Output.TrimEnd('\n');
        var before = probed.StartsWith("link ", StringComparison.Ordinal) ? probed[5..] : null;
        var status = _reports.LastOrDefault(r => r.Id == link.Id)?.Status;
        var putBack = handlers.Any(h => h.PutBack && link.Notify.Contains(h.Name));
        var target = status == ResourceStatus.Ok || (status == ResourceStatus.Changed && !putBack) ? link.Target : before;
        return target?.TrimEnd('/').Split('/')[^1];
    }

    /// <summary>Each resource's check before the first change (<see cref="Resource.CheckBeforeChanges"/>): the first refusal fails the host before anything is written.</summary>
    private (string? Failure, (int Index, ResourceReport? Report) Refused) CheckBeforeChanges(HostPlan plan, ProbeResult[] probes, PlanContext context)
    {
        for (var i = 0; i < plan.Items.Count; i++)
        {
            var (role, resource) = plan.Items[i];
            try
            {
                resource.CheckBeforeChanges(probes[i], context);
            }
            catch (ProvisionException e) when (e is not Transport.HostUnreachableException)
            {
                var error = _masker.Mask(Describe(e));
                return ($"{resource.Id}: {error}", (i, new ResourceReport(resource.Id, role, ResourceStatus.Failed, null, null, TimeSpan.Zero, error)));
            }
        }

        return (null, (-1, null));
    }

    private static string Probes(string label, int count) => count == 1 ? $"{label} (1 resource)" : $"{label} ({count} resources)";

    private static string AppliedSummary(ResourceChange change) =>
        change.AppliedNote?.Invoke() is { } note ? $"{change.Summary}; {note}" : change.Summary;
}
