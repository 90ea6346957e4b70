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
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly ITimer _timer;
    private readonly object _gate = new();
    private long _lastSignature = -1;
    private long _lastHeard;
    private Task? _probe;

    public SshNetKeepAlive(SshNetLink link, HostEntry host, TimeProvider time)
    {
        _link = link;
        _host = host;
        _time = time;
        _interval = TimeSpan.FromSeconds(host.KeepAliveIntervalSeconds);
        _lastHeard = time.GetTimestamp();

        // Silence is measured from the last thing heard, not in whole intervals of a fixed schedule: a tick every quarter
        // interval keeps the moment a silent connection is given up within a quarter interval of OpenSSH's.
        var tick = TimeSpan.FromTicks(Math.Max(_interval.Ticks / 4, TimeSpan.FromMilliseconds(100).Ticks));
        _timer = time.CreateTimer(_ => Tick(), null, tick, tick);
    }

    /// <summary>A command started or ended: the server answered something.</summary>
    public void Activity() => Heard();

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
            if (running.Count == 0 || signature != _lastSignature)
            {
                _lastSignature = signature;
                _lastHeard = _time.GetTimestamp();
                return;
            }

            // As OpenSSH counts: after an interval of silence a keep-alive is sent, then one each interval; when count_max of them
            // went unanswered (count_max + 1 intervals of silence), the connection is lost.
            var silent = _time.GetElapsedTime(_lastHeard);
            if (silent < _interval)
            {
                return;
            }

            if (silent < _interval * (_host.KeepAliveCountMax + 1))
            {
                if (_probe is not { IsCompleted: false })
                {
                    _probe = Task.Run(Probe);
                }

                return;
            }
        }

        _link.MarkLost($"no answer to {_host.KeepAliveCountMax} keep-alives sent {_host.KeepAliveIntervalSeconds} s apart: the network or the host went silent");
    }

    /// <summary>One keep-alive: done when the server answered it or it failed, so only one is outstanding at a time.</summary>
    private Task Probe()
    {
        try
        {
            var command = _link.Client.CreateCommand("exit 0");
            var execution = command.ExecuteAsync();
            return execution.ContinueWith(
                done =>
                {
                    if (done.IsCompletedSuccessfully)
                    {
                        Heard();
                    }

                    command.Dispose();
                },
                CancellationToken.None,
                TaskContinuationOptions.None,
                TaskScheduler.Default);
        }
        catch (SshException e) when (SshNetChannels.IsRefused(e))
        {
            Heard();
            return Task.CompletedTask;
        }
        catch (Exception e) when (e is SshException or ObjectDisposedException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            // Not answered: silence goes on being counted.
            return Task.CompletedTask;
        }
    }

    private void Heard()
    {
        lock (_gate)
        {
            _lastHeard = _time.GetTimestamp();
        }
    }
}
