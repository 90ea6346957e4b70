using System.Security.Cryptography;
using FooBar.Provision.Inventory;

namespace FooBar.Provision.Transport.HostKeys;

/// <summary>What <see cref="HostKeyVerifier.Check"/> decided about a host's key, and why.</summary>
/// <param name="Verdict">The verdict.</param>
/// <param name="Files">The known_hosts files that were read.</param>
/// <param name="Key">The key (or certificate) the host presented, when it could be read.</param>
/// <param name="Entry">The known_hosts line that decided: the matching key or CA, the <c>@revoked</c> line, or a line recording another key.</param>
/// <param name="Reason">Why the host's certificate was not taken (when the plain key decided instead, or the certificate was refused), or why accept-new could not record the key.</param>
internal sealed record HostKeyDecision(
    HostKeyVerdict Verdict,
    KnownHostsFiles Files,
    SshPublicKey? Key,
    KnownHostsEntry? Entry = null,
    string? Reason = null)
{
    /// <summary>True when the connection may go on.</summary>
    public bool Trusted => Verdict is HostKeyVerdict.Known or HostKeyVerdict.Recorded;

    /// <summary>The exception that refuses the connection to <paramref name="host"/>: what, which file and line, what to do.</summary>
    public TransportException Refusal(HostEntry host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var where = $"{host.Address}:{host.Port}";
        var offered = Key is null ? "a key that cannot be read" : Describe(Key);
        var certificate = Reason is null ? string.Empty : $"; its certificate was not taken: {Reason}";
        var hint = OpenSshErrors.HostKeyHint(host);
        return Verdict switch
        {
            HostKeyVerdict.Changed => new HostKeyMismatchException(
                host.Name,
                $"the host key of {where} has CHANGED since it was recorded in {Entry?.Where ?? Files.Describe()}; refusing to connect " +
                $"(the host offered {offered}, the file records {(Entry is null ? "another key" : Describe(Entry.Key))}){certificate}",
                hint),
            HostKeyVerdict.Revoked => new HostKeyMismatchException(
                host.Name,
                $"the host key of {where} ({offered}) is REVOKED by {Entry?.Where ?? "an @revoked line"}" +
                $"{(Entry is not null && Key is { IsCertificate: true } && !Entry.Key.SamePublicKey(Key) ? " (the CA that signed its certificate)" : string.Empty)}; refusing to connect",
                "A revoked key is never accepted: ask whoever runs the host for its current key (and compare its fingerprint out of band); " +
                "do not remove the @revoked line unless you know why it is there."),
            HostKeyVerdict.CertificateRefused => new HostKeyMismatchException(
                host.Name,
                $"the host certificate of {where} cannot be taken: {Reason ?? "it cannot be read"}; refusing to connect",
                "Check the host's HostCertificate (re-sign it with ssh-keygen -s CA -h), or connect with transport: openssh to see what ssh says."),
            HostKeyVerdict.Unrecordable => KnownHostsCheck.Unrecordable(host, Files.RecordIn, Reason ?? "it could not be written"),
            _ => new HostKeyMismatchException(
                host.Name,
                $"no host key is known for {where} in {Files.Describe()} and host key checking is strict; refusing to connect (the host offered {offered}){certificate}",
                hint),
        };
    }

    /// <summary>A key as <c>ssh-ed25519 SHA256:…</c> (a certificate names its type and the fingerprint of its key).</summary>
    public static string Describe(SshPublicKey key) =>
        $"{key.Type} SHA256:{Convert.ToBase64String(SHA256.HashData(key.PublicBlob)).TrimEnd('=')}";
}
