namespace FooBar.Provision.Transport;

/// <summary>How <see cref="OpenSshConnectionFactory"/> runs the system OpenSSH client.</summary>
public sealed record OpenSshOptions
{
    /// <summary>The <c>ssh</c> executable: a name looked up on PATH, or a full path. Default <c>ssh</c>.</summary>
    public string SshExecutable { get; init; } = "ssh";

    /// <summary>Seconds an idle master connection stays up after the last command (<c>ControlPersist</c>); 0 closes it a second after its last command. Default 60.</summary>
    public int ControlPersistSeconds { get; init; } = 60;

    /// <summary>Tries to open a host's master connection when it fails in a way that may pass (refused, reset, closed during the handshake). Default 3.</summary>
    /// <remarks>
    /// Only opening the master is ever tried again: it runs no command (<c>ssh -N</c>), so trying again cannot run anything
    /// twice. A command is never sent twice. A timeout is not tried again: it already took the whole connect timeout.
    /// </remarks>
    public int ConnectAttempts { get; init; } = 3;

    /// <summary>The wait before the second try to connect; it doubles for each further try (with jitter). Default 1 second.</summary>
    public TimeSpan ConnectRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Directory for the master connections' control sockets, or null for a fresh private temporary directory.</summary>
    /// <remarks>
    /// The default directory is created with mode 700 and deleted when the factory is disposed. A directory given here is
    /// used as is and kept: it must be private (anyone who can open a control socket can run commands on the host).
    /// </remarks>
    public string? ControlDirectory { get; init; }

    /// <summary>Use one master connection per host (<c>ControlMaster</c>). Default true, except on Windows, whose OpenSSH lacks it.</summary>
    public bool Multiplexing { get; init; } = !OperatingSystem.IsWindows();

    /// <summary>The ssh configuration file given to every <c>ssh</c> as <c>-F</c>; <c>none</c> reads no file; null (the default) lets ssh read <c>~/.ssh/config</c> and <c>/etc/ssh/ssh_config</c>.</summary>
    /// <remarks><c>provision</c> sets it from <c>FOOBAR_SSH_CONFIG</c>, the variable the SSH.NET transport's reader takes too, so both read one file.</remarks>
    public string? ConfigFile { get; init; }

    /// <summary>Called with each script sent to a host, before it is sent; null for none.</summary>
    /// <remarks>Scripts never contain secrets by contract (secrets travel on stdin), yet mask them before printing anyway.</remarks>
    public Action<string>? CommandLog { get; init; }

    /// <summary>The clock for command timeouts.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
