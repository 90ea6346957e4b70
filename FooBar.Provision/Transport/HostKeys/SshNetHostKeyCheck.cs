using System.Security.Cryptography;
using Renci.SshNet;
using Renci.SshNet.Common;
using Renci.SshNet.Security;
using Renci.SshNet.Security.Cryptography;

namespace FooBar.Provision.Transport.HostKeys;

/// <summary>
/// Hooks a <see cref="HostKeyVerifier"/> into one SSH.NET connection: <see cref="Configure"/> offers the host key
/// algorithms in OpenSSH's order, and <see cref="OnHostKeyReceived"/> (for <c>HostKeyReceived</c>) decides.
/// </summary>
/// <remarks>
/// SSH.NET checks a host certificate's validity window and CA signature itself and refuses an invalid one before
/// <c>HostKeyReceived</c> is raised, where OpenSSH would go on to check the certified key as a plain key. So the
/// certificate algorithms are registered with a plain host algorithm for the certified key (SSH.NET still verifies the
/// server's signature of the key exchange with it), and the certificate itself is decided by the verifier, as OpenSSH does.
/// One instance serves one connection (its key exchanges, re-keying included).
/// </remarks>
internal sealed class SshNetHostKeyCheck(HostKeyVerifier verifier)
{
    private byte[]? _certificate;

    /// <summary>The last decision, or null before the server's key was seen.</summary>
    public HostKeyDecision? Decision { get; private set; }

    /// <summary>Orders <paramref name="info"/>'s host key algorithms (see <see cref="HostKeyVerifier.OrderAlgorithms"/>) and takes over certificate checking.</summary>
    public void Configure(ConnectionInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var algorithms = info.HostKeyAlgorithms;
        var ordered = verifier.OrderAlgorithms([.. algorithms.Keys])
            .Where(algorithms.ContainsKey)
            .Select(name => KeyValuePair.Create(name, Wrap(name, algorithms[name])))
            .ToList();
        algorithms.Clear();
        foreach (var (name, factory) in ordered)
        {
            algorithms.Add(name, factory);
        }
    }

    /// <summary>The handler for SSH.NET's <c>HostKeyReceived</c>: decides, and trusts the key only when the decision does.</summary>
    public void OnHostKeyReceived(object? sender, HostKeyEventArgs e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var blob = SshKeyTypes.OfAlgorithm(e.HostKeyName) is { Certificate: true } ? Volatile.Read(ref _certificate) ?? e.HostKey : e.HostKey;
        Decision = verifier.Check(e.HostKeyName, blob);
        e.CanTrust = Decision.Trusted;
    }

    private Func<byte[], KeyHostAlgorithm> Wrap(string name, Func<byte[], KeyHostAlgorithm> factory)
    {
        if (SshKeyTypes.OfAlgorithm(name) is not { Certificate: true })
        {
            return factory;
        }

        return data =>
        {
            Volatile.Write(ref _certificate, data);
            var key = new Certificate(data).Key;
            return name switch
            {
                _ when name.StartsWith("rsa-sha2-512", StringComparison.Ordinal) => new KeyHostAlgorithm(name, key, new RsaDigitalSignature((RsaKey)key, HashAlgorithmName.SHA512)),
                _ when name.StartsWith("rsa-sha2-256", StringComparison.Ordinal) => new KeyHostAlgorithm(name, key, new RsaDigitalSignature((RsaKey)key, HashAlgorithmName.SHA256)),
                _ => new KeyHostAlgorithm(name, key),
            };
        };
    }
}
