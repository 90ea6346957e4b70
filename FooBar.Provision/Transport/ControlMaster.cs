using System.Security.Cryptography;
using System.Text;
using FooBar.Provision.Inventory;

namespace FooBar.Provision.Transport;

/// <summary>
/// The master connection (<c>ControlMaster</c>) of one inventory host: opened once, shared by every connection of the
/// factory to that host, closed when the last of them is disposed (or with the factory).
/// </summary>
/// <remarks>
/// Each inventory host has its own control socket, even when several share an address, port and user: one host's
/// end can never close the connection another host is using.
/// </remarks>
internal sealed class ControlMaster : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _references;
    private bool _up;
    private bool _disposed;

    private ControlMaster(string socketPath)
    {
        SocketPath = socketPath;
        LogPath = socketPath + ".log";
    }

    /// <summary>The control socket.</summary>
    public string SocketPath { get; }

    /// <summary>Where the master writes its messages (<c>ssh -E</c>): why it failed to open, or why it ended.</summary>
    public string LogPath { get; }

    /// <summary>True after the master was opened and until it is closed or found gone.</summary>
    public bool IsUp => Volatile.Read(ref _up) && File.Exists(SocketPath);

    /// <summary>The master for <paramref name="host"/> in <paramref name="directory"/>: a short name derived from the host's name and connection settings.</summary>
    public static ControlMaster For(string directory, HostEntry host)
    {
        var identity = string.Join('\0', host.Name, host.Address, host.Port, host.User, host.IdentityFile, host.KnownHostsFile, host.HostKeyChecking);
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..16].ToLowerInvariant();
        return new ControlMaster(Path.Combine(directory, hash));
    }

    /// <summary>One more connection uses this master.</summary>
    public void AddReference() => Interlocked.Increment(ref _references);

    /// <summary>One connection is done with it; true when it was the last.</summary>
    public bool ReleaseReference() => Interlocked.Decrement(ref _references) <= 0;

    /// <summary>Forgets that the master is up (it was found gone), so the next command opens a new one.</summary>
    public void MarkDown() => Volatile.Write(ref _up, false);

    /// <summary>Runs <paramref name="open"/> unless the master is up; concurrent callers wait for one opening.</summary>
    public async Task EnsureUpAsync(Func<CancellationToken, Task> open, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed), this);
        if (IsUp)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!IsUp)
            {
                await open(cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _up, true);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    /// <remarks>Called by the factory after closing it; the connections that used it then throw <see cref="ObjectDisposedException"/>.</remarks>
    public void Dispose()
    {
        Volatile.Write(ref _disposed, true);
        _gate.Dispose();
    }

    /// <summary>Runs <paramref name="close"/> when the master is up and, unless <paramref name="force"/>, no connection uses it any more.</summary>
    /// <remarks>
    /// A master whose opening was cancelled (Ctrl+C, SIGTERM) may be up without having been marked so: ssh binds its socket
    /// before <c>ssh -f</c> returns. Its socket is what tells, so it is closed too.
    /// </remarks>
    public async Task CloseAsync(Func<Task> close, bool force)
    {
        if (Volatile.Read(ref _disposed))
        {
            return;
        }

        try
        {
            await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            return; // the factory closed it meanwhile
        }

        try
        {
            if ((Volatile.Read(ref _up) || File.Exists(SocketPath)) && (force || Volatile.Read(ref _references) <= 0))
            {
                Volatile.Write(ref _up, false);
                await close().ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
