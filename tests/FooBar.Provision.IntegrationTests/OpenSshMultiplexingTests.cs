using System.Diagnostics;
using System.Runtime.Versioning;
using FooBar.Provision.Transport;
using Xunit.Abstractions;

namespace FooBar.Provision.IntegrationTests;

[Collection(LoopbackSshd.CollectionName)]
public sealed class OpenSshMultiplexingTests(LoopbackSshd sshd, ITestOutputHelper output)
{
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
    public async Task Disposing_the_factory_closes_the_master_and_deletes_the_control_directory()
    {
        var factory = new OpenSshConnectionFactory();
        var connection = factory.Open(sshd.Host);
        await connection.RunAsync(new RemoteCommand($"true"));
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

    private Task<string> CheckMasterAsync(string socket) =>
        LocalProcess.RunAsync("ssh", "-O", "check", "-o", $"ControlPath={socket}", "-p", $"{sshd.Port}", "-l", "root", "127.0.0.1");

    private static async Task<TimeSpan> TimeAsync(IHostConnection connection)
    {
        var stopwatch = Stopwatch.StartNew();
        var result = await connection.RunAsync(new RemoteCommand($"true"));
        Assert.True(result.Succeeded);
        return stopwatch.Elapsed;
    }
}
