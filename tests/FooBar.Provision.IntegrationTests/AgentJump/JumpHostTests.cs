using System.Globalization;
using FooBar.Provision.Inventory;
using FooBar.Provision.Transport;
using FooBar.Provision.Transport.HostKeys;
using FooBar.Provision.Transport.SshNet;
using FooBar.Provision.Transport.SshNet.Jump;
using Renci.SshNet;

namespace FooBar.Provision.IntegrationTests.AgentJump;

/// <summary>
/// <c>jump:</c> hosts through real sshd instances on loopback: the target listens on 127.0.0.2, the jump hosts on
/// 127.0.0.1, and each test proves the target's TCP peer is a session process of the (last) jump sshd, not this test.
/// </summary>
public sealed class JumpHostTests : IAsyncLifetime
{
    private readonly List<PrivateSshd> _servers = [];
    private string _directory = string.Empty;
    private string _key = string.Empty;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _directory = Directory.CreateTempSubdirectory("fbjump-").FullName;
        _key = Path.Combine(_directory, "client_ed25519");
        await LocalProcess.RunAsync("ssh-keygen", "-q", "-t", "ed25519", "-N", string.Empty, "-C", "jump-test", "-f", _key);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task The_connection_to_the_host_goes_through_the_jump_host()
    {
        var jump = await StartAsync("jump", "127.0.0.1");
        var target = await StartAsync("target", "127.0.0.2");
        var host = Host(target, KnownHosts(jump, target), Hop(jump));

        using var chain = await JumpChain.OpenAsync(host, ConnectAsync, CancellationToken.None);
        using var client = await ConnectAsync(host, chain.Address, chain.Port, CancellationToken.None);

        await AssertPeerIsSessionOfAsync(client, target, jump);
    }

