using FooBar.Provision.Reporting;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace FooBar.Provision.Cli.Rendering;

/// <summary>The live view's state: one status line per host, updated as its resources finish.</summary>
internal sealed class ProgressBoard(IReadOnlyList<string> hosts) : IRunObserver
{
    private static readonly string[] Spinner = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
    private readonly Dictionary<string, HostProgress> _hosts = hosts.Distinct(StringComparer.Ordinal).ToDictionary(h => h, h => new HostProgress(h), StringComparer.Ordinal);
    private readonly int _width = ListingWriter.HostWidth(hosts);

    public void HostStarted(string host) => Find(host)?.Start();

    public void ResourceFinished(string host, ResourceReport resource) => Find(host)?.Add(resource);

    public void HostFinished(HostReport report) => Find(report.Host)?.Finish(report.Status);

    /// <summary>The board at animation frame <paramref name="tick"/>.</summary>
    public IRenderable Render(int tick) => new Rows(_hosts.Values.Select(h => Line(h, tick)).ToArray());

    private Markup Line(HostProgress progress, int tick)
    {
        var (started, finished, counts, last) = progress.Snapshot();
        var (icon, state) = finished switch
        {
            HostStatus.Ok => ("[green]✔[/]", "[green]ok[/]"),
            HostStatus.Changed => ("[yellow]✔[/]", "[yellow]changed[/]"),
            HostStatus.Pending => ("[cyan]✔[/]", "[cyan]pending[/]"),
            HostStatus.Failed => ("[red]✘[/]", "[red]failed[/]"),
            HostStatus.Unreachable => ("[red]✘[/]", "[red]unreachable[/]"),
            _ when started => ($"[blue]{Spinner[tick % Spinner.Length]}[/]", counts.Count == 0 ? "facts and probes" : "working"),
            _ => ("[grey]·[/]", "[grey]waiting[/]"),
        };
        var numbers = string.Join(" ", new[] { ResourceStatus.Ok, ResourceStatus.Changed, ResourceStatus.Pending, ResourceStatus.Failed, ResourceStatus.Skipped }
            .Where(counts.ContainsKey)
            .Select(s => $"{s.ToString().ToLowerInvariant()}={counts[s]}"));
        var lastText = finished is null && last is not null ? $"  [grey]{Markup.Escape(last)}[/]" : "";
        return new Markup($"{icon} {Markup.Escape(progress.Host.PadRight(_width))}  {state}  {numbers}{lastText}");
    }

    private HostProgress? Find(string host) => _hosts.GetValueOrDefault(host);
}
