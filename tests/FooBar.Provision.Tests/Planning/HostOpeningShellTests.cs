using System.Diagnostics;
using FooBar.Provision.Planning;

namespace FooBar.Provision.Tests.Planning;

/// <summary>The opening script on a real /bin/sh: what it prints with fewer process starts is what the engine reads.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class HostOpeningShellTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fb-opening-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("/bin/sh")]
    [InlineData("/bin/bash")]
    public async Task The_facts_lines_end_with_their_end_line_and_proc_gives_the_host_name_and_architecture_as_uname_does(string shell)
    {
        var output = await RunAsync(HostOpening.Command(new RunOptions { StateDirectory = _directory }, takeLock: false, "me@here").Script, shell);

        var state = HostState.Parse(output);
        Assert.Equal(output[..output.IndexOf("\nfacts_end\n", StringComparison.Ordinal)], state.FactsText);
        Assert.StartsWith("os_id=", state.FactsText, StringComparison.Ordinal);
        Assert.Equal((await RunAsync("uname -m")).Trim(), state.Facts.Architecture);
        Assert.Equal((await RunAsync("uname -n")).Trim(), state.Facts.Hostname);
    }

    [Fact]
    public async Task Under_a_32_bit_personality_the_architecture_is_the_one_uname_gives_there()
    {
        // uname(2) reports i686 on x86_64 under `setarch i686` (PER_LINUX32); /proc/sys/kernel/arch does not: the script
        // must fall back to uname then.
        var expected = (await RunAsync("setarch i686 uname -m 2>/dev/null || uname -m")).Trim();
        var script = FooBar.Provision.Facts.FactsGatherer.Script.Text;

        var facts = FooBar.Provision.Facts.FactsGatherer.Parse(await RunAsync($"exec setarch i686 /bin/sh -c {FooBar.Provision.Transport.ShellQuote.Quote(script)} 2>/dev/null || /bin/sh -c {FooBar.Provision.Transport.ShellQuote.Quote(script)}"));

        Assert.Equal(expected, facts.Architecture);
    }

    [Theory]
    [InlineData("/bin/sh")]
    [InlineData("/bin/bash")]
    public async Task Cached_facts_lines_run_the_probes_only_when_they_are_the_fresh_ones_to_the_byte(string shell)
    {
        var options = new RunOptions { StateDirectory = _directory };
        var fresh = HostState.Parse(await RunAsync(HostOpening.Command(options, takeLock: false, "me@here").Script, shell)).FactsText;
        var probes = (FooBar.Provision.Transport.ShellScript)$"echo probed\n";

        var same = await RunAsync(HostOpening.Command(options, takeLock: false, "me@here", (fresh, probes)).Script, shell);
        var other = await RunAsync(HostOpening.Command(options, takeLock: false, "me@here", (fresh + " ", probes)).Script, shell);
        var quoted = await RunAsync(HostOpening.Command(options, takeLock: false, "me@here", (fresh.Replace("os_id=", "os_id='$(x)`y`", StringComparison.Ordinal), probes)).Script, shell);

        Assert.Contains("facts=cached\nprobed\n", same, StringComparison.Ordinal);
        Assert.Contains("facts=changed\n", other, StringComparison.Ordinal);
        Assert.DoesNotContain("probed", other, StringComparison.Ordinal);
        Assert.Contains("facts=changed\n", quoted, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_state_directory_the_effective_uid_picks_it_as_id_u_would()
    {
        var output = await RunAsync(HostOpening.Command(new RunOptions(), takeLock: false, "me@here").Script);

        var root = (await RunAsync("id -u")).Trim() == "0";
        var directory = HostState.Parse(output).StateDirectory;
        Assert.Equal(root, directory == "/var/lib/foobar-provision");
    }

    [Fact]
    public async Task A_plan_names_the_owner_only_while_a_live_session_holds_the_lock()
    {
        File.WriteAllText(Path.Combine(_directory, "owner"), $"session={LiveSession()}\nsince=1796000000\npid=4242\ncontroller=ops@laptop\n");
        var plan = HostOpening.Command(new RunOptions { StateDirectory = _directory }, takeLock: false, "me@here").Script;

        var held = HostState.Parse(await RunAsync(plan));
        File.WriteAllText(Path.Combine(_directory, "owner"), "session=1:1\nsince=1796000000\npid=4242\ncontroller=ops@laptop\n");
        var free = HostState.Parse(await RunAsync(plan));

        Assert.True(held.LockBusy);
        Assert.Equal("ops@laptop", held.Owner?.Controller);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1796000000), held.Owner?.Since);
        Assert.Equal("free", free.Lock);
        Assert.Null(free.Owner);
    }

    [Fact]
    public async Task An_apply_that_takes_the_lock_records_itself_and_prints_no_owner()
    {
        File.WriteAllText(Path.Combine(_directory, "owner"), "session=1:1\nsince=1796000000\npid=4242\ncontroller=ops@laptop\n");

        var output = await RunAsync(HostOpening.Command(new RunOptions { StateDirectory = _directory + "/new", LockWait = TimeSpan.Zero }, takeLock: true, "me@here").Script);

        var state = HostState.Parse(output);
        Assert.Equal("taken", state.Lock);
        Assert.Null(state.Owner);
        Assert.Contains("controller=me@here\n", File.ReadAllText(Path.Combine(_directory, "new", "owner")), StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(_directory, "new")));
    }

    [Fact]
    public async Task An_apply_held_by_a_live_session_is_busy_and_names_its_owner()
    {
        File.WriteAllText(Path.Combine(_directory, "owner"), $"session={LiveSession()}\nsince=1796000000\npid=4242\ncontroller=ops@laptop\n");

        var state = HostState.Parse(await RunAsync(HostOpening.Command(new RunOptions { StateDirectory = _directory, LockWait = TimeSpan.Zero }, takeLock: true, "me@here").Script));

        Assert.True(state.LockBusy);
        Assert.Equal("4242", state.Owner?.Pid);
    }

    // This test process as a lock session: its pid and start time (field 22 of /proc/PID/stat), alive while the test runs.
    private static string LiveSession()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        return $"{Environment.ProcessId}:{stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[19]}";
    }

    private static async Task<string> RunAsync(string script, string shell = "/bin/sh")
    {
        using var process = Process.Start(new ProcessStartInfo(shell, ["-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        _ = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return await output;
    }
}
