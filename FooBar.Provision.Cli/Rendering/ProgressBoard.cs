using System.Globalization;
using FooBar.Provision.Reporting;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace FooBar.Provision.Cli.Rendering;

/// <summary>The live view's state: one line per host, showing the step it is in (a resource's change, its probes) and for how long.</summary>
internal sealed class ProgressBoard(IReadOnlyList<string> hosts, TimeProvider time, int columns = 80) : IRunObserver
{
    private static readonly string[] Spinner = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
    private static readonly ResourceStatus[] Shown = [ResourceStatus.Ok, ResourceStatus.Changed, ResourceStatus.Pending, ResourceStatus.Failed, ResourceStatus.Skipped];
    private readonly Dictionary<string, HostProgress> _hosts = hosts.Distinct(StringComparer.Ordinal).ToDictionary(h => h, h => new HostProgress(h, time), StringComparer.Ordinal);
    private readonly int _width = ListingWriter.HostWidth(hosts);

    public void HostStarted(string host) => Find(host)?.Start();

    public void StepStarted(string host, string step) => Find(host)?.Step(step);

    public void ResourceFinished(string host, ResourceReport resource) => Find(host)?.Add(resource);

    public void HostFinished(HostReport report) => Find(report.Host)?.Finish(report);

    /// <summary>The board at animation frame <paramref name="tick"/>: one line per host, never wrapped (a long step is cut short).</summary>
    public IRenderable Render(int tick) => new Rows(_hosts.Values.Select(h => Line(h, tick)).ToArray());

    /// <summary>The lines of the board as plain text (no markup), for tests and logs.</summary>
    public IReadOnlyList<string> Lines(int tick) => _hosts.Values.Select(h => Markup.Remove(Text(h, tick))).ToArray();

    /// <summary>Seconds with one decimal under a minute, then minutes and seconds: <c>4.2s</c>, <c>1m05s</c>.</summary>
    public static string Elapsed(TimeSpan elapsed) => elapsed.TotalSeconds < 60
        ? elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s"
        : $"{(int)elapsed.TotalMinutes}m{elapsed.Seconds:00}s";

    private Markup Line(HostProgress progress, int tick) => new(Text(progress, tick)) { Overflow = Overflow.Crop };

    private string Text(HostProgress progress, int tick)
    {
        var snapshot = progress.Snapshot();
        var counts = snapshot.Finished is { } report ? Counts(report) : snapshot.Counts;
        var numbers = string.Join(" ", Shown.Where(counts.ContainsKey).Select(s => $"{s.ToString().ToLowerInvariant()}={counts[s]}"));
        var name = Markup.Escape(progress.Host.PadRight(_width));
        if (snapshot.Finished is { } done)
        {
            var (icon, state) = done.Status switch
            {
                HostStatus.Ok => ("[green]✔[/]", "[green]ok[/]"),
                HostStatus.Changed => ("[yellow]✔[/]", "[yellow]changed[/]"),
                HostStatus.Pending => ("[cyan]✔[/]", "[cyan]pending[/]"),
                HostStatus.Failed => ("[red]✘[/]", "[red]failed[/]"),
                HostStatus.NotRun => ("[yellow]·[/]", "[yellow]not run[/]"),
                _ => ("[red]✘[/]", "[red]unreachable[/]"),
            };
            return $"{icon} {name}  {state}  " + (numbers.Length > 0 ? numbers + "  " : "") + $"[grey]{Elapsed(done.Duration)}[/]";
        }

        if (!snapshot.Started)
        {
            return $"[grey]·[/] {name}  [grey]waiting[/]";
        }

        // One line per host, whatever the terminal's width: the step gives way (the last column stays free, so no terminal wraps).
        var elapsed = Elapsed(snapshot.StepElapsed);
        var room = columns - 1 - (2 + _width + 2) - (2 + elapsed.Length) - (numbers.Length > 0 ? 2 + numbers.Length : 0);
        var step = Crop(snapshot.Step ?? "", room);
        return $"[blue]{Spinner[tick % Spinner.Length]}[/] {name}  {Markup.Escape(step)}  [bold]{elapsed}[/]" + (numbers.Length > 0 ? $"  [grey]{numbers}[/]" : "");
    }

    private static string Crop(string text, int room) =>
        text.Length <= room ? text : room <= 1 ? "…" : text[..(room - 1)] + "…";

    private static Dictionary<ResourceStatus, int> Counts(HostReport report) =>
        report.Resources.GroupBy(r => r.Status).ToDictionary(g => g.Key, g => g.Count());

    private HostProgress? Find(string host) => _hosts.GetValueOrDefault(host);
}
