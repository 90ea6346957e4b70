using FooBar.Provision.Inventory;
using FooBar.Provision.Transport.SshNet;

namespace FooBar.Provision.Transport;

/// <summary>Opens each host with the transport it names (<see cref="HostEntry.Transport"/>): SSH.NET in process, or the system OpenSSH client.</summary>
/// <remarks>
/// Each transport's factory is created when its first host is opened (so a run with SSH.NET only creates no OpenSSH control
/// directory) and disposed with this one.
/// </remarks>
public sealed class TransportConnectionFactory : IConnectionFactory, IAsyncDisposable
{
    private readonly SshNetOptions? _sshNetOptions;
    private readonly OpenSshOptions? _openSshOptions;
    private readonly object _gate = new();
    private SshNetConnectionFactory? _sshNet;
    private OpenSshConnectionFactory? _openSsh;
    private bool _disposed;

    /// <summary>Creates the factory; <paramref name="sshNet"/> and <paramref name="openSsh"/> configure each transport (null: defaults).</summary>
    public TransportConnectionFactory(SshNetOptions? sshNet = null, OpenSshOptions? openSsh = null)
    {
        _sshNetOptions = sshNet;
        _openSshOptions = openSsh;
    }

    /// <inheritdoc />
    public IHostConnection Open(HostEntry host)
    {
        ArgumentNullException.ThrowIfNull(host);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return host.Transport == TransportKind.OpenSsh
                ? (_openSsh ??= new OpenSshConnectionFactory(_openSshOptions)).Open(host)
                : (_sshNet ??= new SshNetConnectionFactory(_sshNetOptions)).Open(host);
        }
    }

    /// <summary>Closes every connection of both transports and deletes OpenSSH's control directory.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        if (_sshNet is { } sshNet)
        {
            await sshNet.DisposeAsync().ConfigureAwait(false);
        }

        if (_openSsh is { } openSsh)
        {
            await openSsh.DisposeAsync().ConfigureAwait(false);
        }
    }
}
