using System.Diagnostics;
using FooBar.Provision.Facts;
using FooBar.Provision.Inventory;
using FooBar.Provision.Reporting;
using FooBar.Provision.Resources;
using FooBar.Provision.Roles;
using FooBar.Provision.Transport;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Planning;

/// <summary>
/// Plans or applies one host: facts, journal and lock (one round trip), what an interrupted run owed, all probes (one
/// round trip), then one command per change. A plan is the same path stopped before the first write.
/// </summary>
internal sealed partial class HostRunner(RoleCatalog catalog, HostEntry host, IHostConnection connection, RunOptions options, IRunObserver observer)
{
    private readonly SecretMasker _masker = new(host.Variables.SecretValues().Concat(host.BecomePassword is { } p ? [p.Reveal()] : []));
    private readonly List<ResourceReport> _reports = [];
    private readonly List<string> _notes = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private HostFacts? _facts;

    /// <summary>Who runs this apply, as the lock and the journal record it.</summary>
    private static string Controller => $"{Environment.UserName}@{Environment.MachineName}";

    public async Task<HostReport> RunAsync(CancellationToken cancellationToken)
    {
        observer.HostStarted(host.Name);
        HostReport report;
        try
        {
            // The first round trip (with the SSH handshake) is mostly waiting: compile the templates meanwhile.
            var warmUp = Task.Run(() => HostPlanBuilder.WarmUp(catalog, host, options), cancellationToken);
            var state = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await warmUp.ConfigureAwait(false);
            report = LockRefusal(state) ?? await ConvergeAsync(HostPlanBuilder.Build(catalog, host, state.Facts, options), state, cancellationToken).ConfigureAwait(false);
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

    /// <summary>Facts, journal and lock in one round trip (an apply takes the lock, waiting for it a bounded time; a plan only looks).</summary>
    private async Task<HostState> OpenAsync(CancellationToken cancellationToken)
    {
        var result = await connection.RunAsync(HostOpening.Command(options, takeLock: !options.DryRun, Controller), cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new ProvisionException($"{connection.HostName}: gathering facts failed (exit {result.ExitCode}): {result.StandardError.Trim()}", "check that the host runs a POSIX shell and that the user may run commands");
        }

        var state = HostState.Parse(result.StandardOutput);
        _facts = state.Facts;
        _journal = state.Journal;
        _journalPath = state.JournalPath;
        return state;
    }

    private HostReport? LockRefusal(HostState state)
    {
        if (options.DryRun)
        {
            if (state.LockBusy)
            {
                _notes.Add($"an apply holds this host {state.Owner?.Describe() ?? "now"}: what it changes is not in this plan");
            }

            return null;
        }

        return state.Lock switch
        {
            "busy" => Finish(HostStatus.Failed, [], $"another apply holds this host {state.Owner?.Describe() ?? "(owner unknown)"}; waited {options.LockWait.TotalSeconds:0} s (hint: let it finish, or raise --lock-wait)"),
            "unwritable" => Finish(HostStatus.Failed, [], $"cannot create the state directory {state.StateDirectory} for the apply lock and journal (hint: set become, or choose a writable --state-dir)"),
            _ => null,
        };
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
        new(host.Name, status, _facts, _reports.ToArray(), handlers, connection.RoundTrips, _clock.Elapsed, error) { Notes = _notes.ToArray() };
}
