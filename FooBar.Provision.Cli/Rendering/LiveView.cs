using FooBar.Provision.Reporting;
using Spectre.Console;

namespace FooBar.Provision.Cli.Rendering;

/// <summary>On a terminal: a live status line per host while the run goes, then the coloured listing and recap.</summary>
internal sealed class LiveView(TextWriter output, IReadOnlyList<string> hosts, ListingWriter listing, string verb) : IRunView
{
    private static readonly TimeSpan Frame = TimeSpan.FromMilliseconds(100);

    public async Task<RunReport> RunAsync(Func<IRunObserver, Task<RunReport>> run)
    {
        var board = new ProgressBoard(hosts);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.Detect,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(output),
        });
        RunReport? report = null;
        await console.Live(board.Render(0)).AutoClear(true).Overflow(VerticalOverflow.Ellipsis).StartAsync(async live =>
        {
            var running = run(board);
            var tick = 0;
            while (await Task.WhenAny(running, Task.Delay(Frame)).ConfigureAwait(false) != running)
            {
                live.UpdateTarget(board.Render(++tick));
            }

            report = await running.ConfigureAwait(false);
        }).ConfigureAwait(false);
        var result = report ?? throw new InvalidOperationException("the run ended without a report");
        foreach (var host in result.Hosts)
        {
            foreach (var resource in host.Resources)
            {
                listing.Resource(host.Host, resource);
            }

            listing.HostFinished(host);
        }

        listing.Recap(result, verb);
        return result;
    }
}
