using FooBar.Provision.IntegrationTests.AgentJump;
using FooBar.Provision.Transport;
using FooBar.Provision.Transport.SshNet;

namespace FooBar.Provision.IntegrationTests;

/// <summary>
/// <see cref="IChecksNewConnections"/> on the SSH.NET transport against a real sshd: a new connection opened aside
/// succeeds while the server accepts, and fails as an unreachable host once it does not, while the open connection goes on.
/// </summary>
[Collection(LoopbackSshd.CollectionName)]
public sealed class SshNetNewConnectionTests(LoopbackSshd sshd)
{
    [Fact]
    public async Task A_new_connection_aside_shows_whether_the_host_accepts_one_and_leaves_the_open_one_alone()
    {
        var key = Path.Combine(sshd.WorkDirectory, "nc-" + Guid.NewGuid().ToString("N")[..8]);
        await LocalProcess.RunAsync("ssh-keygen", "-q", "-t", "ed25519", "-N", string.Empty, "-C", "new-connection", "-f", key);
        await using var server = await PrivateSshd.StartAsync(sshd.WorkDirectory, "nc-server-" + Guid.NewGuid().ToString("N")[..8]);
        await server.AuthorizeAsync(key);
        var knownHosts = Path.Combine(sshd.WorkDirectory, "known_hosts_" + Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(knownHosts, server.KnownHostsLine + "\n");
        await using var factory = new SshNetConnectionFactory();
        var connection = factory.Open(sshd.Host with { Port = server.Port, IdentityFile = key, KnownHostsFile = knownHosts, ConnectTimeoutSeconds = 3 });
        var checker = Assert.IsAssignableFrom<IChecksNewConnections>(connection);
        await connection.RunAsync(new RemoteCommand($"true"));
        var before = connection.RoundTrips;

        await checker.CheckNewConnectionAsync(CancellationToken.None);
        await LocalProcess.RunAsync("kill", "-TERM", server.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)); // the listener only: sessions go on
        await Task.Delay(500);
        var refused = await Assert.ThrowsAsync<HostUnreachableException>(() => checker.CheckNewConnectionAsync(CancellationToken.None));
        var still = await connection.RunAsync(new RemoteCommand($"echo still"));

        Assert.Contains("cannot open an SSH connection", refused.Message, StringComparison.Ordinal);
        Assert.Equal("still\n", still.StandardOutput);
        Assert.Equal(before + 1, connection.RoundTrips);
    }
}
