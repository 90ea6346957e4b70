using System.Security.Cryptography;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace FooBar.Provision.Transport.HostKeys;

/// <summary>Checks the certificate authority's signature on a certificate, as OpenSSH does when it reads one.</summary>
internal static class CertificateSignature
{
    /// <summary>OpenSSH's default <c>CASignatureAlgorithms</c>: a certificate signed otherwise (<c>ssh-rsa</c>, SHA-1) is not taken.</summary>
    public static readonly IReadOnlyList<string> AllowedAlgorithms =
    [
        "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
        "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com", "rsa-sha2-512", "rsa-sha2-256",
    ];

    /// <summary>The signature algorithm named in the certificate's signature blob, or null when unreadable.</summary>
    public static string? Algorithm(SshCertificate certificate)
    {
        try
        {
            return new SshWireReader(certificate.Signature).Text();
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>True when the signature verifies with the authority's key (and its algorithm fits the key's type).</summary>
    public static bool Verifies(SshCertificate certificate)
    {
        try
        {
            var signature = new SshWireReader(certificate.Signature);
            var algorithm = signature.Text();
            var value = signature.Bytes();
            var key = new SshWireReader(certificate.Authority.PublicBlob);
            key.Text();
            return certificate.Authority.PlainType switch
            {
                SshKeyTypes.Ed25519 => algorithm == SshKeyTypes.Ed25519 && Ed25519Verifies(key.Bytes(), value, certificate.Signed),
                SshKeyTypes.Rsa => RsaVerifies(algorithm, key.PositiveMpint(), key.PositiveMpint(), value, certificate.Signed),
                var type when SshKeyTypes.CurveOf(type) is { } curve && type != SshKeyTypes.SkEcdsa =>
                    algorithm == type && EcdsaVerifies(curve, key, value, certificate.Signed),
                _ => false, // DSA and FIDO authorities: not supported here (see docs/transport.md).
            };
        }
        catch (Exception e) when (e is FormatException or CryptographicException or ArgumentException)
        {
            return false;
        }
    }

    private static bool Ed25519Verifies(byte[] publicKey, byte[] signature, byte[] data) =>
        signature.Length == Ed25519.SignatureSize && Ed25519.Verify(signature, 0, publicKey, 0, data, 0, data.Length);

    private static bool RsaVerifies(string algorithm, byte[] exponent, byte[] modulus, byte[] signature, byte[] data)
    {
        var hash = algorithm switch
        {
            "rsa-sha2-512" => HashAlgorithmName.SHA512,
            "rsa-sha2-256" => HashAlgorithmName.SHA256,
            "ssh-rsa" => HashAlgorithmName.SHA1,
            _ => (HashAlgorithmName?)null,
        };
        if (hash is null || signature.Length > modulus.Length)
        {
            return false;
        }

        using var rsa = RSA.Create();
        rsa.ImportParameters(new RSAParameters { Modulus = modulus, Exponent = exponent });
        var padded = new byte[modulus.Length]; // OpenSSH accepts a signature shorter than the modulus (leading zeros dropped).
        signature.CopyTo(padded, modulus.Length - signature.Length);
        return rsa.VerifyData(data, padded, hash.Value, RSASignaturePadding.Pkcs1);
    }

    private static bool EcdsaVerifies(string curve, SshWireReader key, byte[] signature, byte[] data)
    {
        key.Text();
        var point = key.Bytes();
        var size = SshKeyTypes.CurveBytes(curve);
        var (named, hash) = curve switch
        {
            "nistp256" => (ECCurve.NamedCurves.nistP256, HashAlgorithmName.SHA256),
            "nistp384" => (ECCurve.NamedCurves.nistP384, HashAlgorithmName.SHA384),
            _ => (ECCurve.NamedCurves.nistP521, HashAlgorithmName.SHA512),
        };
        var parts = new SshWireReader(signature);
        var r = parts.PositiveMpint();
        var s = parts.PositiveMpint();
        parts.End();
        if (r.Length > size || s.Length > size)
        {
            return false;
        }

        var fixedFields = new byte[2 * size];
        r.CopyTo(fixedFields, size - r.Length);
        s.CopyTo(fixedFields, (2 * size) - s.Length);
        using var ecdsa = ECDsa.Create(new ECParameters
        {
            Curve = named,
            Q = new ECPoint { X = point[1..(1 + size)], Y = point[(1 + size)..] },
        });
        return ecdsa.VerifyData(data, fixedFields, hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }
}
