using System.Net;
using System.Net.Sockets;

namespace FooBar.Provision.IntegrationTests;

/// <summary>
/// A TCP listener on 127.0.0.1 that misbehaves on purpose: it resets the first connections it accepts, then either
/// forwards the next ones to a real server or holds them open without a word (a blackholed host).
/// </summary>
public sealed class FaultyListener : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _held = [];
    private readonly int _resets;
    private readonly int? _forwardTo;
    private readonly Task _loop;
    private int _accepted;

    private FaultyListener(int resets, int? forwardTo)
    {
        _resets = resets;
        _forwardTo = forwardTo;
        _listener.Start();
        _loop = AcceptLoopAsync();
    }

    /// <summary>The port it listens on.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>How many connections it accepted so far.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Accepts every connection and never sends a byte.</summary>
    public static FaultyListener Silent() => new(0, null);

    /// <summary>Resets the first <paramref name="resets"/> connections (RST right after accept), then forwards to <paramref name="port"/>.</summary>
    public static FaultyListener ResettingThenForwarding(int resets, int port) => new(resets, port);

    /// <summary>Resets every connection.</summary>
    public static FaultyListener Resetting() => new(int.MaxValue, null);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        lock (_held)
        {
            _held.ForEach(c => c.Dispose());
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var number = Interlocked.Increment(ref _accepted);
            if (number <= _resets)
            {
                client.Client.LingerState = new LingerOption(true, 0); // close → RST
                client.Dispose();
            }
            else if (_forwardTo is { } port)
            {
                _ = ForwardAsync(client, port);
            }
            else
            {
                lock (_held)
                {
                    _held.Add(client);
                }
            }
        }
    }

    private async Task ForwardAsync(TcpClient client, int port)
    {
        using (client)
        using (var server = new TcpClient())
        {
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, port, _stop.Token);
                var a = client.GetStream().CopyToAsync(server.GetStream(), _stop.Token);
                var b = server.GetStream().CopyToAsync(client.GetStream(), _stop.Token);
                await Task.WhenAny(a, b);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
            {
                // The test is over or one side closed.
            }
        }
    }
}
