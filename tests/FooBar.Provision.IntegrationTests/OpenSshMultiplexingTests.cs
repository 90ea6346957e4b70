using System.Diagnostics;
using System.Runtime.Versioning;
using FooBar.Provision.Transport;
using Xunit.Abstractions;

namespace FooBar.Provision.IntegrationTests;

[Collection(LoopbackSshd.CollectionName)]
public sealed class OpenSshMultiplexingTests(LoopbackSshd sshd, ITestOutputHelper output)
{
    [Fact]
    public async Task Counts_one_round_trip_per_command()
    {
        await using var factory = new OpenSshConnectionFactory();
        var connection = factory.Open(sshd.Host);

        for (var i = 0; i < 3; i++)
        {
            await connection.RunAsync(new RemoteCommand("true"));
        }

        Assert.Equal(3, connection.RoundTrips);
    }

    [Fact]
    public async Task The_first_command_leaves_a_master_connection_that_later_commands_reuse()
    {
        await using var factory = new OpenSshConnectionFactory();
        var connection = factory.Open(sshd.Host);

        var first = await TimeAsync(connection);
        var sockets = ControlSockets.In(factory.ControlDirectory);
        var later = new List<TimeSpan>();
        for (var i = 0; i < 5; i++)
        {
            later.Add(await TimeAsync(connection));
        }

        var socket = Assert.Single(sockets);
        await CheckMasterAsync(socket); // throws unless a master answers on the socket
        output.WriteLine($"first command (new connection): {first.TotalMilliseconds:0} ms; " +
            $"later commands over the master: {string.Join(", ", later.Select(t => $"{t.TotalMilliseconds:0}"))} ms");
    }

    [Fact]
    public async Task Concurrent_commands_on_one_connection_each_get_their_own_result()
    {
        await using var factory = new OpenSshConnectionFactory();
        var connection = factory.Open(sshd.Host);
        await connection.RunAsync(new RemoteCommand("true"));

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => connection.RunAsync(new RemoteCommand($"sleep 0.2; echo {i}"))));

        Assert.Equal(Enumerable.Range(0, 6).Select(i => $"{i}\n"), results.Select(r => r.StandardOutput));
        Assert.Equal(7, connection.RoundTrips);
    }

    [Fact]
    public async Task Disposing_the_factory_closes_the_master_and_deletes_the_control_directory()
    {
        var factory = new OpenSshConnectionFactory();
        var connection = factory.Open(sshd.Host);
        await connection.RunAsync(new RemoteCommand("true"));
        var socket = Assert.Single(ControlSockets.In(factory.ControlDirectory));

        await factory.DisposeAsync();

        Assert.False(Directory.Exists(factory.ControlDirectory));
        var check = await Assert.ThrowsAsync<InvalidOperationException>(() => CheckMasterAsync(socket));
        Assert.Contains("No such file", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public async Task The_default_control_directory_is_private()
    {
        await using var factory = new OpenSshConnectionFactory();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(factory.ControlDirectory));
    }

    [Fact]
    public async Task A_connection_used_after_the_factory_is_disposed_throws_ObjectDisposedException()
    {
        var factory = new OpenSshConnectionFactory();
        var connection = factory.Open(sshd.Host);
        await factory.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => connection.RunAsync(new RemoteCommand("true")));
        Assert.Throws<ObjectDisposedException>(() => factory.Open(sshd.Host));
    }

    private Task<string> CheckMasterAsync(string socket) =>
        LocalProcess.RunAsync("ssh", "-O", "check", "-o", $"ControlPath={socket}", "-p", $"{sshd.Port}", "-l", "root", "127.0.0.1");

    private static async Task<TimeSpan> TimeAsync(IHostConnection connection)
    {
        var stopwatch = Stopwatch.StartNew();
        var result = await connection.RunAsync(new RemoteCommand("true"));
        Assert.True(result.Succeeded);
        return stopwatch.Elapsed;
    }
}
