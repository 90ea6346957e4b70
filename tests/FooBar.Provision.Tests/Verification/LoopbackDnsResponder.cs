using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace FooBar.Provision.Tests.Verification;

/// <summary>A tiny DNS server on 127.0.0.1 (a free port, UDP and TCP) that answers every query with canned replies.</summary>
/// <remarks>The UDP replies are built from the query by <c>answer</c>; returning no packets drops the query. Over TCP
/// (asked after a truncated UDP answer) <c>tcpAnswer</c> answers, when given; otherwise connections are refused.</remarks>
internal sealed class LoopbackDnsResponder : IDisposable
{
    private readonly UdpClient _udp;
    private readonly TcpListener? _tcp;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Task _tcpLoop = Task.CompletedTask;

    public LoopbackDnsResponder(Func<byte[], IEnumerable<byte[]>> answer, Func<byte[], byte[]>? tcpAnswer = null)
    {
        (_udp, _tcp) = Bind(tcpAnswer is not null);
        _loop = ServeAsync(answer);
        if (_tcp is not null && tcpAnswer is not null)
        {
            _tcpLoop = ServeTcpAsync(_tcp, tcpAnswer);
        }
    }

    public IPEndPoint EndPoint => _udp.Client.LocalEndPoint as IPEndPoint ?? throw new InvalidOperationException("the responder is not bound");

    /// <summary>Every query received over UDP.</summary>
    public List<byte[]> Queries { get; } = [];

    /// <summary>Every query received over TCP.</summary>
    public List<byte[]> TcpQueries { get; } = [];

    /// <summary>A reply with the query's id and question, and one A record for the asked name.</summary>
    public static byte[] ARecordReply(byte[] query, byte a, byte b, byte c, byte d, int responseCode = 0, bool truncated = false)
    {
        var question = query.AsSpan(12, QuestionLength(query)).ToArray();
        byte[] header = [query[0], query[1], (byte)(0x81 | (truncated ? 0x02 : 0)), (byte)(0x80 | responseCode), 0, 1, 0, (byte)(responseCode == 0 && !truncated ? 1 : 0), 0, 0, 0, 0];
        return responseCode == 0 && !truncated ? DnsPackets.Concat(header, question, DnsPackets.ARecord(12, a, b, c, d)) : DnsPackets.Concat(header, question);
    }

    /// <summary>A hand-made <paramref name="packet"/> (id 0x4242) given the id of <paramref name="query"/>.</summary>
    public static byte[] WithIdOf(byte[] query, byte[] packet) => [query[0], query[1], .. packet.AsSpan(2)];

    /// <summary>The length of the question section (name, type, class) of a query.</summary>
    private static int QuestionLength(byte[] query)
    {
        var end = 12;
        while (query[end] != 0)
        {
            end += query[end] + 1;
        }

        return end + 1 + 4 - 12;
    }

    /// <summary>A UDP socket on a free port, and a TCP listener on the same port when asked (tried again if TCP's is taken).</summary>
    private static (UdpClient Udp, TcpListener? Tcp) Bind(bool tcp)
    {
        for (var attempt = 0; ; attempt++)
        {
            var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            if (!tcp)
            {
                return (udp, null);
            }

            try
            {
                var port = udp.Client.LocalEndPoint is IPEndPoint { Port: var bound } ? bound : throw new InvalidOperationException("the UDP socket is not bound");
                var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return (udp, listener);
            }
            catch (SocketException) when (attempt < 10)
            {
                udp.Dispose();
            }
        }
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

    private async Task ServeTcpAsync(TcpListener listener, Func<byte[], byte[]> answer)
    {
        try
        {
            while (true)
            {
                using var client = await listener.AcceptTcpClientAsync(_stop.Token);
                var stream = client.GetStream();
                var length = new byte[2];
                await stream.ReadExactlyAsync(length, _stop.Token);
                var query = new byte[BinaryPrimitives.ReadUInt16BigEndian(length)];
                await stream.ReadExactlyAsync(query, _stop.Token);
                lock (TcpQueries)
                {
                    TcpQueries.Add(query);
                }

                var reply = answer(query);
                BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)reply.Length);
                await stream.WriteAsync(length, _stop.Token);
                await stream.WriteAsync(reply, _stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        Task.WaitAll([_loop, _tcpLoop], TimeSpan.FromSeconds(5));
        _tcp?.Stop();
        _udp.Dispose();
        _stop.Dispose();
    }
}
