namespace FooBar.Provision.IntegrationTests;

/// <summary>One apply per host: while a real <c>provision apply</c> holds the host, a second one waits its bounded time
/// and fails with who holds it; a plan says that an apply holds it; once the first ends, the host is free again.</summary>
[Collection(LoopbackSshd.CollectionName)]
public sealed class ConcurrentApplyTests(LoopbackSshd sshd) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fbcli-lock-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_second_apply_waits_its_bounded_time_then_fails_with_the_holder_and_the_host_is_free_after_the_first()
    {
        LoopbackInventory.WriteLargeMotdTemplate(_directory, 8 * 1024 * 1024);
        var inventory = LoopbackInventory.Write(sshd, _directory);
        var state = Path.Combine(_directory, "state");
        var motd = Path.Combine(_directory, "motd");
        var (first, _, receiver) = await ControllerProcess.StartPausedMidStreamAsync(_directory, () => File.Delete(motd), "apply", inventory, "--state-dir", state);
        using var _ = first;
        CliRun second;
        CliRun plan;
        try
        {
            second = await CliRun.RunAsync("apply", inventory, "--state-dir", state, "--lock-wait", "2");
            plan = await CliRun.RunAsync("plan", inventory, "--state-dir", state);
        }
        finally
        {
            ControllerProcess.Signal("CONT", receiver);
        }

        await first.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        var third = await CliRun.RunAsync("apply", inventory, "--state-dir", state, "--lock-wait", "10");

        Assert.True(second.ExitCode == 1, second.ToString());
        Assert.Contains("another apply holds this host since ", second.Stdout, StringComparison.Ordinal);
        Assert.Contains($"(pid {first.Id}, controller ", second.Stdout, StringComparison.Ordinal);
        Assert.InRange(second.WallTime, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30));
        Assert.Contains("note     an apply holds this host since ", plan.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, first.ExitCode);
        Assert.True(third.ExitCode == 0, third.ToString());
        Assert.Contains("nothing to change", third.Stdout, StringComparison.Ordinal);
    }
}
