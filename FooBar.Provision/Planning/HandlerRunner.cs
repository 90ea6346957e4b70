using FooBar.Provision.Reporting;
using FooBar.Provision.Transport;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Planning;

/// <summary>Runs notified handlers: validation first, the action, then the check; a rollback of the guarded files when either fails.</summary>
internal static class HandlerRunner
{
    private const int ValidationFailed = 97;

    /// <summary>Runs <paramref name="due"/> in order, then the checks of <paramref name="satisfied"/> (handlers whose
    /// action a service start made redundant); stops at the first failure.</summary>
    public static async Task<IReadOnlyList<HandlerReport>> RunAsync(IHostConnection connection, IEnumerable<Handler> due, IEnumerable<Handler> satisfied, IReadOnlyList<GuardedFile> guarded, SecretMasker masker, CancellationToken cancellationToken)
    {
        var reports = new List<HandlerReport>();
        var checkedScripts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var handler in due)
        {
            var files = GuardedBy(handler, guarded);
            var result = await connection.RunAsync(new RemoteCommand(Script(handler, files)), cancellationToken).ConfigureAwait(false);
            if (result.Succeeded)
            {
                var checkFailure = await CheckAsync(connection, handler, files, masker, checkedScripts, cancellationToken).ConfigureAwait(false);
                reports.Add(new HandlerReport(handler.Name, checkFailure is null ? ResourceStatus.Changed : ResourceStatus.Failed, checkFailure) { PutBack = checkFailure is not null && files.Count > 0 });
                if (checkFailure is null)
                {
                    continue;
                }

                return reports;
            }

            var output = masker.Mask(result.StandardError.Trim());
            if (result.ExitCode == ValidationFailed)
            {
                await RestoreAsync(connection, files, cancellationToken).ConfigureAwait(false);
                reports.Add(new HandlerReport(handler.Name, ResourceStatus.Failed,
                    $"validation failed, so '{handler.Name}' did not run and {files.Count} file(s) were put back as they were: {output}")
                { PutBack = true });
            }
            else
            {
                reports.Add(new HandlerReport(handler.Name, ResourceStatus.Failed, $"{result.ExitText}: {output}"));
            }

            return reports;
        }

        // A service started in this run read the new state as it started: that state must answer as well.
        foreach (var handler in satisfied.Where(h => h.CheckScript is not null))
        {
            var files = GuardedBy(handler, guarded);
            var checkFailure = await CheckAsync(connection, handler, files, masker, checkedScripts, cancellationToken).ConfigureAwait(false);
            if (checkFailure is not null)
            {
                reports.Add(new HandlerReport(handler.Name, ResourceStatus.Failed, checkFailure) { PutBack = files.Count > 0 });
                break;
            }
        }

