using System.IO.Pipes;
using System.Net.Sockets;
using System.Text;

namespace FooBar.Provision.Transport.SshNet.Agent;

/// <summary>
/// A client of an ssh-agent (draft-miller-ssh-agent): lists the keys it holds and asks it to sign. The private keys
/// never leave the agent.
/// </summary>
/// <remarks>
/// Each request opens its own connection to the agent's socket (a Unix socket; on Windows the OpenSSH agent's named
/// pipe), so an agent restarted between two requests is found again. Every wait is bounded by the timeout given.
/// </remarks>
internal sealed class SshAgentClient
{
    /// <summary>The environment variable that names the agent's socket.</summary>
    public const string SocketVariable = "SSH_AUTH_SOCK";

    private const byte Failure = 5;
    private const byte RequestIdentities = 11;
    private const byte IdentitiesAnswer = 12;
    private const byte SignRequest = 13;
    private const byte SignResponse = 14;
    private const byte ExtensionFailure = 28;

    // OpenSSH's agent refuses messages over 256 KiB; nothing this client sends or expects comes near.
    private const int MaxMessage = 256 * 1024;

    private readonly TimeSpan _timeout;

    /// <summary>A client of the agent listening at <paramref name="socketPath"/>.</summary>
    public SshAgentClient(string socketPath, TimeSpan timeout)
    {
        SocketPath = socketPath;
        _timeout = timeout;
    }

    /// <summary>The agent's socket (or named pipe) path.</summary>
    public string SocketPath { get; }

    /// <summary>The keys the agent holds, in the agent's order (SSH2_AGENTC_REQUEST_IDENTITIES).</summary>
    /// <exception cref="AgentException">The agent cannot be reached or answers something else.</exception>
    public IReadOnlyList<AgentIdentity> ListIdentities()
    {
        var answer = Exchange([RequestIdentities]);
        if (answer[0] != IdentitiesAnswer)
        {
            throw new AgentException($"the agent answered the request for its keys with message {answer[0]}, not a list of keys");
        }

        var offset = 1;
        var count = AgentWire.ReadUInt32(answer, ref offset);
        var identities = new List<AgentIdentity>();
        for (var i = 0; i < count; i++)
        {
            var blob = AgentWire.ReadString(answer, ref offset);
            var comment = Encoding.UTF8.GetString(AgentWire.ReadString(answer, ref offset));
            identities.Add(new AgentIdentity(blob, AgentWire.LeadingName(blob), comment));
        }

        return identities;
    }

    /// <summary>Asks the agent to sign <paramref name="data"/> with the key of <paramref name="keyBlob"/> (SSH2_AGENTC_SIGN_REQUEST).</summary>
    /// <param name="keyBlob">The public key or certificate blob, as the agent listed it.</param>
    /// <param name="data">What to sign.</param>
    /// <param name="flags">For RSA keys, which hash: <see cref="AgentSignFlags"/>.</param>
    /// <returns>The signature blob (<c>string algorithm, string signature</c>), as SSH sends it.</returns>
    /// <exception cref="AgentException">The agent refused (the key is gone, a confirmation was denied) or cannot be reached.</exception>
    public byte[] Sign(byte[] keyBlob, byte[] data, AgentSignFlags flags)
    {
        var request = new List<byte>(keyBlob.Length + data.Length + 16) { SignRequest };
        request.WriteString(keyBlob);
        request.WriteString(data);
        request.WriteUInt32((uint)flags);
        var answer = Exchange([.. request]);
        if (answer[0] is Failure or ExtensionFailure)
        {
            throw new AgentException("the agent refused to sign (the key was removed, or a confirmation was denied)");
        }

        if (answer[0] != SignResponse)
        {
            throw new AgentException($"the agent answered a signature request with message {answer[0]}");
        }

        var offset = 1;
        var signature = AgentWire.ReadString(answer, ref offset);
        _ = AgentWire.LeadingName(signature);
        return signature;
    }

    private byte[] Exchange(byte[] message)
    {
        try
        {
            using var stream = Open();
            var frame = new List<byte>(message.Length + 4);
            frame.WriteString(message);
            stream.Write([.. frame]);
            stream.Flush();
            Span<byte> header = stackalloc byte[4];
            stream.ReadExactly(header);
            var offset = 0;
            var length = AgentWire.ReadUInt32(header, ref offset);
            if (length is 0 or > MaxMessage)
            {
                throw new AgentException($"the agent announced a {length}-byte answer, which is not an agent message");
            }

            var answer = new byte[length];
            stream.ReadExactly(answer);
            return answer;
        }
        catch (Exception e) when (e is IOException or SocketException or TimeoutException or UnauthorizedAccessException or EndOfStreamException)
        {
            throw new AgentException($"cannot talk to the agent at {SocketPath}: {Reason(e)}", e);
        }
    }

    private Stream Open()
    {
        if (SocketPath.StartsWith(@"\\.\pipe\", StringComparison.Ordinal))
        {
            var pipe = new NamedPipeClientStream(".", SocketPath[@"\\.\pipe\".Length..], PipeDirection.InOut);
            pipe.Connect(_timeout);
            return pipe;
        }

        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
        {
            SendTimeout = (int)_timeout.TotalMilliseconds,
            ReceiveTimeout = (int)_timeout.TotalMilliseconds,
        };
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(SocketPath));
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static string Reason(Exception e) => e switch
    {
        SocketException { SocketErrorCode: SocketError.AddressNotAvailable or SocketError.ConnectionRefused } => "nothing listens there (the agent has ended)",
        SocketException { SocketErrorCode: SocketError.TimedOut } or IOException { InnerException: SocketException { SocketErrorCode: SocketError.TimedOut } } or TimeoutException => "no answer in time",
        EndOfStreamException => "it closed the connection in the middle of an answer",
        _ => e.Message,
    };
}
