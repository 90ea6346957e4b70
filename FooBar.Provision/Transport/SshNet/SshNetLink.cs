using System.Collections.Concurrent;
using FooBar.Provision.Inventory;
using Renci.SshNet;

namespace FooBar.Provision.Transport.SshNet;

/// <summary>One live SSH connection of a host: the client, whether (and why) it was lost, the commands running on it, its keep-alives.</summary>
/// <remarks>
/// Once lost (SSH.NET reported an error, or keep-alives went unanswered) a link is never used again: the next command opens a
/// new one, and the commands that were running on it fail as a lost connection.
/// </remarks>
internal sealed class SshNetLink : IDisposable
{
    private readonly CancellationTokenSource _lost = new();
    private readonly ConcurrentDictionary<SshCommand, byte> _running = new();
    private readonly SshNetKeepAlive _keepAlive;
    private readonly object _gate = new();
    private readonly IDisposable? _hops;
    private string? _lostReason;
    private int _disposed;

    public SshNetLink(SshClient client, HostEntry host, TimeProvider time, IDisposable? hops = null)
    {
        _hops = hops;
        Client = client;
        client.ErrorOccurred += (_, e) => MarkLost(Describe(e.Exception));
        _keepAlive = new SshNetKeepAlive(this, host, time);
    }

    /// <summary>The connected client.</summary>
    public SshClient Client { get; }

    /// <summary>Cancelled when the link is lost.</summary>
    public CancellationToken LostToken => _lost.Token;

    /// <summary>Why the link was lost, or null while it is up.</summary>
    public string? LostReason
    {
        get
        {
            lock (_gate)
            {
                return _lostReason;
            }
        }
    }

    /// <summary>True while commands may be started on it.</summary>
    public bool IsUsable => LostReason is null && Volatile.Read(ref _disposed) == 0 && Client.IsConnected;

    /// <summary>The commands running now (their output buffers show whether the server still sends).</summary>
    public ICollection<SshCommand> Running => _running.Keys;

    /// <summary>Records a command as running (until <see cref="Finished"/>).</summary>
    public void Started(SshCommand command)
    {
        _running[command] = 0;
        _keepAlive.Activity();
    }

    /// <summary>Records that a command ended (its channel closed: the server answered).</summary>
    public void Finished(SshCommand command)
    {
        _running.TryRemove(command, out _);
        _keepAlive.Activity();
    }

    /// <summary>Marks the link lost for <paramref name="reason"/> (the first reason wins) and fails the commands running on it.</summary>
    public void MarkLost(string reason)
    {
        lock (_gate)
        {
            if (_lostReason is not null)
            {
                return;
            }

            _lostReason = reason;
        }

        try
        {
            _lost.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Disposed meanwhile: nothing is waiting.
        }
    }

    /// <summary>Closes the connection in the background (a client's disconnect may wait on a dead network) and stops the keep-alives.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _keepAlive.Dispose();
        MarkLost("the connection was closed");
        _ = Task.Run(() =>
        {
            try
            {
                Client.Dispose();
                _hops?.Dispose();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Closing is best effort: the server ends the session when the socket goes.
            }
        });
    }

    /// <summary>Closes the connection and waits (at most <paramref name="wait"/>) until it is closed, so the host's sshd session ends.</summary>
    public async Task CloseAsync(TimeSpan wait)
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _keepAlive.Dispose();
        MarkLost("the connection was closed");
        var closing = Task.Run(() =>
        {
            // The host's client first: the jump hosts' tunnels then have no channel left to wait for.
            Client.Dispose();
            _hops?.Dispose();
        });
        try
        {
            await closing.WaitAsync(wait).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Best effort, bounded: the server ends the session when the socket goes.
        }
    }

    private static string Describe(Exception e) => e.Message.TrimEnd('.');
}
