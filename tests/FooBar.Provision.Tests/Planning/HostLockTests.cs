using FooBar.Provision.Planning;
using FooBar.Provision.Reporting;
using static FooBar.Provision.Tests.Planning.EngineTestKit;

namespace FooBar.Provision.Tests.Planning;

/// <summary>One apply per host: the lock is taken with the facts; a host held by another apply fails with who holds it.</summary>
public sealed class HostLockTests
{
    private const string Owner = "session=123:456\nsince=1796000000\npid=4242\ncontroller=ops@laptop\n";

    [Fact]
    public async Task An_apply_takes_the_lock_in_the_facts_round_trip()
    {
        var host = new FakeHost("web1");

        var report = await RunAsync(new TestRole("r", [new TestResource("a", "1")]), host);

        var first = host.Sent[0];
        Assert.Contains("os_id=", first.Script, StringComparison.Ordinal);
        Assert.Contains("echo lock=taken", first.Script, StringComparison.Ordinal);
        Assert.False(first.IsReadOnly);
        Assert.Equal(HostStatus.Changed, report.Hosts[0].Status);
    }

    [Fact]
    public async Task An_apply_on_a_host_held_by_another_fails_that_host_with_who_holds_it_and_writes_nothing()
    {
        var host = new FakeHost("web1") { LockHeldBy = Owner };

        var report = await RunAsync(new TestRole("r", [new TestResource("a", "1")]), host);

        var hostReport = report.Hosts[0];
        Assert.Equal(HostStatus.Failed, hostReport.Status);
        Assert.Contains("another apply holds this host since 2026-11-30 ", hostReport.Error, StringComparison.Ordinal);
        Assert.Contains("(pid 4242, controller ops@laptop)", hostReport.Error, StringComparison.Ordinal);
        Assert.Single(host.Sent);
        Assert.Empty(host.State);
    }

    [Fact]
    public async Task A_plan_only_looks_at_the_lock_and_says_when_an_apply_holds_the_host()
    {
        var host = new FakeHost("web1") { LockHeldBy = Owner };

        var report = await RunAsync(new TestRole("r", [new TestResource("a", "1")]), host, dryRun: true);

        Assert.True(host.Sent[0].IsReadOnly);
        Assert.DoesNotContain("lock=taken", host.Sent[0].Script, StringComparison.Ordinal);
        Assert.Equal(HostStatus.Pending, report.Hosts[0].Status);
        Assert.Contains(report.Hosts[0].Notes, n => n.StartsWith("an apply holds this host since", StringComparison.Ordinal) && n.Contains("ops@laptop", StringComparison.Ordinal));
    }

    [Fact]
    public void The_lock_wait_and_state_directory_are_words_of_the_script()
    {
        var script = HostOpening.Command(new RunOptions { LockWait = TimeSpan.FromSeconds(7), StateDirectory = "/srv/state dir" }, takeLock: true, "me@here").Script;

        Assert.Contains("sd='/srv/state dir'", script, StringComparison.Ordinal);
        Assert.Contains("-ge 7 ]", script, StringComparison.Ordinal);
        Assert.Contains("me@here", script, StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task A_held_lock_is_waited_for_the_whole_wait_on_a_real_shell_whatever_the_clock_says()
    {
        // The holder is this test process (alive, same start time); `date` jumps 100 s per call, so a wait measured
        // against the clock would give up at once, while the asked-for 2 s must pass.
        var directory = Directory.CreateTempSubdirectory("fb-lockwait-").FullName;
        try
        {
            var stat = File.ReadAllText("/proc/self/stat");
            var startTime = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[19];
            File.WriteAllText(Path.Combine(directory, "owner"), $"session={Environment.ProcessId}:{startTime}\nsince=1796000000\n");
            var bin = Directory.CreateDirectory(Path.Combine(directory, "bin")).FullName;
            File.WriteAllText(Path.Combine(bin, "date"), $"#!/bin/sh\nn=$(cat '{directory}/clock' 2>/dev/null || echo 1796000000)\nn=$((n + 100)); echo $n > '{directory}/clock'; echo $n\n");
            File.SetUnixFileMode(Path.Combine(bin, "date"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var script = HostOpening.Command(new RunOptions { LockWait = TimeSpan.FromSeconds(2), StateDirectory = directory }, takeLock: true, "me@here").Script;
            var start = new System.Diagnostics.ProcessStartInfo("/bin/sh", ["-c", script]) { RedirectStandardOutput = true };
            start.Environment["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH");
            var clock = System.Diagnostics.Stopwatch.StartNew();
            using var process = System.Diagnostics.Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();

            Assert.Contains("lock=busy", output, StringComparison.Ordinal);
            Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(2), $"gave up after {clock.Elapsed}");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
