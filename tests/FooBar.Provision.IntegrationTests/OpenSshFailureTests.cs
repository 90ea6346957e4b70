using FooBar.Provision.Inventory;
using FooBar.Provision.Transport;

namespace FooBar.Provision.IntegrationTests;

[Collection(LoopbackSshd.CollectionName)]
public sealed class OpenSshFailureTests(LoopbackSshd sshd)
{
    // Every test has its own factory, so no master connection from another test can let it through.
    [Fact]
    public async Task A_changed_host_key_is_refused_with_HostKeyMismatchException()
    {
        var otherKey = LoopbackSshd.PublicKey(await sshd.NewKeyPairAsync("impostor_ed25519"));
        var host = sshd.Host with { KnownHostsFile = sshd.WriteKnownHosts("known_hosts_changed", otherKey) };

        var exception = await Assert.ThrowsAsync<HostKeyMismatchException>(() => RunAsync(host));

        Assert.Contains("CHANGED", exception.Message, StringComparison.Ordinal);
        Assert.Contains("ssh-keygen -R", exception.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_host_is_refused_with_strict_checking()
    {
        var host = sshd.Host with { KnownHostsFile = EmptyKnownHosts("known_hosts_empty_strict") };

        var exception = await Assert.ThrowsAsync<HostKeyMismatchException>(() => RunAsync(host));

        Assert.Contains("no host key is known", exception.Message, StringComparison.Ordinal);
        Assert.Contains("accept-new", exception.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_host_is_accepted_and_recorded_with_AcceptNew()
    {
        var knownHosts = EmptyKnownHosts("known_hosts_empty_accept_new");
        var host = sshd.Host with { KnownHostsFile = knownHosts, HostKeyChecking = HostKeyChecking.AcceptNew };

        var result = await RunAsync(host);

        Assert.True(result.Succeeded);
        Assert.Contains(sshd.HostPublicKey, File.ReadAllText(knownHosts), StringComparison.Ordinal);
        var found = await LocalProcess.RunAsync("ssh-keygen", "-F", $"[127.0.0.1]:{sshd.Port}", "-f", knownHosts);
        Assert.Contains(sshd.HostPublicKey.Split(' ')[1], found, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_host_key_is_refused_even_with_AcceptNew()
    {
        var otherKey = LoopbackSshd.PublicKey(await sshd.NewKeyPairAsync("impostor2_ed25519"));
        var knownHosts = sshd.WriteKnownHosts("known_hosts_changed_accept_new", otherKey);
        var host = sshd.Host with { KnownHostsFile = knownHosts, HostKeyChecking = HostKeyChecking.AcceptNew };

        await Assert.ThrowsAsync<HostKeyMismatchException>(() => RunAsync(host));
    }

    [Fact]
    public async Task A_wrong_identity_file_is_refused_with_AuthenticationFailedException()
    {
        var host = sshd.Host with { IdentityFile = await sshd.NewKeyPairAsync("unauthorized_ed25519") };

        var exception = await Assert.ThrowsAsync<AuthenticationFailedException>(() => RunAsync(host));

        Assert.Contains("Permission denied", exception.Message, StringComparison.Ordinal);
        Assert.Contains("authorized_keys", exception.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_closed_port_is_reported_with_HostUnreachableException()
    {
        var port = LoopbackSshd.FreePort();
        var host = sshd.Host with { Port = port };

        var exception = await Assert.ThrowsAsync<HostUnreachableException>(() => RunAsync(host));

        Assert.Contains("Connection refused", exception.Message, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{port}", exception.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_ssh_client_is_reported_with_TransportException()
    {
        await using var factory = new OpenSshConnectionFactory(new OpenSshOptions { SshExecutable = "/nonexistent/ssh" });

        var exception = await Assert.ThrowsAsync<TransportException>(() => factory.Open(sshd.Host).RunAsync(new RemoteCommand("true")));

        Assert.Contains("SshExecutable", exception.Hint, StringComparison.Ordinal);
    }

    private string EmptyKnownHosts(string name)
    {
        var path = Path.Combine(sshd.WorkDirectory, name);
        File.WriteAllText(path, string.Empty);
        return path;
    }

    private static async Task<CommandResult> RunAsync(HostEntry host)
    {
        await using var factory = new OpenSshConnectionFactory();
        return await factory.Open(host).RunAsync(new RemoteCommand("true"));
    }
}