        return reports;
    }

    /// <summary>Removes the backups kept for handlers that did not run (dropped, covered, or not reached).</summary>
    public static async Task RemoveUnusedBackupsAsync(IHostConnection connection, IReadOnlyList<GuardedFile> guarded, IReadOnlyList<HandlerReport> ran, CancellationToken cancellationToken)
    {
        var names = ran.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var leftovers = guarded.Where(g => g.Existed && !names.Contains(g.Handler)).Select(g => g.BackupPath).Distinct().ToArray();
        if (leftovers.Length > 0)
        {
            await connection.RunAsync(new RemoteCommand($"rm -f {ShellWords.Of(leftovers)}"), cancellationToken).ConfigureAwait(false);
        }
    }

    // A handler's own files, and those of the handlers it covers (a restart that covers a reload answers for the
    // release switch that notified the reload).
    private static IReadOnlyList<GuardedFile> GuardedBy(Handler handler, IReadOnlyList<GuardedFile> guarded) =>
        guarded.Where(g => g.Handler == handler.Name || handler.Covers.Contains(g.Handler)).DistinctBy(g => g.Path).ToArray();

    /// <summary>Runs the handler's check; on failure puts the guarded files back and runs the action again.</summary>
    /// <returns>Null when the check passed (or there is none, or the same check already passed); otherwise the error.</returns>
    private static async Task<string?> CheckAsync(IHostConnection connection, Handler handler, IReadOnlyList<GuardedFile> files, SecretMasker masker, HashSet<string> checkedScripts, CancellationToken cancellationToken)
    {
        if (handler.CheckScript is null || !checkedScripts.Add(handler.CheckScript.Text))
        {
            return null;
        }

        var check = new RemoteCommand(handler.CheckScript) { Timeout = handler.CheckTimeout, IsReadOnly = true };
        var result = await connection.RunAsync(check, cancellationToken).ConfigureAwait(false);
        if (result.Succeeded)
        {
            await RemoveBackupsAsync(connection, files, cancellationToken).ConfigureAwait(false);
            return null;
        }

        var output = masker.Mask(Detail(result));
        if (files.Count == 0)
        {
            return $"the check after '{handler.Name}' failed (nothing to put back): {output}";
        }

        await RestoreAsync(connection, files, cancellationToken).ConfigureAwait(false);
        var again = await connection.RunAsync(new RemoteCommand(handler.RecoverScript ?? handler.Script), cancellationToken).ConfigureAwait(false);
        var recovered = again.Succeeded && (await connection.RunAsync(check, cancellationToken).ConfigureAwait(false)).Succeeded;
        var outcome = recovered ? "the previous state answers again" : "the previous state does not answer either";
        var recovery = handler.RecoverScript is null ? $"'{handler.Name}' ran again" : "the service was brought back";
        return $"the check after '{handler.Name}' failed, so {files.Count} change(s) were put back ({string.Join(", ", files.Select(f => f.Path))}) and {recovery}: {outcome}. {output}";
    }

    private static string Detail(CommandResult result)
    {
        var text = (result.StandardError.Trim() + "\n" + result.StandardOutput.Trim()).Trim();
        return text.Length > 0 ? text : result.ExitText;
    }

    private static ShellScript Script(Handler handler, IReadOnlyList<GuardedFile> files)
    {
        var validate = handler.ValidateScript is { } validation
            ? $$"""
                out=$( ( {{validation}}
                ) 2>&1 ) || { printf '%s\n' "$out" >&2; exit {{ValidationFailed}}; }

                """
            : ShellScript.Empty;

        // Without a check the backups are no longer needed once the action ran; with one they wait for its verdict.
        var cleanup = handler.CheckScript is null
            ? ShellScript.Join(ShellScript.Empty, files.Where(f => f.Existed).Select(f => (ShellScript)$"rm -f {f.BackupPath}\n"))
            : ShellScript.Empty;
        return $"{validate}set -e\n{handler.Script}\n{cleanup}";
    }

    private static async Task RemoveBackupsAsync(IHostConnection connection, IReadOnlyList<GuardedFile> files, CancellationToken cancellationToken)
    {
        var backups = files.Where(f => f.Existed).Select(f => f.BackupPath).Distinct().ToArray();
        if (backups.Length > 0)
        {
            await connection.RunAsync(new RemoteCommand($"rm -f {ShellWords.Of(backups)}"), cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task RestoreAsync(IHostConnection connection, IReadOnlyList<GuardedFile> files, CancellationToken cancellationToken)
    {
        if (files.Count == 0)
        {
            return;
        }

        // mv -T: a backup of a symbolic link to a directory replaces the link instead of moving into its target. A backup
        // may be missing (a journal recorded the file, and the run was interrupted before writing it): its mv fails
        // alone, and the file, never replaced, stays as it is.
        var script = ShellScript.Lines(files.Select(f => f.Existed
            ? $"mv -Tf {f.BackupPath} {f.Path}"
            : (ShellScript)$"rm -f {f.Path}"));
        await connection.RunAsync(new RemoteCommand(script), cancellationToken).ConfigureAwait(false);
    }
}
