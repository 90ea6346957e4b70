using FooBar.Provision.Inventory;
using FooBar.Provision.Transport;
using Xunit.Abstractions;

namespace FooBar.Provision.IntegrationTests;

/// <summary>
/// The OpenSSH transport against silent networks, resets (<see cref="TransportResilienceTests"/>) and its own masters:
/// shared addresses, shared and ended masters, against the real sshd and misbehaving listeners on 127.0.0.1.
/// </summary>
[Collection(LoopbackSshd.CollectionName)]
public sealed class OpenSshResilienceTests(LoopbackSshd sshd, ITestOutputHelper output) : TransportResilienceTests(sshd, output)
{
    /// <inheritdoc />
    protected override TransportKind Kind => TransportKind.OpenSsh;

    /// <inheritdoc />
    /// <remarks>ssh's ConnectTimeout covers the banner; the master is killed at connect_timeout + the window + 5 s at the latest.</remarks>
    protected override (double Min, double Max) SilentListenerSeconds => (1.5, 2 + 2 + 6);

    /// <inheritdoc />
    protected override double SilentServerMaxSeconds => 2 + 6;

    [Fact]
    public async Task Two_inventory_hosts_with_the_same_address_have_their_own_masters_and_one_closing_leaves_the_other_working()
    {
        await using var factory = new OpenSshConnectionFactory();
        var first = factory.Open(Sshd.Host with { Name = "web" });
        var second = factory.Open(Sshd.Host with { Name = "db" });
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
        var first = factory.Open(Sshd.Host);
        var second = factory.Open(Sshd.Host);
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
        var connection = factory.Open(Sshd.Host);
        await connection.RunAsync(new RemoteCommand($"true"));
        var socket = Assert.Single(Sockets(factory));
        await LocalProcess.RunAsync("ssh", "-O", "exit", "-o", $"ControlPath={socket}", "-p", $"{Sshd.Port}", "-l", "root", "127.0.0.1");
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
}
