using System.Diagnostics;
using FooBar.Provision.Inventory;
using FooBar.Provision.Transport;
using FooBar.Provision.Transport.SshNet;
using Xunit.Abstractions;

namespace FooBar.Provision.IntegrationTests;

/// <summary>
/// What both transports do when the network or the server misbehaves, written once: a listener that never speaks,
/// resets before any command, a server that goes silent during one. Each transport's sealed subclass sets its kind and
/// its bounds, and adds its own cases.
/// </summary>
public abstract class TransportResilienceTests(LoopbackSshd sshd, ITestOutputHelper output)
{
    /// <summary>The test's own sshd on 127.0.0.1.</summary>
    protected LoopbackSshd Sshd => sshd;

    /// <summary>The test's output.</summary>
    protected ITestOutputHelper Output => output;

    /// <summary>The transport under test: every host of these tests names it, and <see cref="TransportConnectionFactory"/> opens it.</summary>
    protected abstract TransportKind Kind { get; }

    /// <summary>How long opening a connection to a listener that never speaks may take, with connect_timeout 2 s and a 2 s keep-alive window.</summary>
    protected abstract (double Min, double Max) SilentListenerSeconds { get; }

    /// <summary>How long after the server froze a command may take to fail, with a keep-alive window of 2 × 1 s.</summary>
    protected abstract double SilentServerMaxSeconds { get; }

    [Fact]
    public async Task A_host_that_accepts_and_never_speaks_fails_within_its_connect_bound()
    {
        await using var silent = FaultyListener.Silent();
        var host = Host() with { Port = silent.Port, ConnectTimeoutSeconds = 2, KeepAliveIntervalSeconds = 1, KeepAliveCountMax = 2 };
        await using var factory = Factory();
        var clock = Stopwatch.StartNew();

        var exception = await Assert.ThrowsAsync<HostUnreachableException>(() => factory.Open(host).RunAsync(new RemoteCommand($"true")));

        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: {exception.Message}");
        Assert.InRange(clock.Elapsed.TotalSeconds, SilentListenerSeconds.Min, SilentListenerSeconds.Max);
        Assert.Contains($"127.0.0.1:{silent.Port}", exception.Message, StringComparison.Ordinal);
        Assert.Equal(1, silent.Accepted); // a timeout is not tried again: it already took the whole connect timeout
    }

    [Fact]
    public async Task A_host_that_goes_silent_during_a_command_fails_within_the_keepalive_window_with_a_clear_message()
    {
        var host = Host() with { KeepAliveIntervalSeconds = 1, KeepAliveCountMax = 2 };
        await using var factory = Factory();
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
            Assert.InRange(clock.Elapsed.TotalSeconds, 0.5, SilentServerMaxSeconds);
            Assert.Contains("lost the SSH connection", exception.Message, StringComparison.Ordinal);
            Assert.Contains("no answer to 2 keep-alives sent 1 s apart", exception.Message, StringComparison.Ordinal);
            Assert.Contains("not sent again", exception.Message, StringComparison.Ordinal);
        }
        finally
        {
            SshdSessions.Signal("CONT", sessions);
        }
    }

    [Fact]
    public async Task A_connection_reset_before_any_command_started_is_tried_again_with_back_off()
    {
        await using var flaky = FaultyListener.ResettingThenForwarding(2, sshd.Port);
        var host = Host() with { Port = flaky.Port, KnownHostsFile = KnownHosts($"[127.0.0.1]:{flaky.Port} {sshd.HostPublicKey}") };
        await using var factory = Factory();
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
        var host = Host() with { Port = resetting.Port };
        await using var factory = Factory(connectAttempts: 4);

        var exception = await Assert.ThrowsAsync<HostUnreachableException>(() => factory.Open(host).RunAsync(new RemoteCommand($"true")));

        output.WriteLine(exception.Message);
        Assert.Equal(4, resetting.Accepted);
        Assert.Contains("(4 tries in", exception.Message, StringComparison.Ordinal);
        Assert.Contains("no command was sent", exception.Hint, StringComparison.Ordinal);
    }

    /// <summary>The test sshd's host, on this transport.</summary>
    protected HostEntry Host() => sshd.Host with { Transport = Kind };

    /// <summary>A factory that opens this transport, trying a failed connect again after 50 ms.</summary>
    protected TransportConnectionFactory Factory(int connectAttempts = 3)
    {
        var delay = TimeSpan.FromMilliseconds(50);
        return new TransportConnectionFactory(
            new SshNetOptions { ConnectRetryDelay = delay, ConnectAttempts = connectAttempts },
            new OpenSshOptions { ConnectRetryDelay = delay, ConnectAttempts = connectAttempts });
    }

    /// <summary>A known_hosts file of the test's own holding <paramref name="line"/>.</summary>
    protected string KnownHosts(string line)
    {
        var path = Path.Combine(sshd.WorkDirectory, "known_hosts_" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(path, line + "\n");
        return path;
    }
}
