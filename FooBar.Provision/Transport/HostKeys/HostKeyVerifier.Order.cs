namespace FooBar.Provision.Transport.HostKeys;

/// <summary>Host key algorithms in the order OpenSSH's order_hostkeyalgs would offer them.</summary>
internal sealed partial class HostKeyVerifier
{
    /// <summary>
    /// OpenSSH's default <c>HostKeyAlgorithms</c> (9.x): certificates first; <c>ssh-rsa</c> (SHA-1 signatures) is not offered.
    /// </summary>
    public static readonly IReadOnlyList<string> OpenSshDefaultAlgorithms =
    [
        "ssh-ed25519-cert-v01@openssh.com", "ecdsa-sha2-nistp256-cert-v01@openssh.com", "ecdsa-sha2-nistp384-cert-v01@openssh.com",
        "ecdsa-sha2-nistp521-cert-v01@openssh.com", "sk-ssh-ed25519-cert-v01@openssh.com", "sk-ecdsa-sha2-nistp256-cert-v01@openssh.com",
        "rsa-sha2-512-cert-v01@openssh.com", "rsa-sha2-256-cert-v01@openssh.com",
        "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
        "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com", "rsa-sha2-512", "rsa-sha2-256",
    ];

    /// <summary>
    /// The host key algorithms to offer, from <paramref name="supported"/> (what the SSH library implements), so that the
    /// server picks the key OpenSSH would get: those of OpenSSH's default list in its order (the rest dropped), then
    /// reordered as order_hostkeyalgs does: unchanged when a key of the first algorithm's type is recorded for the host;
    /// otherwise the algorithms of recorded key types (and every certificate algorithm when an <c>@cert-authority</c>
    /// line names the host) first, the rest after, each group in its order.
    /// </summary>
    public IReadOnlyList<string> OrderAlgorithms(IReadOnlyList<string> supported)
    {
        ArgumentNullException.ThrowIfNull(supported);
        var offered = OpenSshDefaultAlgorithms.Where(supported.Contains).ToList();
        if (offered.Count == 0)
        {
            return supported;
        }

        supported = offered;

        var entries = Load(LookupName, null);
        if (SshKeyTypes.OfAlgorithm(supported[0]) is { } best && Recorded(entries, best.PlainType))
        {
            return supported;
        }

        var authority = entries.Any(entry => entry.Marker == KnownHostsMarker.CertAuthority);
        var first = new List<string>();
        var last = new List<string>();
        foreach (var algorithm in supported)
        {
            var preferred = SshKeyTypes.OfAlgorithm(algorithm) is { } type && ((type.Certificate && authority) || Recorded(entries, type.PlainType));
            (preferred ? first : last).Add(algorithm);
        }

        return [.. first, .. last];
    }

    // OpenSSH's lookup_key_in_hostkeys_by_type: the first plain line with a key of this type, unless that key is revoked.
    private static bool Recorded(List<KnownHostsEntry> entries, string plainType) =>
        entries.FirstOrDefault(entry => entry.Marker == KnownHostsMarker.None && entry.Key.Type == plainType) is { } found
        && RevokedBy(entries, found.Key) is null;
}
