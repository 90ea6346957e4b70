using System.Diagnostics;
using System.Globalization;
using FooBar.Provision.Transport;
using Xunit.Abstractions;

namespace FooBar.Provision.IntegrationTests;

/// <summary>Silent networks, resets and shared addresses, against the real sshd and misbehaving listeners on 127.0.0.1.</summary>
[Collection(LoopbackSshd.CollectionName)]
public sealed class OpenSshResilienceTests(LoopbackSshd sshd, ITestOutputHelper output)
{
    private static readonly OpenSshOptions FastRetries = new() { ConnectRetryDelay = TimeSpan.FromMilliseconds(50) };

    [Fact]
    public async Task A_host_that_accepts_and_never_speaks_fails_within_the_connect_timeout_plus_the_keepalive_window()
    {
        await using var silent = FaultyListener.Silent();
        var host = sshd.Host with { Port = silent.Port, ConnectTimeoutSeconds = 2, KeepAliveIntervalSeconds = 1, KeepAliveCountMax = 2 };
        await using var factory = new OpenSshConnectionFactory(FastRetries);
        var clock = Stopwatch.StartNew();

        var exception = await Assert.ThrowsAsync<HostUnreachableException>(() => factory.Open(host).RunAsync(new RemoteCommand($"true")));

        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: {exception.Message}");
        Assert.InRange(clock.Elapsed.TotalSeconds, 1.5, 2 + 2 + 6);
        Assert.Contains($"127.0.0.1:{silent.Port}", exception.Message, StringComparison.Ordinal);
        Assert.Equal(1, silent.Accepted); // a timeout is not tried again: it already took the whole connect timeout
    }

    [Fact]
    public async Task A_host_that_goes_silent_during_a_command_fails_within_the_keepalive_window_with_a_clear_message()
    {
        var host = sshd.Host with { KeepAliveIntervalSeconds = 1, KeepAliveCountMax = 2 };
        await using var factory = new OpenSshConnectionFactory();
        var connection = factory.Open(host);
        await connection.RunAsync(new RemoteCommand($"true"));
        var sessions = SessionProcesses();
        Assert.NotEmpty(sessions);
        var command = connection.RunAsync(new RemoteCommand($"sleep 30; echo done"));
        await Task.Delay(500);
        var clock = Stopwatch.StartNew();
        Signal("STOP", sessions); // the server's end stops answering, its TCP stays up: a blackhole
        try
        {
            var exception = await Assert.ThrowsAsync<HostUnreachableException>(() => command);

            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s after the server went silent: {exception.Message}");
            Assert.InRange(clock.Elapsed.TotalSeconds, 0.5, 2 + 6);
            Assert.Contains("lost the SSH connection", exception.Message, StringComparison.Ordinal);
            Assert.Contains("no answer to 2 keep-alives sent 1 s apart", exception.Message, StringComparison.Ordinal);
            Assert.Contains("not sent again", exception.Message, StringComparison.Ordinal);
        }
        finally
        {
            Signal("CONT", sessions);
        }
    }

    [Fact]
    public async Task A_connection_reset_before_any_command_started_is_tried_again_with_back_off()
    {
        await using var flaky = FaultyListener.ResettingThenForwarding(2, sshd.Port);
        var host = sshd.Host with { Port = flaky.Port, KnownHostsFile = KnownHostsFor(flaky.Port) };
        await using var factory = new OpenSshConnectionFactory(FastRetries);
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
        await using var factory = new OpenSshConnectionFactory(FastRetries with { ConnectAttempts = 4 });

        var exception = await Assert.ThrowsAsync<HostUnreachableException>(() => factory.Open(host).RunAsync(new RemoteCommand($"true")));

        output.WriteLine(exception.Message);
        Assert.Equal(4, resetting.Accepted);
        Assert.Contains("(4 tries in", exception.Message, StringComparison.Ordinal);
        Assert.Contains("no command was sent", exception.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_inventory_hosts_with_the_same_address_have_their_own_masters_and_one_closing_leaves_the_other_working()
    {
        await using var factory = new OpenSshConnectionFactory();
        var first = factory.Open(sshd.Host with { Name = "web" });
        var second = factory.Open(sshd.Host with { Name = "db" });
        await Task.WhenAll(first.RunAsync(new RemoteCommand($"true")), second.RunAsync(new RemoteCommand($"true")));
        Assert.Equal(2, Sockets(factory).Length);

        await first.DisposeAsync();
        var during = second.RunAsync(new RemoteCommand($"sleep 0.3; echo still"));
        var result = await during;

        Assert.Equal("still\n", result.StandardOutput);
        Assert.Single(Sockets(factory));
    }

    [Fact]
    public async Task Connections_to_one_host_share_its_master_until_the_last_is_disposed()
    {
        await using var factory = new OpenSshConnectionFactory();
        var first = factory.Open(sshd.Host);
        var second = factory.Open(sshd.Host);
        await first.RunAsync(new RemoteCommand($"true"));
        await second.RunAsync(new RemoteCommand($"true"));
        var socket = Assert.Single(Sockets(factory));

        await first.DisposeAsync();
        Assert.True(File.Exists(socket));
        Assert.True((await second.RunAsync(new RemoteCommand($"true"))).Succeeded);
        await second.DisposeAsync();

        Assert.Empty(Sockets(factory));
    }

    [Fact]
    public async Task A_master_that_ended_between_commands_is_opened_again()
    {
        await using var factory = new OpenSshConnectionFactory();
        var connection = factory.Open(sshd.Host);
        await connection.RunAsync(new RemoteCommand($"true"));
        var socket = Assert.Single(Sockets(factory));
        await LocalProcess.RunAsync("ssh", "-O", "exit", "-o", $"ControlPath={socket}", "-p", $"{sshd.Port}", "-l", "root", "127.0.0.1");
        for (var i = 0; i < 500 && File.Exists(socket); i++)
        {
            await Task.Delay(20); // the master removes its socket as it ends, just after answering (slower on a loaded machine)
        }

        Assert.False(File.Exists(socket), "the master did not end within 10 s");

        var result = await connection.RunAsync(new RemoteCommand($"echo again"));

        Assert.Equal("again\n", result.StandardOutput);
        Assert.True(File.Exists(socket));
    }

    private static string[] Sockets(OpenSshConnectionFactory factory) => ControlSockets.In(factory.ControlDirectory);

    private string KnownHostsFor(int port)
    {
        var path = Path.Combine(sshd.WorkDirectory, $"known_hosts_{port}");
        File.WriteAllText(path, $"[127.0.0.1]:{port} {sshd.HostPublicKey}\n");
        return path;
    }

    /// <summary>The session processes of the test's own sshd: every descendant of the listening daemon.</summary>
    private int[] SessionProcesses()
    {
        var parents = new Dictionary<int, int>();
        foreach (var directory in Directory.GetDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), CultureInfo.InvariantCulture, out var pid))
            {
                try
                {
                    var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
                }
                catch (IOException)
                {
                    // It ended meanwhile.
                }
            }
        }

        var found = new List<int>();
        var frontier = new Queue<int>([sshd.ProcessId]);
        while (frontier.TryDequeue(out var parent))
        {
            foreach (var child in parents.Where(p => p.Value == parent).Select(p => p.Key))
            {
                found.Add(child);
                frontier.Enqueue(child);
            }
        }

        return [.. found];
    }

    private static void Signal(string signal, IEnumerable<int> pids)
    {
        using var kill = Process.Start("kill", [$"-{signal}", .. pids.Select(p => p.ToString(CultureInfo.InvariantCulture))]);
        kill.WaitForExit();
    }
}
