namespace FooBar.Provision.Transport.HostKeys;

/// <summary>The SSH public key types OpenSSH reads in known_hosts, and how host key algorithm names map to them.</summary>
internal static class SshKeyTypes
{
    /// <summary>Ed25519.</summary>
    public const string Ed25519 = "ssh-ed25519";

    /// <summary>RSA (whatever hash its signatures use).</summary>
    public const string Rsa = "ssh-rsa";

    /// <summary>DSA.</summary>
    public const string Dsa = "ssh-dss";

    /// <summary>Ed25519 on a FIDO token.</summary>
    public const string SkEd25519 = "sk-ssh-ed25519@openssh.com";

    /// <summary>ECDSA P-256 on a FIDO token.</summary>
    public const string SkEcdsa = "sk-ecdsa-sha2-nistp256@openssh.com";

    private static readonly string[] Plain =
        [Ed25519, Rsa, Dsa, "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", SkEd25519, SkEcdsa];

    // OpenSSH also reads a plain key whose type is written by its short name, in any case (sshkey_type_from_name).
    private static readonly Dictionary<string, string> ShortNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ED25519"] = Ed25519,
        ["RSA"] = Rsa,
        ["DSA"] = Dsa,
        ["ED25519-SK"] = SkEd25519,
    };

    /// <summary>True for a plain (not certificate) key type name.</summary>
    public static bool IsPlain(string type) => Plain.Contains(type, StringComparer.Ordinal);

    /// <summary>The key type a known_hosts line's type word names (full or short name, plain or certificate), or null.</summary>
    public static string? FromLineWord(string word) => word switch
    {
        _ when IsPlain(word) || SshPublicKey.CertificatePlainType(word) is not null => word,
        "rsa-sha2-256" or "rsa-sha2-512" => Rsa, // signature names OpenSSH also takes as the RSA type
        "rsa-sha2-256" + SshCertificate.Suffix or "rsa-sha2-512" + SshCertificate.Suffix => Rsa + SshCertificate.Suffix,
        _ => ShortNames.GetValueOrDefault(word),
    };

    /// <summary>The curve of an ECDSA key type (<c>nistp256</c>), or null.</summary>
    public static string? CurveOf(string type) => type switch
    {
        "ecdsa-sha2-nistp256" or SkEcdsa => "nistp256",
        "ecdsa-sha2-nistp384" => "nistp384",
        "ecdsa-sha2-nistp521" => "nistp521",
        _ => null,
    };

    /// <summary>The size in bytes of a coordinate on <paramref name="curve"/>.</summary>
    public static int CurveBytes(string curve) => curve switch
    {
        "nistp256" => 32,
        "nistp384" => 48,
        _ => 66,
    };

    /// <summary>
    /// The plain key type behind a host key algorithm name, and whether the algorithm is a certificate one:
    /// <c>rsa-sha2-512</c> → (<c>ssh-rsa</c>, false), <c>ssh-ed25519-cert-v01@openssh.com</c> → (<c>ssh-ed25519</c>, true).
    /// Null for a name OpenSSH does not know.
    /// </summary>
    public static (string PlainType, bool Certificate)? OfAlgorithm(string algorithm)
    {
        var certificate = algorithm.EndsWith(SshCertificate.Suffix, StringComparison.Ordinal);
        var plain = certificate ? algorithm[..^SshCertificate.Suffix.Length] : algorithm;
        plain = plain is "rsa-sha2-256" or "rsa-sha2-512" ? Rsa : plain;
        return IsPlain(plain) ? (plain, certificate) : null;
    }
}
