namespace FooBar.Provision.Transport;

/// <summary>The SSH key exchange algorithms a host's <c>kex_algorithms:</c> may name, and which of them resist a quantum computer.</summary>
/// <remarks>
/// Both transports know these names (OpenSSH from 9.9 for <c>mlkem768x25519-sha256</c> and the short name of sntrup761; an
/// older <c>ssh</c> refuses a name it lacks: <c>ssh -Q kex</c> lists its own). The SHA-1 exchanges are refused: OpenSSH
/// dropped them from its defaults years ago, and a list that needs them would weaken every session of the host.
/// </remarks>
internal static class KeyExchangeNames
{
    /// <summary>The names that may be listed, in the order the SSH.NET transport prefers them by default.</summary>
    public static IReadOnlyList<string> Allowed { get; } =
    [
        "mlkem768x25519-sha256", "sntrup761x25519-sha512", "sntrup761x25519-sha512@openssh.com",
        "curve25519-sha256", "curve25519-sha256@libssh.org",
        "ecdh-sha2-nistp256", "ecdh-sha2-nistp384", "ecdh-sha2-nistp521",
        "diffie-hellman-group-exchange-sha256", "diffie-hellman-group16-sha512", "diffie-hellman-group18-sha512", "diffie-hellman-group14-sha256",
    ];

    /// <summary>Names SSH implementations know that are refused, with the reason.</summary>
    public static IReadOnlyDictionary<string, string> Refused { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["diffie-hellman-group-exchange-sha1"] = "a SHA-1 key exchange",
        ["diffie-hellman-group14-sha1"] = "a SHA-1 key exchange",
        ["diffie-hellman-group1-sha1"] = "a SHA-1 key exchange over a 1024-bit group",
    };

    /// <summary>The hybrid exchanges that protect recorded sessions against a future quantum computer.</summary>
    public static IReadOnlySet<string> PostQuantum { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "mlkem768x25519-sha256", "sntrup761x25519-sha512", "sntrup761x25519-sha512@openssh.com",
    };
}
