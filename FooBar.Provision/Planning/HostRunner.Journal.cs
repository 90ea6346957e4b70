using System.Globalization;
using FooBar.Provision.Reporting;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Planning;

internal sealed partial class HostRunner
{
    private HostJournal? _journal;
    private string _journalPath = HostState.FallbackStateDirectory + "/" + HostJournal.FileName;

    /// <summary>
    /// What an interrupted apply left owed (the journal read in the first round trip). A plan reports it as pending; an
    /// apply validates and runs it first (a failed validation puts the previous files back) and clears what it paid.
    /// </summary>
    /// <returns>The handlers' reports, and the owed handlers whose action failed: they run again after this run's changes.</returns>
    private async Task<(IReadOnlyList<HandlerReport> Reports, IReadOnlyList<string> StillOwed)> SettleDebtAsync(HostPlan plan, CancellationToken cancellationToken)
    {
        if (_journal is not { } journal)
        {
            return ([], []);
        }

        var origin = journal.Describe();
        if (options.DryRun)
        {
            return (journal.Handlers.Select(h => new HandlerReport(h.Name, ResourceStatus.Pending) { Owed = true, Detail = _masker.Mask(origin + WaitingFiles(journal, h.Name)) }).ToArray(), []);
        }

        var handlers = journal.Handlers.Select(h => plan.Handlers.GetValueOrDefault(h.Name) ?? h.ToHandler()).ToArray();
        var covered = handlers.SelectMany(h => h.Covers).ToHashSet(StringComparer.Ordinal);
        var due = handlers.Where(h => !covered.Contains(h.Name)).ToArray();
        var ran = await HandlerRunner.RunAsync(connection, due, [], journal.GuardedFiles, _masker, cancellationToken).ConfigureAwait(false);
        var paid = Paid(ran, due);
        var reports = new List<HandlerReport>();
        var stillOwed = new List<string>();
        foreach (var report in ran)
        {
            if (report.Status == ResourceStatus.Failed && !report.PutBack && plan.Handlers.ContainsKey(report.Name))
            {
                // The action failed (the service may need this run's changes first): it stays owed and runs again after them.
                stillOwed.Add(report.Name);
                _notes.Add($"handler '{report.Name}', {origin}, failed before this run's changes ({report.Error}); it stays owed and runs again after them");
                continue;
            }

            reports.Add(report.PutBack
                ? report with { Status = ResourceStatus.Changed, Error = null, Owed = true, Detail = $"{origin}: {report.Error}" }
                : report with { Owed = true, Detail = origin });
        }

        await SaveJournalAsync(journal.Without(paid), cancellationToken).ConfigureAwait(false);
        return (reports, stillOwed);
    }

    /// <summary>Records on the host, before a change, the handlers it makes owed and the files it puts under their guard.</summary>
    private async Task RecordOwedAsync(IEnumerable<Handler> handlers, IReadOnlyList<GuardedFile> files, CancellationToken cancellationToken)
    {
        var current = _journal ?? new HostJournal
        {
            Since = DateTimeOffset.UtcNow,
            Controller = string.Create(CultureInfo.InvariantCulture, $"{Controller} pid {Environment.ProcessId}"),
        };
        var next = current.With(handlers, files);
        var unchanged = next.Handlers.Count == current.Handlers.Count && next.Files.Count == current.Files.Count;
        if (next.IsEmpty || (unchanged && _journal is not null))
        {
            return;
        }

        await SaveJournalAsync(next, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>After the handlers: removes what they paid from the journal, and the backups no handler waits for any more.</summary>
    private async Task SettleJournalAsync(IReadOnlySet<string> paid, IReadOnlyList<GuardedFile> guarded, IReadOnlyList<HandlerReport> ran, CancellationToken cancellationToken)
    {
        var remaining = _journal?.Without(paid);
        var unowed = guarded.Where(g => remaining is null || remaining.Handlers.All(h => h.Name != g.Handler)).ToArray();
        await HandlerRunner.RemoveUnusedBackupsAsync(connection, unowed, ran, cancellationToken).ConfigureAwait(false);
        if (remaining is not null)
        {
            await SaveJournalAsync(remaining, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SaveJournalAsync(HostJournal journal, CancellationToken cancellationToken)
    {
        if (journal.IsEmpty)
        {
            await connection.RunAsync(new RemoteCommand($"rm -f {_journalPath}"), cancellationToken).ConfigureAwait(false);
            _journal = null;
            return;
        }

        await connection.WriteFileAsync(new RemoteFile(_journalPath, journal.ToBytes(), "0600"), cancellationToken).ConfigureAwait(false);
        _journal = journal;
    }

    /// <summary>Handlers that no longer owe anything: they ran, or their files were put back; with the handlers they cover.</summary>
    private static HashSet<string> Paid(IReadOnlyList<HandlerReport> ran, IReadOnlyList<Handler> due)
    {
        var paid = ran.Where(r => r.Status == ResourceStatus.Changed || r.PutBack).Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        paid.UnionWith(due.Where(h => paid.Contains(h.Name)).SelectMany(h => h.Covers));
        return paid;
    }

    private static string WaitingFiles(HostJournal journal, string handler)
    {
        var files = journal.Files.Where(f => f.Handler == handler).Select(f => f.Path).ToArray();
        return files.Length == 0 ? "" : $"; validates first: {string.Join(", ", files)}";
    }
}
