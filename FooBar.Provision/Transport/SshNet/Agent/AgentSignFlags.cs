namespace FooBar.Provision.Transport.SshNet.Agent;

/// <summary>The flags of SSH2_AGENTC_SIGN_REQUEST: which hash an RSA key signs with (0 for other key types).</summary>
[Flags]
internal enum AgentSignFlags : uint
{
    /// <summary>The key's own algorithm (for RSA: <c>ssh-rsa</c>, SHA-1).</summary>
    None = 0,

    /// <summary>SSH_AGENT_RSA_SHA2_256: an <c>rsa-sha2-256</c> signature.</summary>
    RsaSha2256 = 2,

    /// <summary>SSH_AGENT_RSA_SHA2_512: an <c>rsa-sha2-512</c> signature.</summary>
    RsaSha2512 = 4,
}
