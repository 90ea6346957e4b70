using FooBar.Provision.Inventory;
using Polly;

namespace FooBar.Provision.Transport.SshNet;

/// <summary>Opens hosts with SSH.NET, in process: no <c>ssh</c> executable, no control sockets, the same on Linux, macOS and Windows.</summary>
/// <remarks>
/// Each connection is one SSH connection, opened before its first command (only that opening is tried again after a failure
/// that may pass); commands run on its channels. Host keys are checked against known_hosts as OpenSSH decides
/// (<c>host_key_checking</c>). Dispose the factory to close every connection it opened that is still open.
/// </remarks>
public sealed class SshNetConnectionFactory : IConnectionFactory, IAsyncDisposable
{
    private readonly SshNetOptions _options;
    private readonly ResiliencePipeline _connectPipeline;
    private readonly HashSet<SshNetConnection> _open = [];
    private readonly object _gate = new();
    private bool _disposed;

    /// <summary>Creates the factory.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public SshNetConnectionFactory(SshNetOptions? options = null)
    {
        _options = options ?? new SshNetOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxChannels, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.ConnectAttempts, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.ConnectRetryDelay, TimeSpan.Zero, nameof(options));
        ArgumentNullException.ThrowIfNull(_options.TimeProvider, nameof(options));
        _connectPipeline = ConnectRetry.Pipeline(_options.ConnectAttempts, _options.ConnectRetryDelay, _options.TimeProvider);
    }

    /// <inheritdoc />
    /// <remarks>Nothing is contacted until the first command. Each call opens its own SSH connection, closed when the connection is disposed.</remarks>
    public IHostConnection Open(HostEntry host)
    {
        ConnectRetry.ThrowIfUnusable(host);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var connection = new SshNetConnection(host, _options, _connectPipeline, Forget);
            _open.Add(connection);
            return connection;
        }
    }

    /// <summary>Closes every connection still open.</summary>
    public async ValueTask DisposeAsync()
    {
        SshNetConnection[] open;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            open = [.. _open];
        }

        await Task.WhenAll(open.Select(connection => connection.DisposeAsync().AsTask())).ConfigureAwait(false);
    }

    private void Forget(SshNetConnection connection)
    {
        lock (_gate)
        {
            _open.Remove(connection);
        }
    }
}
