namespace FooBar.Provision.Transport.HostKeys;

/// <summary>
/// A public key or host certificate in SSH wire format, as a server presents it and as known_hosts records it (base64).
/// Two keys are the same key when their plain type and public numbers are equal, whatever the encoding's padding.
/// </summary>
internal sealed class SshPublicKey
{
    private const int MinimumRsaBits = 1024; // OpenSSH refuses smaller RSA keys when it reads them.

    private SshPublicKey(string type, string plainType, byte[] publicBlob, string? curve, SshCertificate? certificate)
    {
        Type = type;
        PlainType = plainType;
        PublicBlob = publicBlob;
        Curve = curve;
        Certificate = certificate;
    }

    /// <summary>The blob's own type name: <c>ssh-ed25519</c>, <c>ssh-ed25519-cert-v01@openssh.com</c>.</summary>
    public string Type { get; }

    /// <summary>The type of the key itself, a certificate's suffix dropped: <c>ssh-ed25519</c>, <c>ssh-rsa</c>, <c>ecdsa-sha2-nistp256</c>.</summary>
    public string PlainType { get; }

    /// <summary>The canonical wire form of the plain public key (no certificate), which identifies the key.</summary>
    public byte[] PublicBlob { get; }

    /// <summary>For ECDSA keys, the curve (<c>nistp256</c>); otherwise null.</summary>
    public string? Curve { get; }

    /// <summary>The certificate, when the blob is one.</summary>
    public SshCertificate? Certificate { get; }

    /// <summary>True when the blob is a certificate.</summary>
    public bool IsCertificate => Certificate is not null;

    /// <summary>The key without its certificate (itself when it is a plain key).</summary>
    public SshPublicKey Plain => Certificate is null ? this : new SshPublicKey(PlainType, PlainType, PublicBlob, Curve, null);

    /// <summary>The base64 of <see cref="PublicBlob"/>, as a known_hosts line writes it.</summary>
    public string Base64 => Convert.ToBase64String(PublicBlob);

    /// <summary>True when both are the same public key (a certificate compares as the key it certifies).</summary>
    public bool SamePublicKey(SshPublicKey other) => PlainType == other.PlainType && PublicBlob.AsSpan().SequenceEqual(other.PublicBlob);

    /// <summary>The type name of a certificate's plain key (<c>ssh-ed25519</c> for <c>ssh-ed25519-cert-v01@openssh.com</c>), or null for any other name.</summary>
    public static string? CertificatePlainType(string type) =>
        type.EndsWith(SshCertificate.Suffix, StringComparison.Ordinal) && SshKeyTypes.IsPlain(type[..^SshCertificate.Suffix.Length])
            ? type[..^SshCertificate.Suffix.Length]
            : null;

    /// <summary>Parses a wire-format key or certificate; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static SshPublicKey Parse(byte[] blob)
    {
        var reader = new SshWireReader(blob);
        var type = reader.Text();
        if (CertificatePlainType(type) is { } plainType)
        {
            reader.Bytes(); // nonce
            var (publicBlob, curve) = ReadPublic(reader, plainType);
            var certificate = SshCertificate.Read(reader, blob);
            return new SshPublicKey(type, plainType, publicBlob, curve, certificate);
        }

        if (!SshKeyTypes.IsPlain(type))
        {
            throw new FormatException($"unknown key type '{type}'");
        }

        var (plainBlob, plainCurve) = ReadPublic(reader, type);
        reader.End();
        return new SshPublicKey(type, type, plainBlob, plainCurve, null);
    }

    private static (byte[] Blob, string? Curve) ReadPublic(SshWireReader reader, string type)
    {
        var writer = new SshWireWriter().Text(type);
        switch (type)
        {
            case SshKeyTypes.Ed25519 or SshKeyTypes.SkEd25519:
                var point = reader.Bytes();
                if (point.Length != 32)
                {
                    throw new FormatException($"an ed25519 key of {point.Length} bytes (32 expected)");
                }

                writer.Bytes(point);
                if (type == SshKeyTypes.SkEd25519)
                {
                    writer.Bytes(reader.Bytes());
                }

                return (writer.ToArray(), null);
            case SshKeyTypes.Rsa:
                var exponent = reader.PositiveMpint();
                var modulus = reader.PositiveMpint();
                if (Bits(modulus) < MinimumRsaBits)
                {
                    throw new FormatException($"an RSA key of {Bits(modulus)} bits (at least {MinimumRsaBits} needed)");
                }

                return (writer.PositiveMpint(exponent).PositiveMpint(modulus).ToArray(), null);
            case SshKeyTypes.Dsa:
                for (var i = 0; i < 4; i++)
                {
                    writer.PositiveMpint(reader.PositiveMpint());
                }

                return (writer.ToArray(), null);
            default:
                var curve = reader.Text();
                if (SshKeyTypes.CurveOf(type) != curve)
                {
                    throw new FormatException($"a {type} key on curve '{curve}'");
                }

                var q = reader.Bytes();
                if (q.Length == 0 || q[0] != 4 || q.Length != 1 + (2 * SshKeyTypes.CurveBytes(curve)))
                {
                    throw new FormatException($"an uncompressed {curve} point of {q.Length} bytes was expected");
                }

                writer.Text(curve).Bytes(q);
                if (type == SshKeyTypes.SkEcdsa)
                {
                    writer.Bytes(reader.Bytes());
                }

                return (writer.ToArray(), curve);
        }
    }

    private static int Bits(byte[] magnitude) =>
        magnitude.Length == 0 ? 0 : ((magnitude.Length - 1) * 8) + (32 - System.Numerics.BitOperations.LeadingZeroCount((uint)magnitude[0]));
}
