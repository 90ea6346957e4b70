using System.Text;

namespace FooBar.Provision.Inventory;

/// <summary>What an identity file holds, told from its first line: a private key, a public key (<c>.pub</c>) or no key at all.</summary>
/// <remarks>
/// Read before any connection, so a public key or another file named as <c>identity_file</c> is refused at its place
/// in the inventory instead of failing every login. Only the first line is looked at, and it is never quoted (the
/// file may hold a secret).
/// </remarks>
internal static class IdentityFiles
{
    // A key's first line is short; a longer read only costs time on a file that is no key anyway.
    private const int ReadLimit = 4096;

    /// <summary>What the regular, readable file at <paramref name="path"/> holds; <see cref="IdentityFileKind.PrivateKey"/> when it cannot be read now (the transport reports that).</summary>
    public static IdentityFileKind Kind(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] head;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
            head = new byte[ReadLimit];
            head = head[..stream.ReadAtLeast(head, ReadLimit, throwOnEndOfStream: false)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return IdentityFileKind.PrivateKey;
        }

        return KindOf(Encoding.UTF8.GetString(head));
    }

    /// <summary>What a file that starts with <paramref name="text"/> holds.</summary>
    public static IdentityFileKind KindOf(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var line = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n').Split('\n')[0].TrimEnd('\r', ' ', '\t');
        // OpenSSH's own format and PEM (RSA, EC, DSA, PKCS#8, encrypted PKCS#8), ssh.com's SSH2 and PuTTY's.
        if ((line.StartsWith("-----BEGIN ", StringComparison.Ordinal) && line.EndsWith("PRIVATE KEY-----", StringComparison.Ordinal))
            || (line.StartsWith("---- BEGIN SSH2 ", StringComparison.Ordinal) && line.EndsWith("PRIVATE KEY ----", StringComparison.Ordinal))
            || line.StartsWith("PuTTY-User-Key-File-", StringComparison.Ordinal))
        {
            return IdentityFileKind.PrivateKey;
        }

        // A line of authorized_keys/.pub (ssh-ed25519 AAAA..., ecdsa-sha2-nistp256 ..., sk-ssh-ed25519@openssh.com ...,
        // certificates too) or an RFC 4716 public key.
        var words = line.Split(' ', 3);
        if (line == "---- BEGIN SSH2 PUBLIC KEY ----"
            || (words.Length >= 2 && words[0].Length > 4 && (words[0].StartsWith("ssh-", StringComparison.Ordinal) || words[0].StartsWith("ecdsa-", StringComparison.Ordinal) || words[0].StartsWith("sk-", StringComparison.Ordinal)) && words[1].StartsWith("AAAA", StringComparison.Ordinal)))
        {
            return IdentityFileKind.PublicKey;
        }

        return IdentityFileKind.NotAKey;
    }
}
