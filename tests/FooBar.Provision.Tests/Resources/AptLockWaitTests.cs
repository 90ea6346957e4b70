using System.Diagnostics;
using FooBar.Provision.Resources;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Tests.Resources;

/// <summary>
/// The lock wait of package installs, run by a real /bin/sh: a python3 process holds an fcntl lock (as dpkg and apt
/// do) on a lock file of the test's own, and a fake apt-get on PATH records its calls.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class AptLockWaitTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fb-aptlock-").FullName;

    private string LockFile => Path.Combine(_directory, "lock-frontend");

    private string Calls => Path.Combine(_directory, "calls");

    [Fact]
    public async Task Apt_runs_at_once_when_no_lock_is_held_and_nothing_is_reported()
    {
        var (exit, output, _) = await RunAsync(TimeSpan.FromSeconds(10), fakeApt: "exit 0");

        Assert.Equal(0, exit);
        Assert.Null(AptLockWait.Parse(output));
        Assert.Equal("install -y nginx\n", File.ReadAllText(Calls));
    }

    [Fact]
    public async Task Apt_waits_while_another_process_holds_the_lock_then_runs_and_says_how_long_and_who()
    {
        using var holder = HoldLock(seconds: 2);

        var (exit, output, _) = await RunAsync(TimeSpan.FromSeconds(20), fakeApt: "exit 0");

        Assert.Equal(0, exit);
        var wait = Assert.NotNull(AptLockWait.Parse(output));
        Assert.InRange(wait.Seconds, 1, 4);
        Assert.Equal($"python3 (pid {holder.Id})", wait.Holder);
        Assert.False(wait.TimedOut);
        Assert.Equal("install -y nginx\n", File.ReadAllText(Calls));
    }

    [Fact]
    public async Task When_the_limit_runs_out_apt_never_ran_and_the_script_exits_75_naming_the_holder()
    {
        using var holder = HoldLock(seconds: 30);

        var (exit, output, error) = await RunAsync(TimeSpan.FromSeconds(2), fakeApt: "exit 0");

        Assert.Equal(AptLockWait.TimedOut, exit);
        var wait = Assert.NotNull(AptLockWait.Parse(output));
        Assert.True(wait.TimedOut);
        Assert.Equal(2, wait.Seconds);
        Assert.Equal($"python3 (pid {holder.Id})", wait.Holder);
        Assert.Contains("still held after 2 s", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Calls));
    }

    [Fact]
    public async Task Apt_that_lost_the_race_for_a_lock_is_run_again_within_the_limit()
    {
        // The first call fails as apt does when a lock was taken between the look and apt's own attempt.
        var (exit, output, _) = await RunAsync(TimeSpan.FromSeconds(10), fakeApt: $"[ -e {_directory}/once ] && exit 0; touch {_directory}/once; echo 'E: Could not get lock /var/lib/dpkg/lock-frontend' >&2; exit 100");

        Assert.Equal(0, exit);
        Assert.Equal(2, File.ReadAllLines(Calls).Length);
        Assert.Equal(1, AptLockWait.Parse(output)?.Seconds);
    }

    [Fact]
    public async Task Any_other_apt_failure_is_not_run_again_and_keeps_its_message()
    {
        var (exit, _, error) = await RunAsync(TimeSpan.FromSeconds(10), fakeApt: "echo 'E: Unable to locate package nginx' >&2; exit 100");

        Assert.Equal(1, exit);
        Assert.Contains("Unable to locate package nginx", error, StringComparison.Ordinal);
        Assert.Single(File.ReadAllLines(Calls));
    }

    [Theory]
    [InlineData("fb-apt-lock-waited 37 1234 unattended-upgr\n", 37, "unattended-upgr (pid 1234)", false)]
    [InlineData("noise\nfb-apt-lock-timeout 120 0 unknown\n", 120, "another process", true)]
    public void The_report_lines_are_parsed(string output, int seconds, string holder, bool timedOut) =>
        Assert.Equal((seconds, holder, timedOut), AptLockWait.Parse(output));

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private async Task<(int Exit, string Output, string Error)> RunAsync(TimeSpan limit, string fakeApt)
    {
        var bin = Path.Combine(_directory, "bin");
        Directory.CreateDirectory(bin);
        var apt = Path.Combine(bin, "apt-get");
        File.WriteAllText(apt, $"#!/bin/sh\necho \"$*\" >> {Calls}\n{fakeApt}\n");
        File.SetUnixFileMode(apt, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.WriteAllText(LockFile, string.Empty);
        ShellScript script = $"{AptLockWait.Functions(limit, [LockFile, Path.Combine(_directory, "absent")])}PATH={bin}:$PATH; set -e; fb_apt install -y nginx; fb_apt_report";
        var start = new ProcessStartInfo("/bin/sh", ["-c", script.Text]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("no /bin/sh");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await output, await error);
    }

    /// <summary>A python3 process that holds an fcntl write lock on the lock file for <paramref name="seconds"/>, as dpkg does.</summary>
    private LockHolder HoldLock(int seconds)
    {
        File.WriteAllText(LockFile, string.Empty);
        var ready = Path.Combine(_directory, "ready");
        var code = $"import fcntl, time\nf = open('{LockFile}', 'w')\nfcntl.lockf(f, fcntl.LOCK_EX)\nopen('{ready}', 'w').close()\ntime.sleep({seconds})\n";
        var process = Process.Start(new ProcessStartInfo("python3", ["-c", code])) ?? throw new InvalidOperationException("python3 is needed (apt-get install python3; .ci/run does)");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!File.Exists(ready) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20);
        }

        return new LockHolder(process);
    }

    private sealed class LockHolder(Process process) : IDisposable
    {
        public int Id => process.Id;

        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill();
            }

            process.WaitForExit();
            process.Dispose();
        }
    }
}
