using Renci.SshNet;
using Renci.SshNet.Security;

namespace FooBar.Provision.Transport.SshNet.Agent;

/// <summary>One key or certificate of an ssh-agent, offered to SSH.NET with the algorithms OpenSSH would use for it.</summary>
/// <remarks>
/// An RSA key (or certificate) is offered as <c>rsa-sha2-512</c> only, signed with the agent's
/// SSH_AGENT_RSA_SHA2_512 flag: every server that takes RSA keys since OpenSSH 7.2 accepts it, SHA-1 <c>ssh-rsa</c>
/// is refused by OpenSSH 8.8 and later, and each further algorithm tried would spend one of the server's
/// <c>MaxAuthTries</c> (6). Other types are offered under their own name.
/// </remarks>
internal sealed class AgentKeySource : IPrivateKeySource
{
    /// <summary>The key (or certificate) <paramref name="identity"/> of <paramref name="agent"/>.</summary>
    public AgentKeySource(SshAgentClient agent, AgentIdentity identity)
    {
        Identity = identity;
        var (name, flags) = Algorithm(identity.KeyType);
        HostKeyAlgorithms = [new AgentHostAlgorithm(name, agent, identity, flags)];
    }

    /// <summary>The agent's key.</summary>
    public AgentIdentity Identity { get; }

    /// <inheritdoc />
    public IReadOnlyCollection<HostAlgorithm> HostKeyAlgorithms { get; }

    /// <summary>Whether this client can offer keys of <paramref name="keyType"/>: FIDO (<c>sk-</c>) keys wait for a touch, so they are left to OpenSSH.</summary>
    public static bool Offerable(string keyType) => !keyType.StartsWith("sk-", StringComparison.Ordinal);

    /// <summary>The algorithm name and sign flags for a key of <paramref name="keyType"/>.</summary>
    public static (string Name, AgentSignFlags Flags) Algorithm(string keyType) => keyType switch
    {
        "ssh-rsa" => ("rsa-sha2-512", AgentSignFlags.RsaSha2512),
        "ssh-rsa-cert-v01@openssh.com" => ("rsa-sha2-512-cert-v01@openssh.com", AgentSignFlags.RsaSha2512),
        _ => (keyType, AgentSignFlags.None),
    };
}
