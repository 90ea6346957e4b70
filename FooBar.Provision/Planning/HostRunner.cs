using System.Diagnostics;
using FooBar.Provision.Facts;
using FooBar.Provision.Inventory;
using FooBar.Provision.Reporting;
using FooBar.Provision.Resources;
using FooBar.Provision.Roles;
using FooBar.Provision.Transport;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Planning;

/// <summary>Plans or applies one host: facts (one round trip), all probes (one round trip), then one command per change.</summary>
internal sealed partial class HostRunner(RoleCatalog catalog, HostEntry host, IHostConnection connection, RunOptions options, IRunObserver observer)
{
    private readonly SecretMasker _masker = new(host.Variables.SecretValues().Concat(host.BecomePassword is { } p ? [p.Reveal()] : []));
    private readonly List<ResourceReport> _reports = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private HostFacts? _facts;

    public async Task<HostReport> RunAsync(CancellationToken cancellationToken)
    {
        observer.HostStarted(host.Name);
        HostReport report;
        try
        {
            // The facts round trip (with the SSH handshake) is mostly waiting: compile the templates meanwhile.
            var warmUp = Task.Run(() => HostPlanBuilder.WarmUp(catalog, host, options), cancellationToken);
            _facts = await FactsGatherer.GatherAsync(connection, cancellationToken).ConfigureAwait(false);
            await warmUp.ConfigureAwait(false);
            var plan = HostPlanBuilder.Build(catalog, host, _facts, options);
            var probes = await ProbeBatch.RunAsync(connection, plan.Resources, cancellationToken).ConfigureAwait(false);
            report = options.DryRun ? Plan(plan, probes, _facts) : await ApplyAsync(plan, probes, _facts, cancellationToken).ConfigureAwait(false);
        }
        catch (TransportException e)
        {
            report = Finish(HostStatus.Unreachable, [], _masker.Mask(Describe(e)));
        }
        catch (ProvisionException e)
        {
            report = Finish(HostStatus.Failed, [], _masker.Mask(Describe(e)));
        }

        observer.HostFinished(report);
        return report;
    }

    private HostReport Plan(HostPlan plan, IReadOnlyList<ProbeResult> probes, HostFacts facts)
    {
        var context = new PlanContext(facts);
        for (var i = 0; i < plan.Items.Count; i++)
        {
            var (role, resource) = plan.Items[i];
            try
            {
                var change = resource.Compare(probes[i], context);
                Add(change is null
                    ? new ResourceReport(resource.Id, role, ResourceStatus.Ok, null, null, TimeSpan.Zero)
                    : new ResourceReport(resource.Id, role, ResourceStatus.Pending, _masker.Mask(change.Summary), MaskDiff(change), TimeSpan.Zero));
            }
            catch (ProvisionException e)
            {
                Add(new ResourceReport(resource.Id, role, ResourceStatus.Failed, null, null, TimeSpan.Zero, _masker.Mask(Describe(e))));
            }
        }

        var failed = _reports.Any(r => r.Status == ResourceStatus.Failed);
        return Finish(failed ? HostStatus.Failed : _reports.Any(r => r.Status == ResourceStatus.Pending) ? HostStatus.Pending : HostStatus.Ok, []);
    }

    // A diff that holds a secret is of a file that holds secrets: its removed lines may hold an old secret (a rotated
    // password) that no longer is a variable and so cannot be masked. They are never shown.
    private string? MaskDiff(ResourceChange change)
    {
        if (string.IsNullOrEmpty(change.Diff))
        {
            return null;
        }

        var masked = _masker.Mask(change.Diff);
        if (masked == change.Diff)
        {
            return masked;
        }

        var lines = masked.Split('\n').Select(l => l.StartsWith('-') && !l.StartsWith("---", StringComparison.Ordinal) ? "-(line not shown: this file holds secrets)" : l);
        return string.Join('\n', lines);
    }

    // What failed and, when known, what to do about it: a resource's hint (MariaDB's root recovery) reaches every view.
    private static string Describe(ProvisionException e) => e.Message + (e.Hint is null ? "" : $" (hint: {e.Hint})");

    private void Add(ResourceReport report)
    {
        _reports.Add(report);
        observer.ResourceFinished(host.Name, report);
    }

    private HostReport Finish(HostStatus status, IReadOnlyList<HandlerReport> handlers, string? error = null) =>
        new(host.Name, status, _facts, _reports.ToArray(), handlers, connection.RoundTrips, _clock.Elapsed, error);
}
