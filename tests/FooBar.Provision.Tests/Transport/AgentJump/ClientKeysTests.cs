using System.Diagnostics;
using FooBar.Provision.Transport.SshNet;
using FooBar.Provision.Transport.SshNet.Agent;
using Renci.SshNet;
using Renci.SshNet.Security;
using static FooBar.Provision.Tests.Transport.AgentJump.FakeAgent;

namespace FooBar.Provision.Tests.Transport.AgentJump;

public sealed class ClientKeysTests : IDisposable
{
    private static readonly SshAgentClient Unused = new("/nonexistent/agent.sock", TimeSpan.FromSeconds(1));
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("fbkeys-unit-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public void The_identity_file_goes_first_then_the_agent_keys_and_no_default_file()
    {
        var file = new FakeKey(KeyBlob("ssh-ed25519", 1));
        var agent = Agent(KeyBlob("ssh-ed25519", 2), KeyBlob("ssh-rsa", 3));
        WriteDefaultKey("id_ed25519");

        var keys = ClientKeys.Order(file, agent, identitiesOnly: false, _directory.FullName);

        Assert.Same(file, keys.Sources[0]);
        Assert.Equal([2, 3], keys.Sources.Skip(1).Select(s => ((AgentKeySource)s).Identity.KeyBlob[^1]));
    }

    [Fact]
    public void An_agent_key_that_is_the_identity_file_is_offered_once()
    {
        var blob = KeyBlob("ssh-ed25519", 1);
        var keys = ClientKeys.Order(new FakeKey(blob), Agent(blob, KeyBlob("ssh-ed25519", 2)), identitiesOnly: false, null);

        Assert.Equal(2, keys.Sources.Count);
        Assert.IsType<FakeKey>(keys.Sources[0]);
    }

    [Fact]
    public void IdentitiesOnly_offers_no_other_agent_key_and_says_why()
    {
        var keys = ClientKeys.Order(new FakeKey(KeyBlob("ssh-ed25519", 1)), Agent(KeyBlob("ssh-ed25519", 2)), identitiesOnly: true, null);

        Assert.IsType<FakeKey>(Assert.Single(keys.Sources));
        Assert.Contains("not offered because of IdentitiesOnly", keys.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_an_identity_file_the_agent_keys_come_before_the_default_files_in_openssh_order()
    {
        WriteDefaultKey("id_ed25519");
        WriteDefaultKey("id_rsa", "rsa");
        File.WriteAllText(Path.Combine(_directory.FullName, "id_ecdsa"), "not a key");

        var keys = ClientKeys.Order(null, Agent(KeyBlob("ssh-ed25519", 2)), identitiesOnly: false, _directory.FullName);

        Assert.IsType<AgentKeySource>(keys.Sources[0]);
        Assert.Equal(["ssh-rsa", "ssh-ed25519"], keys.Sources.Skip(1).Select(s => AgentWire.LeadingName(ClientKeys.PublicBlob(s))));
        Assert.Contains($"the default key files {Path.Combine(_directory.FullName, "id_rsa")}, {Path.Combine(_directory.FullName, "id_ed25519")}", keys.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_passphrase_protected_default_key_is_skipped_as_in_batch_mode()
    {
        WriteDefaultKey("id_ed25519", passphrase: "secret words");

        var keys = ClientKeys.Order(null, AgentKeys.None("no ssh-agent (SSH_AUTH_SOCK is not set)"), identitiesOnly: false, _directory.FullName);

        Assert.Empty(keys.Sources);
        Assert.Equal($"no ssh-agent (SSH_AUTH_SOCK is not set); no default key file in {_directory.FullName} could be used", keys.Description);
    }

    [Fact]
    public void A_default_file_the_agent_holds_is_offered_once_through_the_agent()
    {
        var path = WriteDefaultKey("id_ed25519");
        using var key = new PrivateKeyFile(path);
        var keys = ClientKeys.Order(null, Agent(ClientKeys.PublicBlob(key)), identitiesOnly: false, _directory.FullName);

        Assert.IsType<AgentKeySource>(Assert.Single(keys.Sources));
    }

    private static AgentKeys Agent(params byte[][] blobs) =>
        new(blobs.Select(b => new AgentKeySource(Unused, new AgentIdentity(b, AgentWire.LeadingName(b), "test"))).ToArray(), "the ssh-agent at test offered keys");

    private string WriteDefaultKey(string name, string type = "ed25519", string passphrase = "")
    {
        var path = Path.Combine(_directory.FullName, name);
        using var process = Process.Start(new ProcessStartInfo("ssh-keygen", ["-q", "-t", type, "-N", passphrase, "-f", path]) { RedirectStandardError = true })!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return path;
    }

    private sealed class FakeKey(byte[] blob) : IPrivateKeySource
    {
        public IReadOnlyCollection<HostAlgorithm> HostKeyAlgorithms { get; } = [new FakeAlgorithm(blob)];
    }

    private sealed class FakeAlgorithm(byte[] blob) : HostAlgorithm("ssh-ed25519")
    {
        public override byte[] Data => blob;

        public override byte[] Sign(byte[] data) => throw new NotSupportedException();

        public override bool VerifySignature(byte[] data, byte[] signature) => throw new NotSupportedException();
    }
}
