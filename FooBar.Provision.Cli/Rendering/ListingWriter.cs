using System.Globalization;
using FooBar.Provision.Reporting;

namespace FooBar.Provision.Cli.Rendering;

/// <summary>Writes the text listing: one line per resource prefixed by its host, diffs under it, handler and host-error lines, and the recap.</summary>
/// <remarks>Thread-safe: a resource's line and its diff are written together, so parallel hosts never interleave inside a block.</remarks>
internal sealed class ListingWriter(TextWriter output, int hostWidth, Ansi ansi)
{
    private const int StatusWidth = 7;
    private readonly Lock _gate = new();

    /// <summary>With -v: each resource's line ends with the time it took.</summary>
    public bool ShowDurations { get; init; }

    public static int HostWidth(IEnumerable<string> hosts) => hosts.Select(h => h.Length).DefaultIfEmpty(4).Max();

    public void Resource(string host, ResourceReport resource)
    {
        var detail = resource.Error ?? resource.Summary;
        var line = Prefix(host) + ansi.Status(resource.Status, Word(resource.Status)) + "  " + resource.Id + (detail is null ? "" : "  " + detail);
        if (ShowDurations && resource.Status is not (ResourceStatus.Pending or ResourceStatus.Skipped))
        {
            line += "  " + ansi.Dim($"({Seconds(resource.Duration)})");
        }

        Write(line, resource.Diff);
    }

    /// <summary>The handler lines and, when the host failed as a whole, its error.</summary>
    public void HostFinished(HostReport report)
    {
        foreach (var handler in report.Handlers)
        {
            var detail = string.Join("; ", new[] { handler.Owed ? "owed" : null, handler.Error, handler.Detail }.OfType<string>());
            Write(Prefix(report.Host) + ansi.Status(handler.Status, Word(handler.Status)) + "  handler[" + handler.Name + "]" + (detail.Length == 0 ? "" : "  " + detail), null);
        }

        foreach (var note in report.Notes)
        {
            Write(Prefix(report.Host) + ansi.Yellow("note".PadRight(StatusWidth)) + "  " + note, null);
        }

        if (report.Error is not null)
        {
            var word = report.Status switch { HostStatus.Unreachable => "UNREACHABLE", HostStatus.NotRun => "NOT RUN", _ => "FAILED" };
            Write(Prefix(report.Host) + ansi.Red(word) + "  " + report.Error, null);
        }
    }

    public void Recap(RunReport report, string verb)
    {
        lock (_gate)
        {
            output.WriteLine();
            output.WriteLine(ansi.Bold("RECAP"));
            foreach (var host in report.Hosts)
            {
                var counts = $"ok={host.OkCount} changed={host.ChangedCount} failed={host.FailedCount} skipped={host.SkippedCount} pending={host.PendingCount}";
                var state = host.Status switch
                {
                    HostStatus.Unreachable or HostStatus.Failed => "  " + ansi.Red(host.Status.ToString().ToUpperInvariant()),
                    HostStatus.NotRun => "  " + ansi.Yellow("NOT RUN"),
                    _ => "",
                };
                var rollout = (host.Batch is { } batch ? $"  batch={batch}" : "") + (host.Release is { } release ? $"  release={release}" : "");
                output.WriteLine($"{host.Host.PadRight(hostWidth)}  {counts}  round_trips={host.RoundTrips}  {Seconds(host.Duration)}{rollout}{state}");
                foreach (var rotation in host.Rotation)
                {
                    var outcome = rotation.BackInRotation ? ansi.Green("in rotation") : ansi.Red("out of rotation");
                    output.WriteLine($"{"".PadRight(hostWidth)}  {outcome} on {rotation.Balancer} ({rotation.Server}): {rotation.Detail}");
                }
            }

            RolloutRecap(report);
            output.WriteLine(Summary(report, verb));
            output.Flush();
        }
    }

    // The batches of a rolling deploy, and why it stopped: what ran, what did not, who runs which release.
    private void RolloutRecap(RunReport report)
    {
        if (report.Rollout is not { } rollout)
        {
            return;
        }

        foreach (var batch in rollout.Batches)
        {
            var status = batch.Status switch
            {
                BatchStatus.Failed => ansi.Red("failed"),
                BatchStatus.NotRun => ansi.Yellow("not run"),
                BatchStatus.Planned => ansi.Cyan("planned"),
                _ => ansi.Green("done"),
            };
            var group = batch.Group is null ? "" : $" (group {batch.Group})";
            output.WriteLine($"batch {batch.Number}{group}: {string.Join(", ", batch.Hosts)}  {status}");
        }

        var releases = report.Hosts.Where(h => h.Release is not null).GroupBy(h => h.Release).Select(g => $"{g.Key} on {string.Join(", ", g.Select(h => h.Host))}").ToArray();
        if (releases.Length > 0)
        {
            output.WriteLine($"releases: {string.Join("; ", releases)}");
        }

        if (rollout.StoppedReason is { } reason)
        {
            output.WriteLine(ansi.Red("rollout stopped") + $" at {reason}");
        }
    }

    public static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + "s";

    private string Summary(RunReport report, string verb)
    {
        var hosts = report.Hosts.Count == 1 ? "1 host" : $"{report.Hosts.Count} hosts";
        var failed = report.Hosts.Count(h => h.Status is HostStatus.Failed or HostStatus.Unreachable);
        var head = $"{verb} of {hosts} finished in {Seconds(report.Duration)}";
        if (failed > 0)
        {
            return $"{head}: {ansi.Red($"{failed} failed")} (exit {report.ExitCode})";
        }

        if (report.DryRun)
        {
            var pending = report.Hosts.Sum(h => h.PendingCount);
            return pending == 0
                ? $"{head}: {ansi.Green("no changes pending")}, every host is converged"
                : $"{head}: {ansi.Cyan($"{pending} change(s) pending")} on {report.Hosts.Count(h => h.PendingCount > 0)} host(s); 'provision apply' would make them";
        }

        var changed = report.Hosts.Sum(h => h.ChangedCount);
        return changed == 0 ? $"{head}: {ansi.Green("nothing to change")}" : $"{head}: {ansi.Yellow($"{changed} change(s) made")}";
    }

    private static string Word(ResourceStatus status) => status.ToString().ToLowerInvariant().PadRight(StatusWidth);

    private string Prefix(string host) => host.PadRight(hostWidth) + "  ";

    private void Write(string line, string? diff)
    {
        lock (_gate)
        {
            output.WriteLine(line);
            if (!string.IsNullOrEmpty(diff))
            {
                var indent = new string(' ', hostWidth + 2 + StatusWidth + 2);
                foreach (var diffLine in diff.TrimEnd('\n').Split('\n'))
                {
                    output.WriteLine(indent + ansi.DiffLine(diffLine));
                }
            }

            output.Flush();
        }
    }
}
