namespace FooBar.Provision.Transport.HostKeys;

/// <summary>What a host key check decided.</summary>
internal enum HostKeyVerdict
{
    /// <summary>known_hosts records the key (or trusts the CA of a valid host certificate): trusted.</summary>
    Known,

    /// <summary>The host was unknown and <c>accept-new</c> recorded its key: trusted.</summary>
    Recorded,

    /// <summary>No key is known for the host and checking is strict: refused.</summary>
    Unknown,

    /// <summary>known_hosts records other keys for the host, not this one: refused in every mode.</summary>
    Changed,

    /// <summary>An <c>@revoked</c> line names the key (or the CA that signed the certificate): refused.</summary>
    Revoked,

    /// <summary>The host certificate cannot be taken at all (its CA signature does not verify, or the blob is not a key): refused.</summary>
    CertificateRefused,

    /// <summary><c>accept-new</c> could not record the unknown key: refused, since it would be accepted again every time.</summary>
    Unrecordable,
}
