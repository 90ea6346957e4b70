namespace FooBar.Provision.Transport.SshNet.Config;

/// <summary>The ssh_config keywords the SSH.NET transport accepts in a block that applies to a host, and why.</summary>
internal static class SshConfigKeywords
{
    /// <summary>Keywords whose values the transport applies (when the inventory did not set the same thing).</summary>
    public static readonly IReadOnlySet<string> Applied = new HashSet<string>(StringComparer.Ordinal)
    {
        "hostname", "user", "port", "identityfile", "proxyjump", "userknownhostsfile", "identitiesonly",
    };

    /// <summary>
    /// Keywords accepted and ignored because both transports already behave as any value would make them: the inventory
    /// sets them (the OpenSSH transport passes them with <c>-o</c>, which wins over the file), or they only concern what
    /// neither transport does (prompts, adding keys to an agent).
    /// </summary>
    public static readonly IReadOnlySet<string> Ignored = new HashSet<string>(StringComparer.Ordinal)
    {
        "serveraliveinterval", "serveralivecountmax", "connecttimeout", "stricthostkeychecking", "batchmode", "loglevel",
        "controlmaster", "controlpath", "controlpersist", "passwordauthentication", "kbdinteractiveauthentication",
        "challengeresponseauthentication", "addkeystoagent", "usekeychain",
    };

    /// <summary>Keywords accepted only with the value SSH.NET behaves like (<c>ForwardAgent no</c>: it never forwards the agent).</summary>
    public static readonly IReadOnlyDictionary<string, string> OnlyWithValue = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["forwardagent"] = "no",
        ["forwardx11"] = "no",
        ["gssapiauthentication"] = "no",
        ["pubkeyauthentication"] = "yes",
    };
}
