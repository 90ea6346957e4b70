namespace FooBar.Provision.Inventory;

/// <summary>What an identity file holds (<see cref="IdentityFiles"/>).</summary>
internal enum IdentityFileKind
{
    /// <summary>A private key (OpenSSH, PEM, SSH2 or PuTTY format), or a file that could not be read to tell.</summary>
    PrivateKey,

    /// <summary>A public key or a certificate: the system ssh takes it to pick the ssh-agent's key; SSH.NET cannot log in with it.</summary>
    PublicKey,

    /// <summary>Neither: an empty file, a known_hosts, a config, text.</summary>
    NotAKey,
}
