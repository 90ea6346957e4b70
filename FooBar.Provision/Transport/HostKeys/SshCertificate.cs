namespace FooBar.Provision.Transport.HostKeys;

/// <summary>The fields of an OpenSSH certificate (PROTOCOL.certkeys) that decide whether a host may present it.</summary>
internal sealed class SshCertificate
{
    /// <summary>The suffix of every certificate type name.</summary>
    public const string Suffix = "-cert-v01@openssh.com";

    /// <summary>SSH2_CERT_TYPE_HOST.</summary>
    public const uint HostType = 2;

    private SshCertificate(uint certificateType, IReadOnlyList<string> principals, ulong validAfter, ulong validBefore, byte[] criticalOptions, SshPublicKey authority, byte[] signature, byte[] signed)
    {
        CertificateType = certificateType;
        Principals = principals;
        ValidAfter = validAfter;
        ValidBefore = validBefore;
        CriticalOptions = criticalOptions;
        Authority = authority;
        Signature = signature;
        Signed = signed;
    }

    /// <summary>1 for a user certificate, 2 for a host certificate.</summary>
    public uint CertificateType { get; }

    /// <summary>The names the certificate is valid for; none means any.</summary>
    public IReadOnlyList<string> Principals { get; }

    /// <summary>Valid from this Unix time (inclusive).</summary>
    public ulong ValidAfter { get; }

    /// <summary>Valid until this Unix time (exclusive).</summary>
    public ulong ValidBefore { get; }

    /// <summary>The encoded critical options (a host certificate must have none).</summary>
    public byte[] CriticalOptions { get; }

    /// <summary>The key of the certificate authority that signed it.</summary>
    public SshPublicKey Authority { get; }

    /// <summary>The signature blob (algorithm name and signature).</summary>
    public byte[] Signature { get; }

    /// <summary>The bytes the signature covers: the certificate up to and including the signature key.</summary>
    public byte[] Signed { get; }

    /// <summary>Reads the fields after the public key, up to the end of <paramref name="blob"/>.</summary>
    public static SshCertificate Read(SshWireReader reader, byte[] blob)
    {
        reader.UInt64(); // serial
        var certificateType = reader.UInt32();
        if (certificateType is not (1 or HostType))
        {
            throw new FormatException($"a certificate of unknown type {certificateType}");
        }

        reader.Bytes(); // key id
        var principals = new List<string>();
        var principalReader = new SshWireReader(reader.Bytes());
        while (!principalReader.AtEnd)
        {
            principals.Add(principalReader.Text());
        }

        var validAfter = reader.UInt64();
        var validBefore = reader.UInt64();
        var critical = reader.Bytes();
        reader.Bytes(); // extensions
        reader.Bytes(); // reserved
        var authority = SshPublicKey.Parse(reader.Bytes());
        if (authority.IsCertificate)
        {
            throw new FormatException("a certificate signed by a certificate (a CA key must be a plain key)");
        }

        var signed = blob[..reader.Position];
        var signature = reader.Bytes();
        reader.End();
        return new SshCertificate(certificateType, principals, validAfter, validBefore, critical, authority, signature, signed);
    }
}
