using System.Net;
using System.Net.Sockets;

namespace FooBar.Provision.Tests.Verification;

/// <summary>A tiny DNS server on 127.0.0.1 (a free port) that answers every query with a canned reply.</summary>
/// <remarks>The reply is built from the query by <c>answer</c>; returning no packets drops the query.</remarks>
internal sealed class LoopbackDnsResponder : IDisposable
{
    private readonly UdpClient _udp = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LoopbackDnsResponder(Func<byte[], IEnumerable<byte[]>> answer) => _loop = ServeAsync(answer);

    public IPEndPoint EndPoint => _udp.Client.LocalEndPoint as IPEndPoint ?? throw new InvalidOperationException("the responder is not bound");

    public List<byte[]> Queries { get; } = [];

    /// <summary>A reply with the query's id and question, and one A record for the asked name.</summary>
    public static byte[] ARecordReply(byte[] query, byte a, byte b, byte c, byte d, int responseCode = 0)
    {
        var question = query.AsSpan(12).ToArray();
        byte[] header = [query[0], query[1], 0x81, (byte)(0x80 | responseCode), 0, 1, 0, (byte)(responseCode == 0 ? 1 : 0), 0, 0, 0, 0];
        return responseCode == 0 ? DnsPackets.Concat(header, question, DnsPackets.ARecord(12, a, b, c, d)) : DnsPackets.Concat(header, question);
    }

    private async Task ServeAsync(Func<byte[], IEnumerable<byte[]>> answer)
    {
        try
        {
            while (true)
            {
                var received = await _udp.ReceiveAsync(_stop.Token);
                lock (Queries)
                {
                    Queries.Add(received.Buffer);
                }

                foreach (var reply in answer(received.Buffer))
                {
                    await _udp.SendAsync(reply, received.RemoteEndPoint, _stop.Token);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _loop.Wait(TimeSpan.FromSeconds(5));
        _udp.Dispose();
        _stop.Dispose();
    }
}