    [Fact]
    public async Task A_jump_host_that_refuses_connections_is_named_in_the_message_and_hint_not_the_host()
    {
        var target = await StartAsync("target", "127.0.0.2");
        using var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop(); // nothing listens there now: every connection is refused
        var host = Host(target, KnownHosts(target), new JumpHost("127.0.0.1", port, "root")) with { Transport = TransportKind.SshNet };
        await using var factory = new SshNetConnectionFactory();
        await using var connection = factory.Open(host);

        var e = await Assert.ThrowsAsync<HostUnreachableException>(() => connection.RunAsync(new RemoteCommand($"true"), CancellationToken.None));

        Assert.Contains($"the jump host root@127.0.0.1:{port} on the way to {target.Address}:{target.Port}", e.Message, StringComparison.Ordinal);
        Assert.Contains("Connection refused", e.Message, StringComparison.Ordinal);
        Assert.Contains($"sshd runs on the jump host root@127.0.0.1:{port}", e.Hint, StringComparison.Ordinal);
        Assert.DoesNotContain($"sshd runs on {target.Address}", e.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sshnet_transport_runs_commands_on_the_host_through_its_jump_host()
    {
        var jump = await StartAsync("jump", "127.0.0.1");
        var target = await StartAsync("target", "127.0.0.2");
        var host = Host(target, KnownHosts(jump, target), Hop(jump)) with { Transport = TransportKind.SshNet };
        await using var factory = new SshNetConnectionFactory();
        await using var connection = factory.Open(host);

        var result = await connection.RunAsync(new RemoteCommand($"echo $SSH_CONNECTION"), CancellationToken.None);

        await AssertPeerIsSessionOfAsync(result.StandardOutput, target, jump);
    }

    [Fact]
    public async Task The_sshnet_transport_refuses_an_unknown_jump_host_key_naming_the_hop()
    {
        var jump = await StartAsync("jump", "127.0.0.1");
        var target = await StartAsync("target", "127.0.0.2");
        var host = Host(target, KnownHosts(target), Hop(jump)) with { Transport = TransportKind.SshNet };
        await using var factory = new SshNetConnectionFactory();
        await using var connection = factory.Open(host);

        var e = await Assert.ThrowsAsync<HostKeyMismatchException>(() => connection.RunAsync(new RemoteCommand($"true"), CancellationToken.None));

        Assert.Equal($"www (jump host root@127.0.0.1:{jump.Port})", e.HostName);
        Assert.DoesNotContain("Accepted publickey", target.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_hops_are_chained_in_order()
    {
        var first = await StartAsync("first", "127.0.0.1");
        var second = await StartAsync("second", "127.0.0.1");
        var target = await StartAsync("target", "127.0.0.2");
        var host = Host(target, KnownHosts(first, second, target), Hop(first), Hop(second));

        using var chain = await JumpChain.OpenAsync(host, ConnectAsync, CancellationToken.None);
        using var client = await ConnectAsync(host, chain.Address, chain.Port, CancellationToken.None);

        await AssertPeerIsSessionOfAsync(client, target, second);
        Assert.Contains($"originator 127.0.0.1 port", first.Log, StringComparison.Ordinal);
        Assert.Contains($"to 127.0.0.1 port {second.Port}", first.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_jump_host_whose_key_is_unknown_is_refused_naming_the_hop()
    {
        var jump = await StartAsync("jump", "127.0.0.1");
        var target = await StartAsync("target", "127.0.0.2");
        var host = Host(target, KnownHosts(target), Hop(jump));

        var e = await Assert.ThrowsAsync<HostKeyMismatchException>(() => JumpChain.OpenAsync(host, ConnectAsync, CancellationToken.None));

        Assert.Equal($"www (jump host root@127.0.0.1:{jump.Port})", e.HostName);
        Assert.Contains($"no host key is known for 127.0.0.1:{jump.Port}", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Accepted publickey", target.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_host_key_of_the_host_is_checked_under_its_own_name_not_the_tunnel()
    {
        var jump = await StartAsync("jump", "127.0.0.1");
        var target = await StartAsync("target", "127.0.0.2");
        var host = Host(target, KnownHosts(jump), Hop(jump));

        using var chain = await JumpChain.OpenAsync(host, ConnectAsync, CancellationToken.None);
        var e = await Assert.ThrowsAsync<HostKeyMismatchException>(() => ConnectAsync(host, chain.Address, chain.Port, CancellationToken.None));

        Assert.Equal("www", e.HostName);
        Assert.Contains($"no host key is known for 127.0.0.2:{target.Port}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_jump_host_that_forbids_forwarding_is_named_with_the_reason()
    {
        var jump = await StartAsync("jump", "127.0.0.1", "DisableForwarding yes");
        var target = await StartAsync("target", "127.0.0.2");
        var host = Host(target, KnownHosts(jump, target), Hop(jump));

        using var chain = await JumpChain.OpenAsync(host, ConnectAsync, CancellationToken.None);
        await Assert.ThrowsAnyAsync<TransportException>(() => ConnectAsync(host, chain.Address, chain.Port, CancellationToken.None));
        var refusal = chain.Refusal(host);

        Assert.Equal("www", refusal.HostName);
        Assert.Contains($"the jump host root@127.0.0.1:{jump.Port} could not open a connection to 127.0.0.2:{target.Port}", refusal.Message, StringComparison.Ordinal);
        Assert.Contains($"refused local port forward: originator 127.0.0.1 port", jump.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("Accepted publickey", target.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_tunnel_takes_one_connection_only()
    {
        var jump = await StartAsync("jump", "127.0.0.1");
        var target = await StartAsync("target", "127.0.0.2");
        var host = Host(target, KnownHosts(jump, target), Hop(jump));

        using var chain = await JumpChain.OpenAsync(host, ConnectAsync, CancellationToken.None);
        using var client = await ConnectAsync(host, chain.Address, chain.Port, CancellationToken.None);
        using var intruder = new System.Net.Sockets.TcpClient();
        await intruder.ConnectAsync(chain.Address, chain.Port);
        var buffer = new byte[64];
        var read = await intruder.GetStream().ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(0, read);
        Assert.Equal("ok", client.RunCommand("echo ok").Result.Trim());
    }

    private async Task<PrivateSshd> StartAsync(string name, string address, params string[] extra)
    {
        var server = await PrivateSshd.StartAsync(_directory, name, address, extra);
        _servers.Add(server);
        await server.AuthorizeAsync(_key);
        return server;
    }

    private string KnownHosts(params PrivateSshd[] servers)
    {
        var path = Path.Combine(_directory, $"known_hosts_{Guid.NewGuid():N}");
        File.WriteAllLines(path, servers.Select(s => s.KnownHostsLine));
        return path;
    }

    private static JumpHost Hop(PrivateSshd server) => new(server.Address, server.Port, "root");

    private HostEntry Host(PrivateSshd target, string knownHosts, params JumpHost[] hops) => new("www", target.Address)
    {
        Port = target.Port,
        User = "root",
        IdentityFile = _key,
        KnownHostsFile = knownHosts,
        ConnectTimeoutSeconds = 20,
        Jump = hops,
    };

    // What the SSH.NET transport does for each hop: connect where told, check the key under the hop's own name.
    private static async Task<SshClient> ConnectAsync(HostEntry hop, string address, int port, CancellationToken cancellationToken)
    {
        var info = new ConnectionInfo(address, port, hop.User ?? "root", new PrivateKeyAuthenticationMethod(hop.User ?? "root", new PrivateKeyFile(hop.IdentityFile ?? "")))
        {
            Timeout = TimeSpan.FromSeconds(hop.ConnectTimeoutSeconds),
        };
        var client = new SshClient(info);
        var verifier = new HostKeyVerifier(hop);
        HostKeyDecision? refused = null;
        client.HostKeyReceived += (_, e) =>
        {
            var decision = verifier.Check(e.HostKeyName, e.HostKey);
            e.CanTrust = decision.Trusted;
            refused = decision.Trusted ? null : decision;
        };
        try
        {
            await client.ConnectAsync(cancellationToken);
            return client;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            client.Dispose();
            throw refused?.Refusal(hop) ?? new HostUnreachableException(hop.Name, e.Message);
        }
    }

    // The target sees the connection come from 127.0.0.1:P; the socket with that local port belongs to a session
    // process of the jump sshd (a descendant of its listener), not to this test process.
    private static Task AssertPeerIsSessionOfAsync(SshClient client, PrivateSshd target, PrivateSshd jump) =>
        AssertPeerIsSessionOfAsync(client.RunCommand("echo $SSH_CONNECTION").Result, target, jump);

    private static async Task AssertPeerIsSessionOfAsync(string sshConnection, PrivateSshd target, PrivateSshd jump)
    {
        var seen = sshConnection.Trim().Split(' ');
        Assert.Equal(["127.0.0.1", seen[1], "127.0.0.2", target.Port.ToString(CultureInfo.InvariantCulture)], seen);
        var sockets = await LocalProcess.RunAsync("ss", "-Htnp", "state", "established", "src", $"127.0.0.1:{seen[1]}", "dst", $"127.0.0.2:{target.Port}");
        var pid = int.Parse(sockets.Split("pid=")[1].Split(',')[0], CultureInfo.InvariantCulture);
        Assert.NotEqual(Environment.ProcessId, pid);
        Assert.Contains(jump.ProcessId, Ancestors(pid));
        Assert.Contains($"Connection from 127.0.0.1 port {seen[1]} on 127.0.0.2 port {target.Port}", target.Log, StringComparison.Ordinal);
    }

    private static IEnumerable<int> Ancestors(int pid)
    {
        for (var i = 0; i < 10 && pid > 1; i++)
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            pid = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
            yield return pid;
        }
    }
}
