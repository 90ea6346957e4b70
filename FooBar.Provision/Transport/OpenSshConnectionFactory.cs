using FooBar.Provision.Inventory;
using Polly;

namespace FooBar.Provision.Transport;

/// <summary>Opens hosts through the system OpenSSH client (<c>ssh</c>), one master connection per inventory host.</summary>
/// <remarks>
/// Each command is one <c>ssh</c> process over the host's master connection (<c>ControlMaster</c>), opened before the
/// first command by <c>ssh -f -N</c>, which runs nothing: only that opening is tried again after a failure that may pass.
/// <c>ssh</c> honours the user's <c>~/.ssh/config</c>, agent, ProxyJump and certificates. Host keys are always checked
/// (<c>StrictHostKeyChecking=yes</c>, or <c>accept-new</c> when the host asks for it). Dispose the factory to close
/// every master and delete the control directory it created.
/// </remarks>
public sealed class OpenSshConnectionFactory : IConnectionFactory, IAsyncDisposable
{
    private readonly OpenSshOptions _options;
    private readonly bool _ownsControlDirectory;
    private readonly Dictionary<string, (HostEntry Host, ControlMaster Master)> _masters = new(StringComparer.Ordinal);
    private readonly ResiliencePipeline _connectPipeline;
    private readonly object _gate = new();
    private bool _disposed;

    /// <summary>Creates the factory and, unless <see cref="OpenSshOptions.ControlDirectory"/> is set, a private control directory.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public OpenSshConnectionFactory(OpenSshOptions? options = null)
    {
        _options = options ?? new OpenSshOptions();
        ArgumentException.ThrowIfNullOrWhiteSpace(_options.SshExecutable, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(_options.ControlPersistSeconds, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.ConnectAttempts, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.ConnectRetryDelay, TimeSpan.Zero, nameof(options));
        ArgumentNullException.ThrowIfNull(_options.TimeProvider, nameof(options));
        _connectPipeline = ConnectRetry.Pipeline(_options.ConnectAttempts, _options.ConnectRetryDelay, _options.TimeProvider);
        _ownsControlDirectory = _options.ControlDirectory is null;
        ControlDirectory = _options.ControlDirectory ?? ControlDirectories.CreatePrivate(_options.SshExecutable);
    }

    /// <summary>The directory that holds the master connections' control sockets.</summary>
    public string ControlDirectory { get; }

    /// <inheritdoc />
    /// <remarks>
    /// Nothing is contacted until the first command. Connections to the same inventory host share one master, which
    /// closes when the last of them is disposed; hosts that only share an address, port and user do not share it.
    /// </remarks>
    public IHostConnection Open(HostEntry host)
    {
        ConnectRetry.ThrowIfUnusable(host);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            ControlMaster? master = null;
            if (_options.Multiplexing)
            {
                var candidate = ControlMaster.For(ControlDirectory, host);
                if (!_masters.TryGetValue(candidate.SocketPath, out var entry))
                {
                    entry = (host, candidate);
                    _masters.Add(candidate.SocketPath, entry);
                }

                master = entry.Master;
            }

            return new OpenSshConnection(host, _options, master, _connectPipeline);
        }
    }

    /// <summary>Closes every master connection (<c>ssh -O exit</c>) and deletes the control directory the factory created.</summary>
    public async ValueTask DisposeAsync()
    {
        (HostEntry Host, ControlMaster Master)[] masters;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            masters = [.. _masters.Values];
        }

        await Task.WhenAll(masters.Select(m => m.Master.CloseAsync(() => OpenSshConnection.ExitMasterAsync(m.Host, _options, m.Master), force: true))).ConfigureAwait(false);
        foreach (var (_, master) in masters)
        {
            master.Dispose();
        }

        if (_ownsControlDirectory)
        {
            ControlDirectories.Delete(ControlDirectory);
        }
    }
}
