using FooBar.Provision.IntegrationTests.AgentJump;
using FooBar.Provision.Transport;
using FooBar.Provision.Transport.SshNet;
using FooBar.Provision.Variables;

namespace FooBar.Provision.IntegrationTests;

/// <summary>The SSH.NET transport's keys on real sshd instances: identity_passphrase, user certificates, and what a refused key says.</summary>
[Collection(LoopbackSshd.CollectionName)]
public sealed class SshNetKeyTests(LoopbackSshd sshd)
{
    private const string Passphrase = "correct horse \"battery\" $staple";

    [Fact]
    public async Task A_key_with_a_passphrase_logs_in_with_identity_passphrase()
    {
        var (key, server) = await ServerWithKeyAsync(Passphrase);
        await using var _ = server;
        await using var factory = new SshNetConnectionFactory();

        var result = await factory.Open(Host(server, key) with { IdentityPassphrase = new SecretValue("env:KEY_PASS", Passphrase) }).RunAsync(new RemoteCommand($"whoami"));

        Assert.Equal("root\n", result.StandardOutput);
    }

    [Fact]
    public async Task A_key_with_a_passphrase_and_no_identity_passphrase_fails_saying_what_to_set()
    {
        var (key, server) = await ServerWithKeyAsync(Passphrase);
        await using var _ = server;
        await using var factory = new SshNetConnectionFactory();

        var exception = await Assert.ThrowsAsync<AuthenticationFailedException>(() => factory.Open(Host(server, key)).RunAsync(new RemoteCommand($"true")));

        Assert.Contains("protected by a passphrase", exception.Message, StringComparison.Ordinal);
        Assert.Contains("identity_passphrase", exception.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_identity_passphrase_fails_without_showing_it()
    {
        var (key, server) = await ServerWithKeyAsync(Passphrase);
        await using var _ = server;
        await using var factory = new SshNetConnectionFactory();
        const string wrong = "not the passphrase at all";

        var exception = await Assert.ThrowsAsync<AuthenticationFailedException>(() =>
            factory.Open(Host(server, key) with { IdentityPassphrase = new SecretValue("env:KEY_PASS", wrong) }).RunAsync(new RemoteCommand($"true")));

        Assert.Contains($"cannot use the identity_file '{key}'", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, exception.Message + exception.Hint, StringComparison.Ordinal);
        Assert.DoesNotContain(Passphrase, exception.Message + exception.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_certificate_next_to_the_key_logs_in_where_only_its_CA_is_trusted()
    {
        var directory = Directory.CreateTempSubdirectory("fbcert-").FullName;
        try
        {
            var ca = Path.Combine(directory, "ca");
            var key = Path.Combine(directory, "id_ed25519");
            await LocalProcess.RunAsync("ssh-keygen", "-q", "-t", "ed25519", "-N", string.Empty, "-C", "test-ca", "-f", ca);
            await LocalProcess.RunAsync("ssh-keygen", "-q", "-t", "ed25519", "-N", string.Empty, "-C", "user", "-f", key);
            await using var server = await PrivateSshd.StartAsync(sshd.WorkDirectory, "ca-" + Guid.NewGuid().ToString("N")[..8], "127.0.0.1", $"TrustedUserCAKeys {ca}.pub");
            await using var factory = new SshNetConnectionFactory();

            // No certificate yet: the key alone is not authorized (authorized_keys is empty).
            await Assert.ThrowsAsync<AuthenticationFailedException>(() => factory.Open(Host(server, key)).RunAsync(new RemoteCommand($"true")));
            await LocalProcess.RunAsync("ssh-keygen", "-q", "-s", ca, "-I", "provision-test", "-n", "root", "-V", "-5m:+1h", key + ".pub");
            Assert.True(File.Exists(key + "-cert.pub"));

            var result = await factory.Open(Host(server, key)).RunAsync(new RemoteCommand($"whoami"));

            Assert.Equal("root\n", result.StandardOutput);
            Assert.Contains("provision-test", server.Log, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_refused_key_says_permission_denied_and_which_key_was_offered()
    {
        var stranger = await sshd.NewKeyPairAsync("stranger-" + Guid.NewGuid().ToString("N")[..8]);
        await using var factory = new SshNetConnectionFactory();

        var exception = await Assert.ThrowsAsync<AuthenticationFailedException>(() =>
            factory.Open(sshd.Host with { IdentityFile = stranger }).RunAsync(new RemoteCommand($"true")));

        Assert.Contains("refused the login of root", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Permission denied", exception.Message, StringComparison.Ordinal);
        Assert.Contains("identity_file", exception.Message, StringComparison.Ordinal);
    }

    private async Task<(string Key, PrivateSshd Server)> ServerWithKeyAsync(string passphrase)
    {
        var key = Path.Combine(sshd.WorkDirectory, "pp-" + Guid.NewGuid().ToString("N")[..8]);
        await LocalProcess.RunAsync("ssh-keygen", "-q", "-t", "ed25519", "-N", passphrase, "-C", "passphrase", "-f", key);
        var server = await PrivateSshd.StartAsync(sshd.WorkDirectory, "pp-server-" + Guid.NewGuid().ToString("N")[..8]);
        await server.AuthorizeAsync(key);
        return (key, server);
    }

    private Inventory.HostEntry Host(PrivateSshd server, string key)
    {
        var knownHosts = Path.Combine(sshd.WorkDirectory, "known_hosts_" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(knownHosts, server.KnownHostsLine + "\n");
        return sshd.Host with { Port = server.Port, IdentityFile = key, KnownHostsFile = knownHosts };
    }
}
