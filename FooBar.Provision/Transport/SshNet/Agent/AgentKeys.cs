namespace FooBar.Provision.Transport.SshNet.Agent;

/// <summary>
/// What the user's ssh-agent offers for one connection: its keys (as SSH.NET key sources) and a sentence that says
/// what was found, for the message of a refused authentication.
/// </summary>
/// <remarks>
/// Like OpenSSH, a missing agent (no <c>SSH_AUTH_SOCK</c>), a dead socket or an agent that answers nonsense is not
/// an error: its keys are simply not offered. Only when no key at all is accepted does <see cref="State"/> reach the
/// user, in the authentication failure.
/// </remarks>
internal sealed record AgentKeys(IReadOnlyList<AgentKeySource> Sources, string State)
{
    /// <summary>The time one request to the agent may take.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>No agent was asked.</summary>
    public static AgentKeys None(string why) => new([], why);

    /// <summary>Asks the agent named by <c>SSH_AUTH_SOCK</c> in <paramref name="environment"/> for its keys.</summary>
    public static AgentKeys Load(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var socket = environment(SshAgentClient.SocketVariable);
        return string.IsNullOrWhiteSpace(socket)
            ? None("no ssh-agent (SSH_AUTH_SOCK is not set)")
            : Load(new SshAgentClient(socket, Timeout));
    }

    /// <summary>Asks <paramref name="agent"/> for its keys.</summary>
    public static AgentKeys Load(SshAgentClient agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        IReadOnlyList<AgentIdentity> identities;
        try
        {
            identities = agent.ListIdentities();
        }
        catch (AgentException e)
        {
            return None($"the ssh-agent of SSH_AUTH_SOCK could not be used ({e.Message})");
        }

        var offered = identities.Where(i => AgentKeySource.Offerable(i.KeyType)).Select(i => new AgentKeySource(agent, i)).ToArray();
        var skipped = identities.Count - offered.Length;
        var state = identities.Count == 0
            ? $"the ssh-agent at {agent.SocketPath} holds no keys (ssh-add adds one)"
            : $"the ssh-agent at {agent.SocketPath} offered {Keys(offered.Length)}{Names(offered)}"
              + (skipped > 0 ? $"; {Keys(skipped)} of FIDO type (sk-…) left to transport: openssh" : "");
        return new AgentKeys(offered, state);
    }

    private static string Keys(int count) => count == 1 ? "1 key" : $"{count} keys";

    private static string Names(IReadOnlyList<AgentKeySource> sources) => sources.Count == 0
        ? ""
        : " (" + string.Join(", ", sources.Take(5).Select(s => $"{s.Identity.KeyType} {Printable(s.Identity.Comment)}".Trim())) + (sources.Count > 5 ? ", …" : "") + ")";

    // A comment is whatever ssh-add was given: never let it drive the terminal.
    private static string Printable(string text) => FooBar.Provision.Inventory.Printable.Escape(text.Length > 80 ? text[..80] + "…" : text);
}
