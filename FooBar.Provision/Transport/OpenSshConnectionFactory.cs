using FooBar.Provision.Inventory;

namespace FooBar.Provision.Transport;

/// <summary>Opens hosts through the system OpenSSH client (<c>ssh</c>), one master connection per host.</summary>
/// <remarks>
/// Each command is one <c>ssh</c> process; the first to a host opens a master connection (<c>ControlMaster</c>)
/// that later commands reuse, so only the first pays for the TCP and SSH handshakes. <c>ssh</c> honours the
/// user's <c>~/.ssh/config</c>, agent, ProxyJump and certificates. Host keys are always checked
/// (<c>StrictHostKeyChecking=yes</c>, or <c>accept-new</c> when the host asks for it). Dispose the factory to close
/// every master and delete the control directory it created.
/// </remarks>
public sealed class OpenSshConnectionFactory : IConnectionFactory, IAsyncDisposable
{
    private readonly OpenSshOptions _options;
    private readonly bool _ownsControlDirectory;
    private readonly List<OpenSshConnection> _connections = [];
    private readonly object _gate = new();
    private bool _disposed;

    /// <summary>Creates the factory and, unless <see cref="OpenSshOptions.ControlDirectory"/> is set, a private control directory.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public OpenSshConnectionFactory(OpenSshOptions? options = null)
    {
        _options = options ?? new OpenSshOptions();
        ArgumentException.ThrowIfNullOrWhiteSpace(_options.SshExecutable, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(_options.ControlPersistSeconds, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_options.DefaultCommandTimeout, TimeSpan.Zero, nameof(options));
        ArgumentNullException.ThrowIfNull(_options.TimeProvider, nameof(options));
        _ownsControlDirectory = _options.ControlDirectory is null;
        ControlDirectory = _options.ControlDirectory ?? ControlDirectories.CreatePrivate();
    }

    /// <summary>The directory that holds the master connections' control sockets.</summary>
    public string ControlDirectory { get; }

    /// <inheritdoc />
    /// <remarks>Nothing is contacted until the first command. Hosts with the same address, port and user share one master.</remarks>
    public IHostConnection Open(HostEntry host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (string.IsNullOrWhiteSpace(host.Address) || host.Address.StartsWith('-'))
        {
            throw new ArgumentException($"Host {host.Name} has an invalid address '{host.Address}'.", nameof(host));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(host.Port, nameof(host));
        var connection = new OpenSshConnection(host, _options, ControlDirectory);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _connections.Add(connection);
        }

        return connection;
    }

    /// <summary>Closes every master connection (<c>ssh -O exit</c>) and deletes the control directory the factory created.</summary>
    public async ValueTask DisposeAsync()
    {
        OpenSshConnection[] connections;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            connections = [.. _connections];
            _connections.Clear();
        }

        await Task.WhenAll(connections.Select(connection => connection.DisposeAsync().AsTask())).ConfigureAwait(false);
        if (_ownsControlDirectory)
        {
            ControlDirectories.Delete(ControlDirectory);
        }
    }
}
