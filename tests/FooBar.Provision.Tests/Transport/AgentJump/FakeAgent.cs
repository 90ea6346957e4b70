using System.Net.Sockets;
using FooBar.Provision.Transport.SshNet.Agent;

namespace FooBar.Provision.Tests.Transport.AgentJump;

/// <summary>A scripted agent on a Unix socket: records each request and sends the next prepared answer (raw bytes, framing included).</summary>
internal sealed class FakeAgent : IDisposable
{
    private readonly Socket _listener;
    private readonly Queue<byte[]> _answers;
    private readonly Task _serving;

    public FakeAgent(string directory, params byte[][] answers)
    {
        SocketPath = Path.Combine(directory, "fake-agent.sock");
        _answers = new Queue<byte[]>(answers);
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(SocketPath));
        _listener.Listen(4);
        _serving = Task.Run(ServeAsync);
    }

    public string SocketPath { get; }

    public List<byte[]> Requests { get; } = [];

    /// <summary>A framed agent message: uint32 length, then the type and body.</summary>
    public static byte[] Frame(byte type, params byte[][] fields)
    {
        var body = new List<byte> { type };
        foreach (var field in fields)
        {
            body.AddRange(field);
        }

        var framed = new List<byte>();
        framed.WriteString(body.ToArray());
        return [.. framed];
    }

    /// <summary>An SSH string field.</summary>
    public static byte[] Str(byte[] value)
    {
        var buffer = new List<byte>();
        buffer.WriteString(value);
        return [.. buffer];
    }

    /// <summary>An SSH string field of ASCII text.</summary>
    public static byte[] Str(string value) => Str(System.Text.Encoding.UTF8.GetBytes(value));

    /// <summary>A uint32 field.</summary>
    public static byte[] U32(uint value)
    {
        var buffer = new List<byte>();
        buffer.WriteUInt32(value);
        return [.. buffer];
    }

    /// <summary>A public key blob of <paramref name="type"/> with some key bytes.</summary>
    public static byte[] KeyBlob(string type, byte fill = 7) => [.. Str(type), .. Str(Enumerable.Repeat(fill, 32).ToArray())];

    public void Dispose()
    {
        _listener.Dispose();
        _serving.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task ServeAsync()
    {
        while (true)
        {
            Socket connection;
            try
            {
                connection = await _listener.AcceptAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }

            using (connection)
            {
                var header = new byte[4];
                await connection.ReceiveAsync(header);
                var offset = 0;
                var request = new byte[AgentWire.ReadUInt32(header, ref offset)];
                var received = 0;
                while (received < request.Length)
                {
                    received += await connection.ReceiveAsync(request.AsMemory(received));
                }

                lock (Requests)
                {
                    Requests.Add(request);
                }

                if (_answers.TryDequeue(out var answer))
                {
                    await connection.SendAsync(answer);
                }
            }
        }
    }
}
