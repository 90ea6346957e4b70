namespace FooBar.Provision.Transport.SshNet;

/// <summary>How <see cref="SshNetConnectionFactory"/> connects with SSH.NET, in process.</summary>
public sealed record SshNetOptions
{
    /// <summary>Commands run at once on one host's connection, each on its own channel. Default 10, sshd's <c>MaxSessions</c>.</summary>
    /// <remarks>A server that allows fewer refuses a channel: the command waits and tries again, within its deadline.</remarks>
    public int MaxChannels { get; init; } = 10;

    /// <summary>Tries to open a host's connection when it fails in a way that may pass (refused, reset, closed during the handshake). Default 3.</summary>
    /// <remarks>Only opening the connection is tried again, before any command: a command is never sent twice. A timeout is not tried again.</remarks>
    public int ConnectAttempts { get; init; } = 3;

    /// <summary>The wait before the second try to connect; it doubles for each further try (with jitter). Default 1 second.</summary>
    public TimeSpan ConnectRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Called with each script sent to a host, before it is sent; null for none.</summary>
    /// <remarks>Scripts never contain secrets by contract (secrets travel on stdin), yet mask them before printing anyway.</remarks>
    public Action<string>? CommandLog { get; init; }

    /// <summary>The clock for deadlines, keep-alives and connect retries.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Called with the address and port just before a socket is opened towards them (tests: proves what is never connected to).</summary>
    internal Action<string, int>? Connecting { get; init; }
}
