using FooBar.Provision.Transport.SshNet.Agent;
using static FooBar.Provision.Tests.Transport.AgentJump.FakeAgent;

namespace FooBar.Provision.Tests.Transport.AgentJump;

public sealed class SshAgentClientTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("fbagent-unit-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public void ListIdentities_sends_request_identities_and_reads_each_key_and_comment()
    {
        var ed = KeyBlob("ssh-ed25519");
        var cert = KeyBlob("ssh-rsa-cert-v01@openssh.com", 9);
        using var agent = new FakeAgent(_directory.FullName, Frame(12, U32(2), Str(ed), Str("me@laptop"), Str(cert), Str("ci cert")));

        var identities = new SshAgentClient(agent.SocketPath, TimeSpan.FromSeconds(5)).ListIdentities();

        Assert.Equal([11], Assert.Single(agent.Requests));
        Assert.Equal(["ssh-ed25519", "ssh-rsa-cert-v01@openssh.com"], identities.Select(i => i.KeyType));
        Assert.Equal(["me@laptop", "ci cert"], identities.Select(i => i.Comment));
        Assert.Equal(ed, identities[0].KeyBlob);
    }

    [Fact]
    public void Sign_sends_the_key_the_data_and_the_flags_and_returns_the_signature_blob()
    {
        var key = KeyBlob("ssh-rsa");
        byte[] signature = [.. Str("rsa-sha2-256"), .. Str([1, 2, 3])];
        using var agent = new FakeAgent(_directory.FullName, Frame(14, Str(signature)));

        var result = new SshAgentClient(agent.SocketPath, TimeSpan.FromSeconds(5)).Sign(key, [42, 43], AgentSignFlags.RsaSha2256);

        Assert.Equal(signature, result);
        Assert.Equal([13, .. Str(key), .. Str([42, 43]), .. U32(2)], Assert.Single(agent.Requests));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(28)]
    public void A_refused_signature_is_an_agent_error(byte failure)
    {
        using var agent = new FakeAgent(_directory.FullName, Frame(failure));

        var e = Assert.Throws<AgentException>(() => new SshAgentClient(agent.SocketPath, TimeSpan.FromSeconds(5)).Sign(KeyBlob("ssh-ed25519"), [1], AgentSignFlags.None));

        Assert.Contains("refused to sign", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_list_that_claims_more_bytes_than_it_holds_is_an_agent_error_not_a_crash()
    {
        using var agent = new FakeAgent(_directory.FullName, Frame(12, U32(1), U32(1000), [1, 2, 3]));

        var e = Assert.Throws<AgentException>(() => new SshAgentClient(agent.SocketPath, TimeSpan.FromSeconds(5)).ListIdentities());

        Assert.Contains("announces a 1000-byte field", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_answer_longer_than_the_protocol_allows_is_refused_before_it_is_read()
    {
        using var agent = new FakeAgent(_directory.FullName, [.. U32(64 * 1024 * 1024), 12]);

        var e = Assert.Throws<AgentException>(() => new SshAgentClient(agent.SocketPath, TimeSpan.FromSeconds(5)).ListIdentities());

        Assert.Contains("67108864-byte answer", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_agent_that_closes_without_answering_is_an_agent_error()
    {
        using var agent = new FakeAgent(_directory.FullName);

        var e = Assert.Throws<AgentException>(() => new SshAgentClient(agent.SocketPath, TimeSpan.FromSeconds(5)).ListIdentities());

        Assert.Contains($"cannot talk to the agent at {agent.SocketPath}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_SSH_AUTH_SOCK_means_no_agent_keys_and_says_so()
    {
        var keys = AgentKeys.Load(_ => null);

        Assert.Empty(keys.Sources);
        Assert.Equal("no ssh-agent (SSH_AUTH_SOCK is not set)", keys.State);
    }

    [Fact]
    public void A_socket_path_where_nothing_listens_is_skipped_silently_and_described()
    {
        var missing = Path.Combine(_directory.FullName, "gone.sock");

        var keys = AgentKeys.Load(name => name == "SSH_AUTH_SOCK" ? missing : null);

        Assert.Empty(keys.Sources);
        Assert.StartsWith($"the ssh-agent of SSH_AUTH_SOCK could not be used (cannot talk to the agent at {missing}", keys.State, StringComparison.Ordinal);
    }

    [Fact]
    public void Fido_keys_are_left_to_openssh_and_rsa_keys_are_offered_as_rsa_sha2_512()
    {
        using var agent = new FakeAgent(_directory.FullName, Frame(12, U32(3),
            Str(KeyBlob("sk-ssh-ed25519@openssh.com")), Str("yubikey"),
            Str(KeyBlob("ssh-rsa")), Str("old\u001b[31mkey"),
            Str(KeyBlob("ssh-ed25519")), Str("new")));

        var keys = AgentKeys.Load(new SshAgentClient(agent.SocketPath, TimeSpan.FromSeconds(5)));

        Assert.Equal(["rsa-sha2-512", "ssh-ed25519"], keys.Sources.Select(s => s.HostKeyAlgorithms.Single().Name));
        Assert.Contains("offered 2 keys (ssh-rsa old\\u001B[31mkey, ssh-ed25519 new); 1 key of FIDO type (sk-…) left to transport: openssh", keys.State, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ssh-rsa", "rsa-sha2-512", 4u)]
    [InlineData("ssh-rsa-cert-v01@openssh.com", "rsa-sha2-512-cert-v01@openssh.com", 4u)]
    [InlineData("ssh-ed25519", "ssh-ed25519", 0u)]
    [InlineData("ecdsa-sha2-nistp256-cert-v01@openssh.com", "ecdsa-sha2-nistp256-cert-v01@openssh.com", 0u)]
    public void Each_key_type_is_offered_under_the_algorithm_openssh_uses(string type, string algorithm, uint flags)
    {
        Assert.Equal((algorithm, (AgentSignFlags)flags), AgentKeySource.Algorithm(type));
    }
}
