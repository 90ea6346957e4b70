using FooBar.Provision.Variables;

namespace FooBar.Provision.Inventory;

/// <summary>One host of an inventory, with its effective roles and variables.</summary>
/// <param name="Name">The inventory name (unique).</param>
/// <param name="Address">DNS name or IP address to connect to.</param>
public sealed record HostEntry(string Name, string Address)
{
    /// <summary>SSH port.</summary>
    public int Port { get; init; } = 22;

    /// <summary>Remote user; null means the SSH client's default.</summary>
    public string? User { get; init; }

    /// <summary>Private key file, or null for the SSH client's defaults and agent.</summary>
    public string? IdentityFile { get; init; }

    /// <summary>The passphrase of <see cref="IdentityFile"/> (a secret), or null for a key without one.</summary>
    /// <remarks>Only the SSH.NET transport uses it; OpenSSH runs in batch mode and cannot be given a passphrase (use its agent).</remarks>
    public SecretValue? IdentityPassphrase { get; init; }

    /// <summary>How the host is reached: <c>transport:</c> of the host, else of its groups, else of the inventory, unless <c>--transport</c> overrides it.</summary>
    public TransportKind Transport { get; init; } = TransportKind.SshNet;

    /// <summary>The SSH key exchange algorithms offered, in order of preference (<c>kex_algorithms:</c> of the host, else of its groups, else of the inventory); empty for the transport's default.</summary>
    /// <remarks>
    /// The default of both transports puts a post-quantum hybrid first (<c>mlkem768x25519-sha256</c>, then
    /// <c>sntrup761x25519-sha512</c>). A list without one trades that protection of recorded sessions for a cheaper
    /// handshake: the inventory's author decides (docs/transport.md, "Key exchange").
    /// </remarks>
    public IReadOnlyList<string> KexAlgorithms { get; init; } = [];

    /// <summary>known_hosts file to check the host key against, or null for the user's.</summary>
    public string? KnownHostsFile { get; init; }

    /// <summary>How the host key is checked.</summary>
    public HostKeyChecking HostKeyChecking { get; init; } = HostKeyChecking.Strict;

    /// <summary>Run commands as root through sudo.</summary>
    public bool Become { get; init; }

    /// <summary>The sudo password (fed on stdin), or null for passwordless sudo (<c>sudo -n</c>).</summary>
    public SecretValue? BecomePassword { get; init; }

    /// <summary>Seconds to wait for the SSH connection.</summary>
    public int ConnectTimeoutSeconds { get; init; } = 10;

    /// <summary>Seconds between keep-alive requests on an idle connection (<c>ServerAliveInterval</c>).</summary>
    /// <remarks>A silent network fails the host after <see cref="KeepAliveIntervalSeconds"/> × <see cref="KeepAliveCountMax"/> seconds without an answer.</remarks>
    public int KeepAliveIntervalSeconds { get; init; } = 5;

    /// <summary>Keep-alive requests left unanswered before the connection is given up (<c>ServerAliveCountMax</c>).</summary>
    public int KeepAliveCountMax { get; init; } = 3;

    /// <summary>Seconds a command may run, unless the command asks for longer (a package install does).</summary>
    public int CommandTimeoutSeconds { get; init; } = 600;

    /// <summary>Seconds to wait for another process (unattended-upgrades, a manual apt) to release the package manager's locks.</summary>
    public int AptLockTimeoutSeconds { get; init; } = 120;

    /// <summary>The groups the host belongs to, in inventory order.</summary>
    public IReadOnlyList<string> Groups { get; init; } = [];

    /// <summary>The roles to apply, in order (group roles first, then the host's own; no duplicates).</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>Variables after precedence: inventory vars &lt; group vars &lt; host vars &lt; --var (role defaults are below all, added by the engine).</summary>
    public VariableSet Variables { get; init; } = VariableSet.Empty;

    /// <summary>Where each effective variable's value was written, by path (<c>name</c>, <c>name[0]</c>, <c>name[0].key</c>).</summary>
    /// <remarks>A <c>--var</c> value's location is <c>--var NAME</c> with line 0. Role defaults have no entry.</remarks>
    public IReadOnlyDictionary<string, SourceLocation> VariableLocations { get; init; } = new Dictionary<string, SourceLocation>();

    /// <summary>Where the host is declared.</summary>
    public SourceLocation? Location { get; init; }

    /// <summary>The jump hosts (ProxyJump) the connection goes through, first hop first; empty to connect directly.</summary>
    /// <remarks>Only the SSH.NET transport reads it; for <c>transport: openssh</c> use ProxyJump in <c>~/.ssh/config</c>.</remarks>
    public IReadOnlyList<JumpHost> Jump { get; init; } = [];

    /// <summary>Whether <see cref="Port"/> was written in the inventory (else a <c>Port</c> from <c>~/.ssh/config</c> may apply).</summary>
    internal bool PortGiven { get; init; }

    /// <summary>Whether <c>jump:</c> was written for the host, its group or the inventory (<c>jump: none</c> too), so ProxyJump from <c>~/.ssh/config</c> does not apply.</summary>
    internal bool JumpGiven { get; init; }

    /// <summary><c>IdentitiesOnly yes</c> from <c>~/.ssh/config</c>: offer no agent key besides the identity file.</summary>
    internal bool IdentitiesOnly { get; init; }
}
