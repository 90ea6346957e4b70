using System.Text;
using FooBar.Provision.Reporting;
using FooBar.Provision.Transport;
using FooBar.Provision.Variables;

namespace FooBar.Provision.Planning;

/// <summary>Runs notified handlers: validation first, and a rollback of the guarded files when it fails.</summary>
internal static class HandlerRunner
{
    private const int ValidationFailed = 97;

    public static async Task<IReadOnlyList<HandlerReport>> RunAsync(IHostConnection connection, IEnumerable<Handler> notified, IReadOnlyList<GuardedFile> guarded, SecretMasker masker, CancellationToken cancellationToken)
    {
        var reports = new List<HandlerReport>();
        foreach (var handler in notified)
        {
            var files = guarded.Where(g => g.Handler == handler.Name).ToArray();
            var result = await connection.RunAsync(new RemoteCommand(Script(handler, files)), cancellationToken).ConfigureAwait(false);
            if (result.Succeeded)
            {
                reports.Add(new HandlerReport(handler.Name, ResourceStatus.Changed));
                continue;
            }

            var output = masker.Mask(result.StandardError.Trim());
            if (result.ExitCode == ValidationFailed)
            {
                await RestoreAsync(connection, files, cancellationToken).ConfigureAwait(false);
                reports.Add(new HandlerReport(handler.Name, ResourceStatus.Failed,
                    $"validation failed, so '{handler.Name}' did not run and {files.Length} file(s) were put back as they were: {output}"));
            }
            else
            {
                reports.Add(new HandlerReport(handler.Name, ResourceStatus.Failed, $"exit {result.ExitCode}: {output}"));
            }

            break;
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
            await connection.RunAsync(new RemoteCommand("rm -f " + ShellQuote.Join(leftovers)), cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Script(Handler handler, IReadOnlyList<GuardedFile> files)
    {
        var script = new StringBuilder();
        if (handler.ValidateScript is not null)
        {
            script.Append("out=$( ( ").Append(handler.ValidateScript).Append("\n) 2>&1 ) || { printf '%s\\n' \"$out\" >&2; exit ").Append(ValidationFailed).Append("; }\n");
        }

        script.Append("set -e\n").Append(handler.Script).Append('\n');
        foreach (var file in files.Where(f => f.Existed))
        {
            script.Append("rm -f ").Append(ShellQuote.Quote(file.BackupPath)).Append('\n');
        }

        return script.ToString();
    }

    private static async Task RestoreAsync(IHostConnection connection, IReadOnlyList<GuardedFile> files, CancellationToken cancellationToken)
    {
        if (files.Count == 0)
        {
            return;
        }

        var script = string.Join('\n', files.Select(f => f.Existed
            ? $"mv -f {ShellQuote.Quote(f.BackupPath)} {ShellQuote.Quote(f.Path)}"
            : $"rm -f {ShellQuote.Quote(f.Path)}"));
        await connection.RunAsync(new RemoteCommand(script), cancellationToken).ConfigureAwait(false);
    }
}
