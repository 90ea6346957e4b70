using FooBar.Provision.Inventory;

namespace FooBar.Provision.Transport.HostKeys;

/// <summary>
/// Reads known_hosts files as OpenSSH does (sshd(8), "SSH_KNOWN_HOSTS FILE FORMAT"): blank lines and <c>#</c> comments
/// are skipped, and so is every line OpenSSH would skip (an unknown marker, a field missing, a key that does not decode
/// or whose type differs from the type word), silently, so the rest of the file still counts.
/// </summary>
internal static class KnownHostsParser
{
    private const string CertAuthorityMarker = "@cert-authority";
    private const string RevokedMarker = "@revoked";

    /// <summary>The valid lines of <paramref name="path"/>; none when the file is missing or cannot be read (as OpenSSH).</summary>
    public static IReadOnlyList<KnownHostsEntry> ReadFile(string path)
    {
        if (!LocalFiles.IsRegular(path))
        {
            return []; // a FIFO would block the open for good (OpenSSH's too, but a signal ends ssh); a directory or device holds no entries
        }

        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var reader = new StreamReader(stream);
                return Parse(path, reader.ReadToEnd());
            }
            catch (IOException e) when (e is not (FileNotFoundException or DirectoryNotFoundException) && attempt < 200)
            {
                Thread.Sleep(10); // KnownHostsRecorder holds the file's lock while it appends a line
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return [];
            }
        }
    }

    /// <summary>The valid lines of a file's text.</summary>
    public static IReadOnlyList<KnownHostsEntry> Parse(string path, string text)
    {
        var entries = new List<KnownHostsEntry>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (ParseLine(path, i + 1, lines[i]) is { } entry)
            {
                entries.Add(entry);
            }
        }

        return entries;
    }

    /// <summary>One line (without its newline) as an entry, or null when OpenSSH would skip it.</summary>
    public static KnownHostsEntry? ParseLine(string path, int number, string line)
    {
        var rest = line.AsSpan().TrimStart(" \t");
        if (rest.IsEmpty || rest[0] == '#')
        {
            return null;
        }

        var marker = KnownHostsMarker.None;
        if (rest[0] == '@')
        {
            // Like OpenSSH's check_markers: the marker ends at the first space (else tab) of the line, one marker only.
            var end = rest.IndexOf(' ') is var space and >= 0 ? space : rest.IndexOf('\t');
            if (end < 0)
            {
                return null;
            }

            marker = rest[..end] switch
            {
                CertAuthorityMarker => KnownHostsMarker.CertAuthority,
                RevokedMarker => KnownHostsMarker.Revoked,
                _ => (KnownHostsMarker)(-1),
            };
            rest = rest[end..].TrimStart(" \t");
            if (marker < 0 || (!rest.IsEmpty && rest[0] == '@'))
            {
                return null;
            }
        }

        var hostsEnd = rest.IndexOfAny(' ', '\t');
        if (hostsEnd < 0)
        {
            return null;
        }

        var hosts = rest[..hostsEnd].ToString();
        rest = rest[hostsEnd..].TrimStart(" \t");
        return ReadKey(rest) is { } key ? new KnownHostsEntry(path, number, marker, hosts, key) : null;
    }

    private static SshPublicKey? ReadKey(ReadOnlySpan<char> rest)
    {
        var typeEnd = rest.IndexOfAny(' ', '\t');
        if (rest.IsEmpty || rest[0] == '#' || typeEnd < 0 || SshKeyTypes.FromLineWord(rest[..typeEnd].ToString()) is not { } type)
        {
            return null;
        }

        rest = rest[typeEnd..].TrimStart(" \t");
        var blobEnd = rest.IndexOfAny(' ', '\t');
        var base64 = (blobEnd < 0 ? rest : rest[..blobEnd]).ToString();
        if (base64.Length == 0)
        {
            return null;
        }

        try
        {
            var key = SshPublicKey.Parse(Convert.FromBase64String(base64));
            return key.Type == type && (key.Certificate is not { } certificate || CertificateSignature.Verifies(certificate)) ? key : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
