using FooBar.Provision.Inventory;

namespace FooBar.Provision.Transport.HostKeys;

/// <summary>
/// Decides whether a host's key is trusted exactly as OpenSSH's client does (<c>StrictHostKeyChecking yes</c> or
/// <c>accept-new</c>, <c>CheckHostIP no</c>, no <c>HostKeyAlias</c>), from its known_hosts files: plain and
/// <c>[host]:port</c> names, hashed names, patterns and negations, <c>@revoked</c>, <c>@cert-authority</c>.
/// </summary>
/// <remarks>
/// The name looked up is the host's address in lower case, as <c>[address]:port</c> unless the port is 22; when nothing
/// is recorded under it, a key recorded for the bare address is accepted too (OpenSSH's "checking without port
/// identifier"). A certificate that no trusted CA vouches for is checked as its plain key, as OpenSSH does.
/// </remarks>
internal sealed partial class HostKeyVerifier
{
    private const int DefaultPort = 22;
    private readonly HostEntry _host;
    private readonly TimeProvider _time;
    private readonly KnownHostsFiles _files;
    private readonly string _name;

    /// <summary>A verifier for <paramref name="host"/>'s files and mode; <paramref name="time"/> decides certificate validity.</summary>
    public HostKeyVerifier(HostEntry host, TimeProvider? time = null)
        : this(host, time, KnownHostsFiles.For(host))
    {
    }

    /// <summary>A verifier that reads <paramref name="files"/> instead of the host's (tests).</summary>
    internal HostKeyVerifier(HostEntry host, TimeProvider? time, KnownHostsFiles files)
    {
        ArgumentNullException.ThrowIfNull(host);
        _host = host;
        _time = time ?? TimeProvider.System;
        _files = files;
        _name = HostPatterns.AsciiLower(host.Address);
    }

    /// <summary>The name known_hosts is searched for: <c>address</c> on port 22, else <c>[address]:port</c>.</summary>
    public string LookupName => NameFor(_host.Port);

    /// <summary>Decides about the key the host presented with the negotiated host key <paramref name="algorithm"/>.</summary>
    /// <param name="algorithm">The negotiated host key algorithm (<c>ssh-ed25519</c>, <c>rsa-sha2-512</c>, <c>ssh-ed25519-cert-v01@openssh.com</c>).</param>
    /// <param name="keyBlob">The key or certificate in SSH wire format.</param>
    public HostKeyDecision Check(string algorithm, byte[] keyBlob)
    {
        ArgumentNullException.ThrowIfNull(keyBlob);
        SshPublicKey key;
        try
        {
            key = SshPublicKey.Parse(keyBlob);
        }
        catch (FormatException e)
        {
            return new HostKeyDecision(HostKeyVerdict.CertificateRefused, _files, null, Reason: $"the host key cannot be read ({e.Message})");
        }

        if (SshKeyTypes.OfAlgorithm(algorithm) is not { } expected || expected.PlainType != key.PlainType || expected.Certificate != key.IsCertificate)
        {
            return new HostKeyDecision(HostKeyVerdict.CertificateRefused, _files, key, Reason: $"the key is a {key.Type}, not a key for the negotiated algorithm {algorithm}");
        }

        if (key.Certificate is { } certificate && !CertificateSignature.Verifies(certificate))
        {
            return new HostKeyDecision(HostKeyVerdict.CertificateRefused, _files, key, Reason: "the signature of its certificate authority does not verify");
        }

        var decision = Decide(key, _host.Port, quiet: false, withoutPort: false);
        return decision.Verdict == HostKeyVerdict.Unknown && _host.HostKeyChecking == HostKeyChecking.AcceptNew ? Record(decision) : decision;
    }

    private string NameFor(int port) => port is 0 or DefaultPort ? _name : $"[{_name}]:{port}";

    private List<KnownHostsEntry> Load(string name, (string Path, string Text)? current) =>
        _files.All
            .SelectMany(path => current is { } file && file.Path == path ? KnownHostsParser.Parse(path, file.Text) : KnownHostsParser.ReadFile(path))
            .Where(entry => HostPatterns.Matches(entry.Hosts, name))
            .ToList();
}
