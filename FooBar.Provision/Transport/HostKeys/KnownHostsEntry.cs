namespace FooBar.Provision.Transport.HostKeys;

/// <summary>One valid line of a known_hosts file.</summary>
/// <param name="File">The file the line is in.</param>
/// <param name="Line">Its line number (from 1).</param>
/// <param name="Marker">Its marker.</param>
/// <param name="Hosts">The host field: a comma list of patterns, or one hashed name (<c>|1|salt|hash</c>).</param>
/// <param name="Key">The key the line records.</param>
internal sealed record KnownHostsEntry(string File, int Line, KnownHostsMarker Marker, string Hosts, SshPublicKey Key)
{
    /// <summary>Where the line is, as <c>file:line</c>.</summary>
    public string Where => $"{File}:{Line}";
}
