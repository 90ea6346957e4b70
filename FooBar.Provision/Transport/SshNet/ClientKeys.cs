using FooBar.Provision.Inventory;
using FooBar.Provision.Transport.SshNet.Agent;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace FooBar.Provision.Transport.SshNet;

/// <summary>
/// The keys offered to a server, in the order OpenSSH offers them: the host's <c>identity_file</c>, then the
/// ssh-agent's keys, then — only when no identity file is given — the default key files of <c>~/.ssh</c>.
/// </summary>
/// <remarks>
/// <para>A key is offered once: an agent key that is the identity file's, and a default file the agent already holds,
/// are skipped. With <c>IdentitiesOnly yes</c> (from <c>~/.ssh/config</c>) the agent's other keys are not offered.</para>
/// <para>One difference from OpenSSH: an identity file the agent does not hold goes first, not after the agent's keys,
/// so an agent full of unrelated keys cannot spend the server's <c>MaxAuthTries</c> before the key that was asked for.</para>
/// <para>A default key file that cannot be read or needs a passphrase is skipped, as <c>ssh -o BatchMode=yes</c>
/// does.</para>
/// </remarks>
internal sealed record ClientKeys(IReadOnlyList<IPrivateKeySource> Sources, string Description)
{
    /// <summary>The default key files, in OpenSSH's order, that SSH.NET can read (FIDO <c>_sk</c> keys are OpenSSH's).</summary>
    public static readonly IReadOnlyList<string> DefaultFileNames = ["id_rsa", "id_ecdsa", "id_ed25519"];

    /// <summary>Orders the keys for one connection.</summary>
    /// <param name="identityFile">The host's <c>identity_file</c>, loaded, or null.</param>
    /// <param name="agent">What the agent offers (<see cref="AgentKeys.None"/> when no agent is used).</param>
    /// <param name="identitiesOnly">Whether only the identity file (and the agent's copy of it) may be offered.</param>
    /// <param name="sshDirectory">The user's <c>~/.ssh</c>, for the default key files; null for none.</param>
    public static ClientKeys Order(IPrivateKeySource? identityFile, AgentKeys agent, bool identitiesOnly, string? sshDirectory)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var sources = new List<IPrivateKeySource>();
        var offered = new List<byte[]>();
        var parts = new List<string>();
        if (identityFile is not null)
        {
            sources.Add(identityFile);
            offered.Add(PublicBlob(identityFile));
            parts.Add("the identity_file");
        }

        var agentSources = agent.Sources
            .Where(s => !offered.Any(o => s.Identity.SameKey(o)))
            .Where(s => !identitiesOnly)
            .ToArray();
        sources.AddRange(agentSources);
        offered.AddRange(agentSources.Select(s => s.Identity.KeyBlob));
        parts.Add(agent.State + (identitiesOnly && agent.Sources.Count > 0 ? ", not offered because of IdentitiesOnly" : ""));

        if (identityFile is null && sshDirectory is not null)
        {
            var defaults = DefaultFiles(sshDirectory).Where(d => !offered.Any(o => o.AsSpan().SequenceEqual(d.Blob))).ToArray();
            sources.AddRange(defaults.Select(d => d.Source));
            parts.Add(defaults.Length == 0
                ? $"no default key file in {sshDirectory} could be used"
                : "the default key files " + string.Join(", ", defaults.Select(d => d.Path)));
        }

        return new ClientKeys(sources, string.Join("; ", parts));
    }

    /// <summary>The public blob a key source offers first (for RSA the <c>ssh-rsa</c> key, for a certificate the certificate).</summary>
    public static byte[] PublicBlob(IPrivateKeySource source) =>
        source.HostKeyAlgorithms.FirstOrDefault()?.Data ?? [];

    private static IEnumerable<(string Path, IPrivateKeySource Source, byte[] Blob)> DefaultFiles(string sshDirectory)
    {
        foreach (var name in DefaultFileNames)
        {
            var path = Path.Combine(sshDirectory, name);
            if (!LocalFiles.IsRegular(path))
            {
                continue;
            }

            PrivateKeyFile? key = null;
            try
            {
                key = new PrivateKeyFile(path, null, SshNetAuthentication.CertificateFor(path));
            }
            catch (Exception e) when (e is SshException or IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException or FormatException or NotSupportedException)
            {
                // Unreadable, passphrase-protected or of a type SSH.NET does not read: skipped, as ssh in batch mode does.
            }

            if (key is not null)
            {
                yield return (path, key, PublicBlob(key));
            }
        }
    }
}
