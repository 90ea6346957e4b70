namespace FooBar.Provision.Transport.SshNet.Agent;

/// <summary>One key (or certificate) an ssh-agent holds: its public blob as the agent sent it, and its comment.</summary>
/// <param name="KeyBlob">The public key or certificate in SSH wire format; the agent signs with the key it names.</param>
/// <param name="KeyType">The blob's type, such as <c>ssh-ed25519</c> or <c>ssh-rsa-cert-v01@openssh.com</c>.</param>
/// <param name="Comment">What <c>ssh-add</c> recorded with it (usually the key file's path); shown in messages.</param>
internal sealed record AgentIdentity(byte[] KeyBlob, string KeyType, string Comment)
{
    /// <summary>Whether <paramref name="other"/> holds the same public blob.</summary>
    public bool SameKey(ReadOnlySpan<byte> other) => KeyBlob.AsSpan().SequenceEqual(other);
}
