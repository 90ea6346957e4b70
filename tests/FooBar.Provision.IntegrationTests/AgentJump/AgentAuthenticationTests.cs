using System.Security.Cryptography;
using FooBar.Provision.Transport.SshNet;
using FooBar.Provision.Transport.SshNet.Agent;
using Renci.SshNet.Common;

namespace FooBar.Provision.IntegrationTests.AgentJump;

/// <summary>
/// The ssh-agent client against a real <c>ssh-agent</c> (started by each test on its own socket) and a real sshd: keys
/// held only by the agent log in, RSA keys sign with SHA-2, a certificate held by the agent logs in where only its CA
/// is trusted.
/// </summary>
public sealed class AgentAuthenticationTests : IAsyncLifetime
{
    private string _directory = string.Empty;
    private TestAgent? _agent;
    private PrivateSshd? _server;

    private TestAgent Agent => _agent ?? throw new InvalidOperationException("not started");

    private PrivateSshd Server => _server ?? throw new InvalidOperationException("not started");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _directory = Directory.CreateTempSubdirectory("fbagent-").FullName;
        _agent = await TestAgent.StartAsync(_directory);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_agent is not null)
        {
            await _agent.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task An_ed25519_key_held_only_by_the_agent_logs_in()
    {
        _server = await PrivateSshd.StartAsync(_directory, "server");
        var key = await NewKeyAsync("ed25519");
        await Server.AuthorizeAsync(key);
        await Agent.AddAsync(key);
        DeleteKeyFiles(key);

        var keys = ClientKeys.Order(null, AgentKeys.Load(Environment()), identitiesOnly: false, sshDirectory: EmptySshDirectory());

        Assert.Equal("ok", await SshNetLogin.EchoAsync(Server, keys.Sources));
        Assert.Contains("Accepted publickey for root from 127.0.0.1", Server.Log, StringComparison.Ordinal);
        Assert.Contains("ssh2: ED25519 SHA256:", Server.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_rsa_key_held_by_the_agent_logs_in_with_rsa_sha2_512()
    {
        _server = await PrivateSshd.StartAsync(_directory, "server");
        var key = await NewKeyAsync("rsa");
        await Server.AuthorizeAsync(key);
        await Agent.AddAsync(key);
        DeleteKeyFiles(key);

        var keys = ClientKeys.Order(null, AgentKeys.Load(Environment()), identitiesOnly: false, sshDirectory: null);

        Assert.Equal("ok", await SshNetLogin.EchoAsync(Server, keys.Sources));
        Assert.Contains("ssh2: RSA SHA256:", Server.Log, StringComparison.Ordinal);
        Assert.Contains("RSA signature using rsa-sha2-512 verified", Server.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("public key ssh-rsa ", Server.Log, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(256, "rsa-sha2-256")]
    [InlineData(512, "rsa-sha2-512")]
    public async Task The_agent_signs_an_rsa_key_with_the_hash_the_flag_asks_for(int bits, string algorithm)
    {
        var flags = bits == 256 ? AgentSignFlags.RsaSha2256 : AgentSignFlags.RsaSha2512;
        var key = await NewKeyAsync("rsa");
        await Agent.AddAsync(key);
        var client = new SshAgentClient(Agent.Socket, TimeSpan.FromSeconds(10));
        var identity = Assert.Single(client.ListIdentities());
        var data = "session id and userauth request"u8.ToArray();

        var signature = client.Sign(identity.KeyBlob, data, flags);

        var offset = 0;
        Assert.Equal(algorithm, System.Text.Encoding.ASCII.GetString(AgentWire.ReadString(signature, ref offset)));
        var raw = AgentWire.ReadString(signature, ref offset);
        using var rsa = PublicRsa(identity.KeyBlob);
        var hash = flags == AgentSignFlags.RsaSha2256 ? HashAlgorithmName.SHA256 : HashAlgorithmName.SHA512;
        Assert.True(rsa.VerifyData(data, raw, hash, RSASignaturePadding.Pkcs1));
        Assert.False(rsa.VerifyData("something else"u8.ToArray(), raw, hash, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public async Task A_certificate_held_by_the_agent_logs_in_where_only_its_CA_is_trusted()
    {
        var ca = await NewKeyAsync("ed25519", "ca");
        _server = await PrivateSshd.StartAsync(_directory, "server", "127.0.0.1", $"TrustedUserCAKeys {ca}.pub");
        var key = await NewKeyAsync("ed25519");
        await LocalProcess.RunAsync("ssh-keygen", "-q", "-s", ca, "-I", "agent-cert-test", "-n", "root", "-V", "-5m:+1h", key + ".pub");
        await Agent.AddAsync(key); // ssh-add loads key-cert.pub beside the key as well
        DeleteKeyFiles(key);
        File.Delete(key + "-cert.pub");

        var agentKeys = AgentKeys.Load(Environment());
        var keys = ClientKeys.Order(null, agentKeys, identitiesOnly: false, sshDirectory: null);

        Assert.Contains(agentKeys.Sources, s => s.Identity.KeyType == "ssh-ed25519-cert-v01@openssh.com");
        Assert.Equal("ok", await SshNetLogin.EchoAsync(Server, keys.Sources));
        Assert.Contains("ED25519-CERT SHA256:", Server.Log, StringComparison.Ordinal);
        Assert.Contains("ID agent-cert-test", Server.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_the_server_refuses_fails_and_the_state_names_the_agent_and_its_keys()
    {
        _server = await PrivateSshd.StartAsync(_directory, "server");
        var key = await NewKeyAsync("ed25519", "unauthorized");
        await Agent.AddAsync(key);

        var agentKeys = AgentKeys.Load(Environment());
        var keys = ClientKeys.Order(null, agentKeys, identitiesOnly: false, sshDirectory: null);

        await Assert.ThrowsAsync<SshAuthenticationException>(() => SshNetLogin.EchoAsync(Server, keys.Sources));
        Assert.Contains($"the ssh-agent at {Agent.Socket} offered 1 key (ssh-ed25519 unauthorized)", keys.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_agent_that_has_ended_is_skipped_and_said_so()
    {
        await Agent.DisposeAsync();

        var agentKeys = AgentKeys.Load(Environment());

        Assert.Empty(agentKeys.Sources);
        Assert.Contains($"the ssh-agent of SSH_AUTH_SOCK could not be used (cannot talk to the agent at {Agent.Socket}", agentKeys.State, StringComparison.Ordinal);
    }

    private Func<string, string?> Environment() => name => name == SshAgentClient.SocketVariable ? Agent.Socket : null;

    private async Task<string> NewKeyAsync(string type, string name = "client")
    {
        var path = Path.Combine(_directory, $"{name}_{type}");
        await LocalProcess.RunAsync("ssh-keygen", "-q", "-t", type, "-N", string.Empty, "-C", name, "-f", path);
        return path;
    }

    private string EmptySshDirectory() => Directory.CreateDirectory(Path.Combine(_directory, "dot-ssh")).FullName;

    private static void DeleteKeyFiles(string key)
    {
        File.Delete(key);
        File.Delete(key + ".pub");
    }

    private static RSA PublicRsa(byte[] blob)
    {
        var offset = 0;
        _ = AgentWire.ReadString(blob, ref offset);
        var exponent = AgentWire.ReadString(blob, ref offset);
        var modulus = AgentWire.ReadString(blob, ref offset);
        var rsa = RSA.Create();
        rsa.ImportParameters(new RSAParameters { Exponent = exponent, Modulus = modulus.SkipWhile(b => b == 0).ToArray() });
        return rsa;
    }
}
