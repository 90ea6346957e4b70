namespace FooBar.Provision.IntegrationTests.HostKeys;

/// <summary>One private sshd of the differential suite: its port and the keys (and certificate) it serves.</summary>
/// <param name="Name">What it stands for (<c>cert-expired</c>).</param>
/// <param name="Port">Its port on 127.0.0.1.</param>
/// <param name="HostKeys">Its plain host public keys, as <c>type base64</c>.</param>
/// <param name="CertificateAuthority">The CA public key that signed its host certificate, or null when it has none.</param>
public sealed record DifferentialServer(string Name, int Port, IReadOnlyList<string> HostKeys, string? CertificateAuthority)
{
    /// <inheritdoc />
    public override string ToString() => $"{Name} (127.0.0.1:{Port})";
}
