namespace FooBar.Provision.Transport.HostKeys;

/// <summary>The decision itself, in the steps of OpenSSH's check_host_key.</summary>
internal sealed partial class HostKeyVerifier
{
    private enum Status
    {
        Ok,
        New,
        Changed,
        Revoked,
    }

    /// <summary>
    /// One look-up under the name for <paramref name="port"/>. <paramref name="quiet"/>: the look-up without the port,
    /// which only ever accepts. <paramref name="withoutPort"/>: already the look-up without the port. <paramref name="current"/>:
    /// a file's text as read under the recording lock, used instead of reading that file again.
    /// </summary>
    private HostKeyDecision Decide(SshPublicKey key, int port, bool quiet, bool withoutPort, (string Path, string Text)? current = null)
    {
        var entries = Load(NameFor(port), current);
        var presented = key;
        string? certificateProblem = null;
        while (true)
        {
            var (status, found) = Find(entries, key);
            var failure = status switch
            {
                Status.Revoked => HostKeyVerdict.Revoked,
                Status.Changed => HostKeyVerdict.Changed,
                _ => HostKeyVerdict.Unknown,
            };
            if (status == Status.Ok)
            {
                certificateProblem = key.Certificate is { } certificate ? CertificateProblem(certificate) : null;
                if (certificateProblem is null)
                {
                    return new HostKeyDecision(HostKeyVerdict.Known, _files, presented, found);
                }

                failure = HostKeyVerdict.Unknown;
            }
            else if (status == Status.New && port is not (0 or DefaultPort) && !withoutPort)
            {
                var bare = Decide(key, 0, quiet: true, withoutPort: true, current);
                if (bare.Trusted)
                {
                    return bare with { Key = presented };
                }
            }

            // A certificate that did not pass (no CA for the host, or a CA but an invalid certificate) is retried as
            // its plain key, unless it was revoked.
            if (key.IsCertificate && status != Status.Revoked)
            {
                certificateProblem ??= status == Status.New ? $"no @cert-authority line for {NameFor(port)} names its CA" : null;
                key = key.Plain;
                continue;
            }

            return new HostKeyDecision(quiet ? HostKeyVerdict.Unknown : failure, _files, presented, found, certificateProblem);
        }
    }

    private static (Status Status, KnownHostsEntry? Found) Find(List<KnownHostsEntry> entries, SshPublicKey key)
    {
        var wanted = key.IsCertificate ? KnownHostsMarker.CertAuthority : KnownHostsMarker.None;
        var status = Status.New;
        KnownHostsEntry? found = null;
        foreach (var entry in entries.Where(entry => entry.Marker == wanted))
        {
            if (key.Certificate is { } certificate)
            {
                if (certificate.Authority.SamePublicKey(entry.Key))
                {
                    (status, found) = (Status.Ok, entry);
                    break;
                }
            }
            else if (key.SamePublicKey(entry.Key))
            {
                (status, found) = (Status.Ok, entry);
                break;
            }
            else
            {
                (status, found) = (Status.Changed, entry);
            }
        }

        return RevokedBy(entries, key) is { } revoked ? (Status.Revoked, revoked) : (status, found);
    }

    private static KnownHostsEntry? RevokedBy(List<KnownHostsEntry> entries, SshPublicKey key) =>
        entries.FirstOrDefault(entry => entry.Marker == KnownHostsMarker.Revoked
            && (key.SamePublicKey(entry.Key) || (key.Certificate is { } certificate && certificate.Authority.SamePublicKey(entry.Key))));

    private string? CertificateProblem(SshCertificate certificate)
    {
        var now = (ulong)Math.Max(0, _time.GetUtcNow().ToUnixTimeSeconds());
        if (certificate.CertificateType != SshCertificate.HostType)
        {
            return "it is not a host certificate";
        }

        if (now < certificate.ValidAfter)
        {
            return $"it is not yet valid (valid from {Time(certificate.ValidAfter)})";
        }

        if (now >= certificate.ValidBefore)
        {
            return $"it has expired (valid until {Time(certificate.ValidBefore)})";
        }

        if (certificate.Principals.Count > 0 && !certificate.Principals.Contains(_name, StringComparer.Ordinal))
        {
            return $"'{_name}' is not one of its principals ({string.Join(", ", certificate.Principals)})";
        }

        if (certificate.CriticalOptions.Length != 0)
        {
            return "it has critical options, which a host certificate cannot honour";
        }

        return CertificateSignature.Algorithm(certificate) is { } algorithm && CertificateSignature.AllowedAlgorithms.Contains(algorithm)
            ? null
            : $"its CA signed it with {CertificateSignature.Algorithm(certificate) ?? "an unreadable signature"}, which OpenSSH's CASignatureAlgorithms does not allow";
    }

    private static string Time(ulong unixSeconds) =>
        unixSeconds >= (ulong)DateTimeOffset.MaxValue.ToUnixTimeSeconds() ? "forever" : DateTimeOffset.FromUnixTimeSeconds((long)unixSeconds).ToString("u");
}
