namespace FooBar.Provision.Transport.HostKeys;

/// <summary>Host key algorithms in the order OpenSSH's order_hostkeyalgs would offer them.</summary>
internal sealed partial class HostKeyVerifier
{
    /// <summary>
    /// <paramref name="supported"/> (the client's algorithms, in its preference) reordered so that the host presents a
    /// key known_hosts can vouch for: unchanged when a key of the first algorithm's type is recorded for the host;
    /// otherwise the algorithms of recorded key types (and every certificate algorithm when an <c>@cert-authority</c>
    /// line names the host) first, the rest after, each group in the original order.
    /// </summary>
    public IReadOnlyList<string> OrderAlgorithms(IReadOnlyList<string> supported)
    {
        ArgumentNullException.ThrowIfNull(supported);
        if (supported.Count == 0)
        {
            return supported;
        }

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
