using System.Diagnostics;
using FooBar.Provision.Cli.Rendering;
using FooBar.Provision.Reporting;
using Microsoft.Extensions.Time.Testing;

namespace FooBar.Provision.Tests.Cli;

public sealed class LiveViewTests
{
    private const string Prompt = "$ provision apply inventory/lab.yaml";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
    private readonly StringWriter _written = new();

    // The view writes from its own loop while a test reads: the synchronized writer locks on itself, and so does Written.
    private readonly TextWriter _output;

    public LiveViewTests()
    {
        _output = TextWriter.Synchronized(_written);
        _output.Write(Prompt + "\n");
    }

    [Fact]
    public async Task During_a_long_step_a_hosts_line_shows_that_step_and_its_elapsed_time()
    {
        string[] during = [];

        await View(["lab1"]).RunAsync(async observer =>
        {
            observer.HostStarted("lab1");
            observer.StepStarted("lab1", "packages[nginx,mariadb-server]");
            _time.Advance(TimeSpan.FromSeconds(14.2));
            during = [.. (await ScreenWhenAsync(s => s.Lines.Any(l => l.EndsWith("14.2s", StringComparison.Ordinal)))).Lines];
            return Report(Host("lab1", HostStatus.Changed));
        });

        Assert.Equal(Prompt, during[0]);
        var line = Assert.Single(during.Skip(1));
        Assert.Matches(@"^. lab1  packages\[nginx,mariadb-server\]  14\.2s$", line);
    }

    [Fact]
    public async Task One_host_keeps_the_lines_above_the_board_and_the_board_gives_way_to_the_listing()
    {
        var screen = await RunToEndAsync(["lab1"]);

        Assert.False(screen.WentAboveStart, string.Join('\n', screen.Lines));
        Assert.True(screen.CursorVisible);
        Assert.Equal(
            [
                Prompt,
                "lab1  changed  file[/etc/motd]  update /etc/motd",
                "",
                "RECAP",
                "lab1  ok=0 changed=1 failed=0 skipped=0 pending=0  round_trips=2  3.00s",
                "apply of 1 host finished in 3.00s: 1 change(s) made",
            ],
            screen.Lines);
    }

    [Fact]
    public async Task Many_hosts_get_one_line_each_even_when_a_step_is_wider_than_the_terminal()
    {
        string[] during = [];
        var hosts = Enumerable.Range(1, 5).Select(i => $"web{i}").ToArray();

        await View(hosts, width: 40).RunAsync(async observer =>
        {
            observer.HostStarted("web1");
            observer.StepStarted("web1", "file[/etc/nginx/sites-available/www.foobar.com.conf]");
            observer.HostStarted("web2");
            observer.HostFinished(Host("web3", HostStatus.Ok));
            during = [.. (await ScreenWhenAsync(s => s.Lines.Contains("✔ web3  ok  ok=1  3.0s") && s.Lines.Any(l => l.Contains("web2  connecting", StringComparison.Ordinal)))).Lines];
            return Report([.. hosts.Select(h => Host(h, HostStatus.Ok))]);
        });

        Assert.Equal(6, during.Length);
        Assert.All(during.Skip(1), line => Assert.True(line.Length <= 40, line));
        Assert.Equal(". web1  file[/etc/nginx/sites-av…  0.0s", Spinnerless(during[1]));
        Assert.Equal(". web2  connecting, facts  0.0s", Spinnerless(during[2]));
        Assert.Equal("✔ web3  ok  ok=1  3.0s", during[3]);
        Assert.Equal("· web4  waiting", during[4]);
    }

    [Fact]
    public async Task Ctrl_C_leaves_a_clean_terminal_no_board_and_the_cursor_shown()
    {
        using var cancellation = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => View(["lab1", "lab2"]).RunAsync(async observer =>
        {
            observer.HostStarted("lab1");
            observer.StepStarted("lab1", "packages[nginx]");
            Assert.False((await ScreenWhenAsync(s => !s.CursorVisible && s.Lines.Count > 1)).CursorVisible);
            await cancellation.CancelAsync();
            cancellation.Token.ThrowIfCancellationRequested();
            return Report();
        }));

        var screen = TerminalScreen.Replay(Written());
        Assert.Equal([Prompt], screen.Lines);
        Assert.True(screen.CursorVisible);
        Assert.False(screen.WentAboveStart);
    }

    [Fact]
    public void Elapsed_time_reads_in_seconds_then_minutes()
    {
        Assert.Equal("0.0s", ProgressBoard.Elapsed(TimeSpan.Zero));
        Assert.Equal("14.2s", ProgressBoard.Elapsed(TimeSpan.FromSeconds(14.24)));
        Assert.Equal("1m05s", ProgressBoard.Elapsed(TimeSpan.FromSeconds(65.4)));
    }

    private static string Spinnerless(string line) => "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏".Contains(line[0], StringComparison.Ordinal) ? "." + line[1..] : line;

    private async Task<TerminalScreen> RunToEndAsync(string[] hosts)
    {
        await View(hosts).RunAsync(async observer =>
        {
            observer.HostStarted("lab1");
            observer.StepStarted("lab1", "file[/etc/motd]");
            await ScreenWhenAsync(s => s.Lines.Any(l => l.Contains("lab1  file[/etc/motd]", StringComparison.Ordinal)));
            var report = Host("lab1", HostStatus.Changed) with
            {
                Resources = [new ResourceReport("file[/etc/motd]", "base", ResourceStatus.Changed, "update /etc/motd", null, TimeSpan.FromSeconds(1))],
            };
            observer.ResourceFinished("lab1", report.Resources[0]);
            observer.HostFinished(report);
            return Report(report);
        });
        return TerminalScreen.Replay(Written());
    }

    private string Written()
    {
        lock (_output)
        {
            return _written.ToString();
        }
    }

    // Frames come every 100 ms of real time, which a loaded machine running the whole suite can stretch: wait for the
    // frame that shows what the test set up (at most 10 s; the assertions after then say what was on screen instead).
    private async Task<TerminalScreen> ScreenWhenAsync(Func<TerminalScreen, bool> shows)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var screen = TerminalScreen.Replay(Written());
            if (shows(screen) || clock.Elapsed > TimeSpan.FromSeconds(10))
            {
                return screen;
            }

            await Task.Delay(20);
        }
    }

    private LiveView View(string[] hosts, int width = 100) =>
        new(_output, hosts, new ListingWriter(_output, ListingWriter.HostWidth(hosts), Ansi.None), "apply", width, _time);

    private static HostReport Host(string name, HostStatus status) =>
        new(name, status, null, status == HostStatus.Ok ? [new ResourceReport("file[/etc/motd]", "base", ResourceStatus.Ok, null, null, TimeSpan.Zero)] : [], [], 2, TimeSpan.FromSeconds(3));

    private static RunReport Report(params HostReport[] hosts) => new(false, hosts, TimeSpan.FromSeconds(3));
}
