using System.Security.Cryptography;
using FooBar.Provision.Transport.HostKeys;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace FooBar.Provision.Tests.Transport.HostKeys;

/// <summary>A key pair made in process (no ssh-keygen), able to sign certificates as a CA.</summary>
internal sealed class TestKey
{
    private readonly byte[]? _ed25519Private;
    private readonly ECDsa? _ecdsa;
    private readonly RSA? _rsa;

    private TestKey(string type, byte[] blob, byte[]? ed25519Private = null, ECDsa? ecdsa = null, RSA? rsa = null)
    {
        Type = type;
        Blob = blob;
        _ed25519Private = ed25519Private;
        _ecdsa = ecdsa;
        _rsa = rsa;
    }

    /// <summary>The key type name.</summary>
    public string Type { get; }

    /// <summary>The public key in wire format.</summary>
    public byte[] Blob { get; }

    /// <summary>The public key as known_hosts writes it after the host field.</summary>
    public string Line => $"{Type} {Convert.ToBase64String(Blob)}";

    public static TestKey Ed25519()
    {
        var secret = new byte[Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.SecretKeySize];
        RandomNumberGenerator.Fill(secret);
        var pub = new byte[Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.PublicKeySize];
        Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.GeneratePublicKey(secret, 0, pub, 0);
        return new TestKey("ssh-ed25519", new SshWireWriter().Text("ssh-ed25519").Bytes(pub).ToArray(), ed25519Private: secret);
    }

    public static TestKey Ecdsa256()
    {
        var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var q = ecdsa.ExportParameters(false).Q;
        byte[] point = [4, .. q.X!, .. q.Y!];
        return new TestKey("ecdsa-sha2-nistp256", new SshWireWriter().Text("ecdsa-sha2-nistp256").Text("nistp256").Bytes(point).ToArray(), ecdsa: ecdsa);
    }

    public static TestKey Rsa()
    {
        var rsa = System.Security.Cryptography.RSA.Create(2048);
        var parameters = rsa.ExportParameters(false);
        return new TestKey("ssh-rsa", new SshWireWriter().Text("ssh-rsa").PositiveMpint(parameters.Exponent!).PositiveMpint(parameters.Modulus!).ToArray(), rsa: rsa);
    }

    /// <summary>A signature blob over <paramref name="data"/> (RSA: with <paramref name="rsaAlgorithm"/>).</summary>
    public byte[] Sign(byte[] data, string rsaAlgorithm = "rsa-sha2-512")
    {
        if (_ed25519Private is { } secret)
        {
            var signature = new byte[Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.SignatureSize];
            Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.Sign(secret, 0, data, 0, data.Length, signature, 0);
            return new SshWireWriter().Text(Type).Bytes(signature).ToArray();
        }

        if (_ecdsa is { } ecdsa)
        {
            var fixedFields = ecdsa.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            var inner = new SshWireWriter().PositiveMpint(Trim(fixedFields[..32])).PositiveMpint(Trim(fixedFields[32..])).ToArray();
            return new SshWireWriter().Text(Type).Bytes(inner).ToArray();
        }

        var hash = rsaAlgorithm switch { "rsa-sha2-256" => HashAlgorithmName.SHA256, "ssh-rsa" => HashAlgorithmName.SHA1, _ => HashAlgorithmName.SHA512 };
        var rsaSignature = (_rsa ?? throw new InvalidOperationException("no private key")).SignData(data, hash, RSASignaturePadding.Pkcs1);
        return new SshWireWriter().Text(rsaAlgorithm).Bytes(rsaSignature).ToArray();
    }

    /// <summary>A certificate for this key, signed by <paramref name="ca"/>.</summary>
    public byte[] CertifiedBy(TestKey ca, CertificateSpec? spec = null)
    {
        spec ??= new CertificateSpec();
        var reader = new SshWireReader(Blob);
        reader.Text();
        var writer = new SshWireWriter().Text(Type + SshCertificate.Suffix).Bytes(RandomNumberGenerator.GetBytes(32));
        switch (Type)
        {
            case "ssh-ed25519":
                writer.Bytes(reader.Bytes());
                break;
            case "ssh-rsa":
                writer.PositiveMpint(reader.PositiveMpint()).PositiveMpint(reader.PositiveMpint());
                break;
            default:
                writer.Text(reader.Text()).Bytes(reader.Bytes());
                break;
        }

        var principals = new SshWireWriter();
        foreach (var principal in spec.Principals)
        {
            principals.Text(principal);
        }

        var critical = spec.CriticalOption ? new SshWireWriter().Text("force-command").Bytes(new SshWireWriter().Text("true").ToArray()).ToArray() : [];
        var unsigned = Concat(
            writer.ToArray(),
            BigEndian(7UL), BigEndian32(spec.Type), new SshWireWriter().Text("test").ToArray(), new SshWireWriter().Bytes(principals.ToArray()).ToArray(),
            BigEndian(spec.ValidAfter), BigEndian(spec.ValidBefore), new SshWireWriter().Bytes(critical).ToArray(),
            new SshWireWriter().Bytes([]).ToArray(), new SshWireWriter().Bytes([]).ToArray(), new SshWireWriter().Bytes(ca.Blob).ToArray());
        var signature = ca.Sign(spec.SignOver?.Invoke(unsigned) ?? unsigned, spec.RsaAlgorithm);
        return Concat(unsigned, new SshWireWriter().Bytes(signature).ToArray());
    }

    private static byte[] Trim(byte[] value) => value.SkipWhile(b => b == 0).ToArray();

    private static byte[] BigEndian(ulong value) => BitConverter.GetBytes(value).Reverse().ToArray();

    private static byte[] BigEndian32(uint value) => BitConverter.GetBytes(value).Reverse().ToArray();

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(part => part).ToArray();
}

/// <summary>What a test certificate says.</summary>
internal sealed record CertificateSpec
{
    public uint Type { get; init; } = SshCertificate.HostType;

    public IReadOnlyList<string> Principals { get; init; } = ["127.0.0.1"];

    public ulong ValidAfter { get; init; }

    public ulong ValidBefore { get; init; } = ulong.MaxValue;

    public bool CriticalOption { get; init; }

    public string RsaAlgorithm { get; init; } = "rsa-sha2-512";

    /// <summary>Changes the bytes the CA signs (to make a signature that does not verify).</summary>
    public Func<byte[], byte[]>? SignOver { get; init; }
}
