using FooBar.Provision.Inventory;
using FooBar.Provision.Tests.Inventory;
using FooBar.Provision.Transport;
using FooBar.Provision.Transport.SshNet;

namespace FooBar.Provision.Tests.Transport;

/// <summary>
/// Both transports refuse a host aimed at a public DNS resolver (its address or a jump host) before anything is opened
/// towards it, so library users get the guard the CLI has. Nothing here can reach the network: SSH.NET's last step before
/// a socket is a hook that records and throws, and OpenSSH's ssh is a script that records and exits.
/// </summary>
public sealed class PublicResolverGuardTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly List<string> _sshNetSockets = [];
    private readonly string _sshRecord;
    private readonly string _fakeSsh;

    public PublicResolverGuardTests()
    {
        _sshRecord = Path.Combine(_directory.Path, "ssh-invocations");
        _fakeSsh = _directory.Write("bin/ssh", $"#!/bin/sh\necho \"$@\" >> '{_sshRecord}'\nexit 255\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_fakeSsh, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public void Dispose() => _directory.Dispose();

    public static TheoryData<string, TransportKind> Resolvers()
    {
        var data = new TheoryData<string, TransportKind>();
        foreach (var address in new[] { "8.8.8.8", "1.1.1.1", "9.9.9.9", "::ffff:8.8.4.4", "2606:4700:4700::1111" })
        {
            data.Add(address, TransportKind.SshNet);
            data.Add(address, TransportKind.OpenSsh);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Resolvers))]
    public async Task A_resolver_address_is_refused_before_a_socket_or_an_ssh_process(string address, TransportKind kind)
    {
        await using var factory = new TransportConnectionFactory(SshNetOptions(), OpenSshOptions());
        await using var connection = factory.Open(Host(address, kind));

        var refused = await Assert.ThrowsAsync<TransportException>(() => connection.RunAsync(new RemoteCommand($"true")));

        AssertRefusal(refused, $"has the address {address}, which is a public DNS resolver");
        Assert.Empty(_sshNetSockets);
        Assert.False(File.Exists(_sshRecord), "ssh was started");
        Assert.Equal(0, connection.RoundTrips);
    }

    [Theory]
    [InlineData(TransportKind.SshNet)]
    [InlineData(TransportKind.OpenSsh)]
    public async Task A_jump_host_that_is_a_resolver_is_refused_too(TransportKind kind)
    {
        await using var factory = new TransportConnectionFactory(SshNetOptions(), OpenSshOptions());
        await using var connection = factory.Open(Host("127.0.0.1", kind) with { Jump = [new JumpHost("8.8.8.8")] });

        var refused = await Assert.ThrowsAsync<TransportException>(() => connection.RunAsync(new RemoteCommand($"true")));

        AssertRefusal(refused, "has the jump host 8.8.8.8, which is a public DNS resolver");
        Assert.Empty(_sshNetSockets);
        Assert.False(File.Exists(_sshRecord), "ssh was started");
    }

    [Theory]
    [InlineData(TransportKind.SshNet, "write")]
    [InlineData(TransportKind.OpenSsh, "write")]
    [InlineData(TransportKind.SshNet, "open ahead")]
    [InlineData(TransportKind.OpenSsh, "open ahead")]
    public async Task A_file_write_and_opening_ahead_of_the_first_command_are_refused_the_same_way(TransportKind kind, string how)
    {
        await using var factory = new TransportConnectionFactory(SshNetOptions(), OpenSshOptions());
        await using var connection = factory.Open(Host("8.8.8.8", kind));

        var refused = await Assert.ThrowsAsync<TransportException>(() => how == "write"
            ? connection.WriteFileAsync(new RemoteFile("/tmp/x", "x"u8.ToArray()))
            : Assert.IsAssignableFrom<IOpensAhead>(connection).OpenAsync(CancellationToken.None));

        AssertRefusal(refused, "has the address 8.8.8.8");
        Assert.Empty(_sshNetSockets);
        Assert.False(File.Exists(_sshRecord), "ssh was started");
    }

    [Fact]
    public async Task Any_other_address_gets_as_far_as_the_socket_for_SshNet()
    {
        await using var factory = new SshNetConnectionFactory(SshNetOptions());
        await using var connection = factory.Open(Host("127.0.0.1", TransportKind.SshNet));

        await Assert.ThrowsAsync<NoSocketException>(() => connection.RunAsync(new RemoteCommand($"true")));

        Assert.Equal(["127.0.0.1:22"], _sshNetSockets);
    }

    [Fact]
    public async Task Any_other_address_gets_as_far_as_ssh_for_OpenSsh()
    {
        await using var factory = new OpenSshConnectionFactory(OpenSshOptions() with { ConnectAttempts = 1 });
        await using var connection = factory.Open(Host("127.0.0.1", TransportKind.OpenSsh));

        await Assert.ThrowsAnyAsync<TransportException>(() => connection.RunAsync(new RemoteCommand($"true")));

        Assert.Contains("127.0.0.1", File.ReadAllText(_sshRecord), StringComparison.Ordinal);
    }

    private static HostEntry Host(string address, TransportKind kind) =>
        new("www", address) { Transport = kind, KnownHostsFile = "/dev/null", HostKeyChecking = HostKeyChecking.Strict };

    private SshNetOptions SshNetOptions() => new()
    {
        ConnectAttempts = 1,
        Connecting = (address, port) =>
        {
            lock (_sshNetSockets)
            {
                _sshNetSockets.Add($"{address}:{port}");
            }

            throw new NoSocketException();
        },
    };

    private OpenSshOptions OpenSshOptions() => new() { SshExecutable = _fakeSsh, ConnectAttempts = 1 };

    private static void AssertRefusal(TransportException refused, string what)
    {
        Assert.Equal("www", refused.HostName);
        Assert.Contains($"host 'www' {what}", refused.Message, StringComparison.Ordinal);
        Assert.Contains("the SSH transports refuse to connect to it", refused.Message, StringComparison.Ordinal);
        Assert.NotNull(refused.Hint);
    }

    /// <summary>Thrown by the test's hook in place of opening a socket.</summary>
    private sealed class NoSocketException : Exception;
}
