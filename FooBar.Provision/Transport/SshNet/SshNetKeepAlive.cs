using FooBar.Provision.Inventory;
using Renci.SshNet.Common;

namespace FooBar.Provision.Transport.SshNet;

/// <summary>
/// OpenSSH's <c>ServerAliveInterval</c>/<c>ServerAliveCountMax</c> for an SSH.NET connection: while a command runs and the server has
/// sent nothing for <c>keepalive_interval</c> seconds, a request that the server must answer is sent; after <c>keepalive_count_max</c>
/// unanswered in a row, the connection is lost (the network or the host went silent).
/// </summary>
/// <remarks>
/// SSH.NET's own keep-alive (an <c>SSH_MSG_IGNORE</c>, set too) expects no answer, so it cannot tell a silent network. The request
/// here is opening a channel (with SSH.NET's public API, the only request that gets an answer): it runs <c>exit 0</c> and closes;
/// a server at its <c>MaxSessions</c> refuses it, which is an answer too.
/// </remarks>
internal sealed class SshNetKeepAlive : IDisposable
{
    private readonly SshNetLink _link;
    private readonly HostEntry _host;
    private readonly ITimer _timer;
    private readonly object _gate = new();
    private long _lastSignature = -1;
    private int _unanswered;
    private Task? _probe;
    private bool _activity;

    public SshNetKeepAlive(SshNetLink link, HostEntry host, TimeProvider time)
    {
        _link = link;
        _host = host;
        var interval = TimeSpan.FromSeconds(host.KeepAliveIntervalSeconds);
        _timer = time.CreateTimer(_ => Tick(), null, interval, interval);
    }

    /// <summary>A command started or ended: the server answered something.</summary>
    public void Activity()
    {
        lock (_gate)
        {
            _activity = true;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _timer.Dispose();

    private void Tick()
    {
        var running = _link.Running;
        long signature = 0;
        foreach (var command in running)
        {
            signature += command.OutputStream.Length + command.ExtendedOutputStream.Length;
        }

        lock (_gate)
        {
            var heard = _activity || signature != _lastSignature;
            _activity = false;
            _lastSignature = signature;
            if (running.Count == 0 || heard)
            {
                _unanswered = 0;
                return;
            }

            // As OpenSSH counts: each interval that ends with a keep-alive unanswered counts one; count_max of them end the connection.
            if (_probe is { IsCompleted: false })
            {
                if (++_unanswered < _host.KeepAliveCountMax)
                {
                    return;
                }
            }
            else
            {
                _probe = Task.Run(Probe);
                return;
            }
        }

        _link.MarkLost($"no answer to {_host.KeepAliveCountMax} keep-alives sent {_host.KeepAliveIntervalSeconds} s apart: the network or the host went silent");
    }

    private void Probe()
    {
        try
        {
            var command = _link.Client.CreateCommand("exit 0");
            var execution = command.ExecuteAsync();
            Answered();
            _ = execution.ContinueWith(_ => command.Dispose(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
        catch (SshException e) when (SshNetChannels.IsRefused(e))
        {
            Answered();
        }
        catch (Exception e) when (e is SshException or ObjectDisposedException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            // Not answered: the next tick counts it.
        }
    }

    private void Answered()
    {
        lock (_gate)
        {
            _unanswered = 0;
            _activity = true;
        }
    }
}
