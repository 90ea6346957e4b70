using Renci.SshNet.Security;

namespace FooBar.Provision.Transport.SshNet.Agent;

/// <summary>
/// One signature algorithm of a key held by an ssh-agent, as SSH.NET's public key authentication sees it: the public
/// blob is the agent's, and <see cref="Sign"/> asks the agent, so the private key never enters this process.
/// </summary>
internal sealed class AgentHostAlgorithm : HostAlgorithm
{
    private readonly SshAgentClient _agent;
    private readonly AgentIdentity _identity;
    private readonly AgentSignFlags _flags;

    /// <summary>The algorithm <paramref name="name"/> of <paramref name="identity"/>, signed by <paramref name="agent"/> with <paramref name="flags"/>.</summary>
    public AgentHostAlgorithm(string name, SshAgentClient agent, AgentIdentity identity, AgentSignFlags flags)
        : base(name)
    {
        _agent = agent;
        _identity = identity;
        _flags = flags;
    }

    /// <summary>The key the agent holds.</summary>
    public AgentIdentity Identity => _identity;

    /// <inheritdoc />
    public override byte[] Data => _identity.KeyBlob;

    /// <inheritdoc />
    /// <exception cref="AgentException">The agent refused or is gone; SSH.NET reports the authentication as failed.</exception>
    public override byte[] Sign(byte[] data) => _agent.Sign(_identity.KeyBlob, data, _flags);

    /// <summary>Not used: a client key only signs; the server verifies.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public override bool VerifySignature(byte[] data, byte[] signature) =>
        throw new NotSupportedException("a key held by ssh-agent signs for authentication; it does not verify signatures");
}
