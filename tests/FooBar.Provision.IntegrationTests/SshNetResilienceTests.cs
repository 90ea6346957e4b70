using System.Diagnostics;
using FooBar.Provision.IntegrationTests.AgentJump;
using FooBar.Provision.Planning;
using FooBar.Provision.Transport;
using FooBar.Provision.Transport.SshNet;
using Xunit.Abstractions;

namespace FooBar.Provision.IntegrationTests;

/// <summary>The SSH.NET transport's own resilience on real sshd instances: channels a server refuses, dropped and silent connections, resets, the host lock.</summary>
[Collection(LoopbackSshd.CollectionName)]
public sealed class SshNetResilienceTests(LoopbackSshd sshd, ITestOutputHelper output)
{
    private static readonly SshNetOptions FastRetries = new() { ConnectRetryDelay = TimeSpan.FromMilliseconds(50) };

    [Fact]
    public async Task A_server_that_allows_two_sessions_still_runs_ten_commands_at_once_each_once()
    {
        await using var limited = await PrivateSshd.StartAsync(sshd.WorkDirectory, "maxsessions-" + Guid.NewGuid().ToString("N")[..8], "127.0.0.1", "MaxSessions 2");
        await limited.AuthorizeAsync(sshd.ClientKeyFile);
        var host = sshd.Host with { Port = limited.Port, KnownHostsFile = KnownHosts(limited.KnownHostsLine) };
        await using var factory = new SshNetConnectionFactory();
        var connection = factory.Open(host);
        var marker = Path.Combine(sshd.WorkDirectory, "ran-" + Guid.NewGuid().ToString("N"));

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            connection.RunAsync(new RemoteCommand($"echo {i} >> {marker}; sleep 0.3; echo {i}"))));

        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"{i}\n"), results.Select(r => r.StandardOutput));
        Assert.Equal(10, File.ReadAllLines(marker).Length);
        Assert.Equal(10, connection.RoundTrips);
    }

    [Fact]
    public async Task A_connection_dropped_between_commands_is_opened_again_before_the_next()
    {
        await using var factory = new SshNetConnectionFactory();
        var connection = factory.Open(sshd.Host);
        var first = await connection.RunAsync(new RemoteCommand($"echo $PPID"));
        var before = SshdSessions.Of(sshd.ProcessId);

        SshdSessions.Signal("TERM", before);
        await Task.Delay(300);
        var second = await connection.RunAsync(new RemoteCommand($"echo $PPID"));

        Assert.NotEqual(first.StandardOutput, second.StandardOutput);
        Assert.Equal(2, connection.RoundTrips);
    }

    [Fact]
    public async Task A_connection_dropped_during_a_command_fails_the_command_which_is_not_sent_again()
    {
        var marker = Path.Combine(sshd.WorkDirectory, "once-" + Guid.NewGuid().ToString("N"));
        await using var factory = new SshNetConnectionFactory();
        var connection = factory.Open(sshd.Host);
        await connection.RunAsync(new RemoteCommand($"true"));
        var sessions = SshdSessions.Of(sshd.ProcessId);
        var command = connection.RunAsync(new RemoteCommand($"echo x >> {marker}; sleep 30"));
        Assert.True(await HostProcessesWait(() => File.Exists(marker)), "the command did not start");

        SshdSessions.Signal("KILL", sessions);
        var exception = await Assert.ThrowsAsync<HostUnreachableException>(() => command);

        output.WriteLine(exception.Message);
        Assert.Contains("lost the SSH connection", exception.Message, StringComparison.Ordinal);
        Assert.Contains("not sent again", exception.Message, StringComparison.Ordinal);
        Assert.Single(File.ReadAllLines(marker));
        Assert.Equal("after\n", (await connection.RunAsync(new RemoteCommand($"echo after"))).StandardOutput);
    }

    [Fact]
    public async Task A_host_that_goes_silent_during_a_command_fails_within_the_keepalive_window_with_a_clear_message()
    {
        var host = sshd.Host with { KeepAliveIntervalSeconds = 1, KeepAliveCountMax = 2 };
        await using var factory = new SshNetConnectionFactory();
        var connection = factory.Open(host);
        await connection.RunAsync(new RemoteCommand($"true"));
        var sessions = SshdSessions.Of(sshd.ProcessId);
        Assert.NotEmpty(sessions);
        var command = connection.RunAsync(new RemoteCommand($"sleep 30; echo done"));
        await Task.Delay(500);
        var clock = Stopwatch.StartNew();
        SshdSessions.Signal("STOP", sessions); // the server's end stops answering, its TCP stays up: a blackhole
        try
        {
            var exception = await Assert.ThrowsAsync<HostUnreachableException>(() => command);

            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s after the server went silent: {exception.Message}");
            Assert.InRange(clock.Elapsed.TotalSeconds, 0.5, 2 + 3);
            Assert.Contains("lost the SSH connection", exception.Message, StringComparison.Ordinal);
            Assert.Contains("no answer to 2 keep-alives sent 1 s apart", exception.Message, StringComparison.Ordinal);
        }
        finally
        {
            SshdSessions.Signal("CONT", sessions);
        }
    }

    [Fact]
    public async Task A_host_that_accepts_and_never_speaks_fails_within_the_connect_timeout()
    {
        await using var silent = FaultyListener.Silent();
        var host = sshd.Host with { Port = silent.Port, ConnectTimeoutSeconds = 2, KeepAliveIntervalSeconds = 1, KeepAliveCountMax = 2 };
        await using var factory = new SshNetConnectionFactory(FastRetries);
        var clock = Stopwatch.StartNew();

        var exception = await Assert.ThrowsAsync<HostUnreachableException>(() => factory.Open(host).RunAsync(new RemoteCommand($"true")));

        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: {exception.Message}");
        Assert.InRange(clock.Elapsed.TotalSeconds, 1.8, 2.5);
        Assert.Contains($"127.0.0.1:{silent.Port}", exception.Message, StringComparison.Ordinal);
        Assert.Equal(1, silent.Accepted);
    }

    [Fact]
    public async Task A_connection_reset_before_any_command_started_is_tried_again_with_back_off()
    {
        await using var flaky = FaultyListener.ResettingThenForwarding(2, sshd.Port);
        var host = sshd.Host with { Port = flaky.Port, KnownHostsFile = KnownHosts($"[127.0.0.1]:{flaky.Port} {sshd.HostPublicKey}") };
        await using var factory = new SshNetConnectionFactory(FastRetries);
        var connection = factory.Open(host);

        var result = await connection.RunAsync(new RemoteCommand($"echo ran"));

        Assert.Equal("ran\n", result.StandardOutput);
        Assert.Equal(3, flaky.Accepted);
        Assert.Equal(1, connection.RoundTrips);
    }

    [Fact]
    public async Task Resets_that_go_on_fail_the_host_after_the_configured_tries()
    {
        await using var resetting = FaultyListener.Resetting();
        var host = sshd.Host with { Port = resetting.Port };
        await using var factory = new SshNetConnectionFactory(FastRetries with { ConnectAttempts = 4 });

        var exception = await Assert.ThrowsAsync<HostUnreachableException>(() => factory.Open(host).RunAsync(new RemoteCommand($"true")));

        output.WriteLine(exception.Message);
        Assert.Equal(4, resetting.Accepted);
        Assert.Contains("(4 tries in", exception.Message, StringComparison.Ordinal);
        Assert.Contains("no command was sent", exception.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_apply_lock_is_held_for_the_life_of_the_connection_and_freed_when_it_closes()
    {
        var state = Path.Combine(sshd.WorkDirectory, "state-" + Guid.NewGuid().ToString("N"));
        var options = new RunOptions { StateDirectory = state, LockWait = TimeSpan.Zero };
        await using var factory = new SshNetConnectionFactory();
        var holder = factory.Open(sshd.Host);
        var other = factory.Open(sshd.Host);

        Assert.Contains("lock=taken", (await holder.RunAsync(HostOpening.Command(options, takeLock: true, "holder"))).StandardOutput, StringComparison.Ordinal);
        await holder.RunAsync(new RemoteCommand($"true")); // a later command of the same connection
        Assert.Contains("lock=busy", (await other.RunAsync(HostOpening.Command(options, takeLock: true, "other"))).StandardOutput, StringComparison.Ordinal);
        await holder.DisposeAsync();

        Assert.Contains("lock=taken", (await other.RunAsync(HostOpening.Command(options, takeLock: true, "other"))).StandardOutput, StringComparison.Ordinal);
    }

    private string KnownHosts(string line)
    {
        var path = Path.Combine(sshd.WorkDirectory, "known_hosts_" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(path, line + "\n");
        return path;
    }

    private static async Task<bool> HostProcessesWait(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(20);
        }

        return condition();
    }
}
