using FooBar.Provision.Reporting;
using Spectre.Console;

namespace FooBar.Provision.Cli.Rendering;

/// <summary>On a terminal: a live status line per host while the run goes, then the coloured listing and recap.</summary>
/// <remarks>
/// The board is one line per host (the step it is in and for how long); it is cleared when the run ends, however it
/// ends: a cancelled run (Ctrl+C) leaves no board and the cursor shown, so the terminal is clean for the message after.
/// </remarks>
internal sealed class LiveView(TextWriter output, IReadOnlyList<string> hosts, ListingWriter listing, string verb, int width, TimeProvider? time = null) : IRunView
{
    private static readonly TimeSpan Frame = TimeSpan.FromMilliseconds(100);

    public async Task<RunReport> RunAsync(Func<IRunObserver, Task<RunReport>> run)
    {
        var board = new ProgressBoard(hosts, time ?? TimeProvider.System, width);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.Detect,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(output),
        });

        // The terminal's width: a line longer than it would wrap, and the board would move the cursor up too few lines.
        console.Profile.Width = width;
        RunReport? report = null;
        await console.Live(board.Render(0)).AutoClear(true).Overflow(VerticalOverflow.Ellipsis).StartAsync(async live =>
        {
            var running = run(board);
            var tick = 0;
            while (await Task.WhenAny(running, Task.Delay(Frame)).ConfigureAwait(false) != running)
            {
                live.UpdateTarget(board.Render(++tick));
                live.Refresh();
                output.Flush();
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
