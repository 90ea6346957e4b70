namespace FooBar.Provision.Transport.HostKeys;

/// <summary>The marker at the start of a known_hosts line.</summary>
internal enum KnownHostsMarker
{
    /// <summary>No marker: the line records a host key.</summary>
    None,

    /// <summary><c>@cert-authority</c>: the line's key is a CA whose host certificates are trusted for the line's hosts.</summary>
    CertAuthority,

    /// <summary><c>@revoked</c>: the line's key is never accepted for the line's hosts, whatever else says.</summary>
    Revoked,
}
