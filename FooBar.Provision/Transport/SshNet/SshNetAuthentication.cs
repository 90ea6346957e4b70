using FooBar.Provision.Inventory;
using FooBar.Provision.Transport.SshNet.Agent;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace FooBar.Provision.Transport.SshNet;

/// <summary>The keys a host's login offers, in order, and the authentication methods built from them: the one place that decides them.</summary>
/// <remarks>
/// The host's <c>identity_file</c> (decrypted with <c>identity_passphrase</c>, with its certificate <c>&lt;identity_file&gt;-cert.pub</c>
/// when that file exists), then the ssh-agent's keys (<c>SSH_AUTH_SOCK</c>), then, without an identity file, the default key
/// files OpenSSH tries: <see cref="ClientKeys"/> orders them.
/// </remarks>
internal sealed class SshNetAuthentication : IDisposable
{
    private readonly ClientKeys _keys;

    private SshNetAuthentication(ClientKeys keys) => _keys = keys;

    /// <summary>What was offered, for the message of a refused login (paths and agent state, never key material).</summary>
    public string Description => _keys.Description;

    /// <summary>The keys to offer for <paramref name="host"/>.</summary>
    /// <param name="host">The host.</param>
    /// <param name="environment">Reads <c>SSH_AUTH_SOCK</c>; null for the process environment.</param>
    /// <param name="sshDirectory">The user's <c>~/.ssh</c> for the default key files; null for the real one.</param>
    /// <exception cref="AuthenticationFailedException">The <c>identity_file</c> cannot be read or decrypted.</exception>
    public static SshNetAuthentication Load(HostEntry host, Func<string, string?>? environment = null, string? sshDirectory = null)
    {
        var identity = host.IdentityFile is { } identityFile ? LoadIdentityFile(host, identityFile) : null;
        var agent = AgentKeys.Load(environment ?? Environment.GetEnvironmentVariable);
        sshDirectory ??= Path.Join(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ssh");
        return new SshNetAuthentication(ClientKeys.Order(identity, agent, host.IdentitiesOnly, sshDirectory));
    }

    /// <summary>The authentication methods for a login as <paramref name="user"/>: public keys, else none (the server then says what it wants).</summary>
    public IReadOnlyList<AuthenticationMethod> Methods(string user) =>
        _keys.Sources.Count > 0 ? [new PrivateKeyAuthenticationMethod(user, [.. _keys.Sources])] : [new NoneAuthenticationMethod(user)];

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var key in _keys.Sources.OfType<IDisposable>())
        {
            key.Dispose();
        }
    }

    /// <summary>The certificate OpenSSH picks up for a key: the same path with <c>-cert.pub</c> appended, when it exists.</summary>
    internal static string? CertificateFor(string keyFile) => LocalFiles.IsRegular(keyFile + "-cert.pub") ? keyFile + "-cert.pub" : null;

    private static PrivateKeyFile LoadIdentityFile(HostEntry host, string path)
    {
        if (LocalFiles.Problem(path) is { } kind)
        {
            // Opening a FIFO would block in a call no deadline or Ctrl+C ends.
            throw new AuthenticationFailedException(host.Name, $"cannot read the identity_file '{path}': it {kind}", "Point identity_file at the private key file, or remove it to use the default keys (~/.ssh/id_rsa, id_ecdsa, id_ed25519).");
        }

        var passphrase = host.IdentityPassphrase?.Reveal();
        try
        {
            return new PrivateKeyFile(path, passphrase, CertificateFor(path));
        }
        catch (SshPassPhraseNullOrEmptyException)
        {
            throw new AuthenticationFailedException(
                host.Name,
                $"the identity_file '{path}' is protected by a passphrase and the host sets no identity_passphrase",
                "Set identity_passphrase: { env: NAME } or { file: PATH } for the host, or use transport: openssh with an ssh-agent that holds the key.");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new AuthenticationFailedException(host.Name, $"the identity_file '{path}' does not exist", "Fix identity_file, or remove it to use the default keys (~/.ssh/id_rsa, id_ecdsa, id_ed25519).");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AuthenticationFailedException(host.Name, $"cannot read the identity_file '{path}': {e.Message}", "Check the path and that the key is readable by the user who runs provision.");
        }
        catch (Exception e) when (e is SshException or ArgumentException or FormatException or InvalidOperationException or NotSupportedException
            or System.Security.Cryptography.CryptographicException)
        {
            var why = passphrase is null ? "it is not a private key SSH.NET can read" : "the identity_passphrase is wrong, or it is not a private key SSH.NET can read";
            throw new AuthenticationFailedException(
                host.Name,
                $"cannot use the identity_file '{path}': {why} ({e.GetType().Name})",
                "Check identity_passphrase and that the file is an OpenSSH, PEM or PuTTY private key (ed25519, ECDSA or RSA); FIDO (sk) and PKCS#11 keys need transport: openssh.");
        }
    }
}
