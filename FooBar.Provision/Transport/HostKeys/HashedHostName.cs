using System.Security.Cryptography;
using System.Text;

namespace FooBar.Provision.Transport.HostKeys;

/// <summary>
/// Hashed known_hosts names (<c>HashKnownHosts yes</c>, <c>ssh-keygen -H</c>): <c>|1|base64(salt)|base64(HMAC-SHA1(salt, name))</c>,
/// with a 20-byte salt. A field that is not well formed matches nothing (OpenSSH skips the line).
/// </summary>
internal static class HashedHostName
{
    private const string Magic = "|1|";
    private const int SaltBytes = 20;

    /// <summary>True when <paramref name="field"/> is the hash of <paramref name="name"/>.</summary>
    public static bool Matches(string field, string name)
    {
        if (!field.StartsWith(Magic, StringComparison.Ordinal))
        {
            return false;
        }

        var end = field.IndexOf('|', Magic.Length);
        if (end < 0 || end == Magic.Length || end - Magic.Length > 1024)
        {
            return false;
        }

        byte[] salt;
        try
        {
            salt = Convert.FromBase64String(field[Magic.Length..end]);
        }
        catch (FormatException)
        {
            return false;
        }

        return salt.Length == SaltBytes && string.Equals(Hash(name, salt), field, StringComparison.Ordinal);
    }

    /// <summary>The hashed form of <paramref name="name"/> with <paramref name="salt"/>.</summary>
    public static string Hash(string name, byte[] salt)
    {
#pragma warning disable CA5350 // The known_hosts format fixes HMAC-SHA1; it hides names, it does not authenticate anything.
        var hash = HMACSHA1.HashData(salt, Encoding.UTF8.GetBytes(name));
#pragma warning restore CA5350
        return $"{Magic}{Convert.ToBase64String(salt)}|{Convert.ToBase64String(hash)}";
    }

    /// <summary>The hashed form of <paramref name="name"/> with a new random salt.</summary>
    public static string Hash(string name) => Hash(name, RandomNumberGenerator.GetBytes(SaltBytes));
}
