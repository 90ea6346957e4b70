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
internal sealed partial class HostRunner(RoleCatalog catalog, HostEntry host, IHostConnection connection, RunOptions options, IRunObserver observer, IConnectionFactory? peers = null)
{
    private readonly SecretMasker _masker = new(host.Variables.SecretValues()
        .Concat(catalog.PlainSecrets(host))
        .Concat(host.BecomePassword is { } p ? [p.Reveal()] : [])
        .Concat(host.IdentityPassphrase is { } k ? [k.Reveal()] : []));
    private readonly List<ResourceReport> _reports = [];
    private readonly List<string> _notes = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private HostFacts? _facts;

    /// <summary>Who runs this apply, as the lock and the journal record it.</summary>
    private static string Controller => $"{Environment.UserName}@{Environment.MachineName}";

    public async Task<HostReport> RunAsync(CancellationToken cancellationToken)
    {
        observer.HostStarted(host.Name);

        // The SSH handshake runs while the facts cache is read and the plan built; the first command waits for it, so a
        // failure to connect is reported as that command's would be (observed here too, should nothing await it).
        var ahead = connection is IOpensAhead early ? Task.Run(() => early.OpenAsync(cancellationToken), cancellationToken) : Task.CompletedTask;
        _ = ahead.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        HostReport report;
        try
        {
            var cache = options.FactsCacheDirectory is { } directory ? new FactsCache(directory) : null;
            string? problem = null;
            var cached = cache?.Load(host, out problem);
            if (problem is not null)
            {
                observer.Detail(host.Name, problem);
            }

            var (state, plan, probes) = cached is null
                ? await OpenAsync(ahead, cancellationToken).ConfigureAwait(false)
                : await OpenWithCachedFactsAsync(cached, ahead, cancellationToken).ConfigureAwait(false);
            RememberFacts(cache, cached, state);
            report = LockRefusal(state) ?? await ConvergeAsync(plan(), state, probes, cancellationToken).ConfigureAwait(false);
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

    /// <summary>Facts, journal and lock in one round trip (an apply takes the lock, waiting for it a bounded time; a plan only looks); the plan is built from them once the lock allows.</summary>
    private async Task<(HostState State, Func<HostPlan> Plan, IReadOnlyList<ProbeResult>? Probes)> OpenAsync(Task ahead, CancellationToken cancellationToken)
    {
        // The first round trip (with the SSH handshake) is mostly waiting: compile the templates meanwhile.
        var warmUp = Task.Run(() => HostPlanBuilder.WarmUp(catalog, host, options), cancellationToken);
        var state = HostState.Parse(await SendOpeningAsync(ahead, null, cancellationToken).ConfigureAwait(false));
        await warmUp.ConfigureAwait(false);
        return (Opened(state), () => HostPlanBuilder.Build(catalog, host, state.Facts, options, peers), null);
    }

    /// <summary>
    /// One round trip for a host whose facts have not changed: the plan is built from the cached facts and its probes go
    /// in the opening script, which runs them only when the fresh facts hash as the cached ones did. When they differ,
    /// the plan is built again from the fresh facts and its probes cost the second round trip, as without a cache.
    /// </summary>
    private async Task<(HostState State, Func<HostPlan> Plan, IReadOnlyList<ProbeResult>? Probes)> OpenWithCachedFactsAsync(CachedFacts cached, Task ahead, CancellationToken cancellationToken)
    {
        var plan = HostPlanBuilder.Build(catalog, host, cached.Facts, options, peers);
        var marker = ProbeBatch.NewMarker();
        var output = await SendOpeningAsync(ahead, (cached.Text, ProbeBatch.Script(plan.Resources, marker)), cancellationToken).ConfigureAwait(false);
        var split = output.IndexOf("\n" + marker + " ", StringComparison.Ordinal);
        var state = Opened(HostState.Parse(split < 0 ? output : output[..(split + 1)]));
        if (!state.FactsCached)
        {
            if (state.FactsText != cached.Text)
            {
                observer.Detail(host.Name, "the facts changed since the last run: the plan is built again from the fresh ones");
            }

            return (state, () => HostPlanBuilder.Build(catalog, host, state.Facts, options, peers), null);
        }

        // An owed handler that an apply runs first may change what the probes saw: then they are sent again after it.
        var probes = ProbeBatch.Parse(split < 0 ? "" : output[(split + 1)..], marker, plan.Resources);
        return (state, () => plan, state.Journal is not null && !options.DryRun ? null : probes);
    }

    private async Task<string> SendOpeningAsync(Task ahead, (string FactsText, ShellScript ProbeScript)? cached, CancellationToken cancellationToken)
    {
        await ahead.ConfigureAwait(false);
        var result = await connection.RunAsync(HostOpening.Command(options, takeLock: !options.DryRun, Controller, cached), cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new ProvisionException($"{connection.HostName}: gathering facts failed ({result.ExitText}): {result.StandardError.Trim()}", "check that the host runs a POSIX shell and that the user may run commands");
        }

        return result.StandardOutput;
    }

    private HostState Opened(HostState state)
    {
        _facts = state.Facts;
        _journal = state.Journal;
        _journalPath = state.JournalPath;
        return state;
    }

    // The cache is written when the host's facts are new or changed, never when the host printed no facts lines.
    private void RememberFacts(FactsCache? cache, CachedFacts? cached, HostState state)
    {
        if (cache is null || state.FactsText.Length == 0 || (cached is not null && cached.Text == state.FactsText && cached.Facts == state.Facts))
        {
            return;
        }

        if (cache.Save(host, new CachedFacts(state.Facts, state.FactsText)) is { } problem)
        {
            observer.Detail(host.Name, problem);
        }
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
