using System.Runtime.CompilerServices;
using FooBar.Provision.Inventory;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace FooBar.Provision.Transport.SshNet.Jump;

/// <summary>Connects one SSH client of a hop: to <c>address:port</c> (the hop itself, or a tunnel to it), checking the key under the hop's own name.</summary>
/// <param name="hop">The hop as a host: its real address and port (for known_hosts and messages), user and the target's other settings.</param>
/// <param name="address">Where to open the TCP connection.</param>
/// <param name="port">Its port.</param>
/// <param name="cancellationToken">Cancels the connection.</param>
internal delegate Task<SshClient> HopConnector(HostEntry hop, string address, int port, CancellationToken cancellationToken);

/// <summary>
/// The ProxyJump chain of a host, which SSH.NET does not have: a client connected to each hop in turn, each through a
/// forwarded port of the one before, and a last forwarded port that reaches the host itself.
/// </summary>
/// <remarks>
/// <para>Each hop is connected by the transport's own connector, so its host key is checked against known_hosts under the
/// hop's real name and port (never the tunnel's 127.0.0.1 endpoint) and it logs in with the same keys as the host.</para>
/// <para>A tunnel is a <see cref="ForwardedPortLocal"/> on 127.0.0.1 with a port chosen by the system. It takes one
/// connection, the next client's: any later one is closed before a channel is opened, so another local user who finds
/// the port cannot use the hop. (OpenSSH's ProxyJump uses the ssh process's standard input instead; SSH.NET takes only
/// TCP endpoints.)</para>
/// </remarks>
internal sealed class JumpChain : IDisposable
{
    private readonly List<SshClient> _clients;
    private readonly List<ForwardedPortLocal> _ports;
    private readonly StrongBox<string?> _failure;

    private JumpChain(List<SshClient> clients, List<ForwardedPortLocal> ports, int port, StrongBox<string?> failure)
    {
        _clients = clients;
        _ports = ports;
        Port = port;
        _failure = failure;
    }

    /// <summary>The local address of the tunnel to the host.</summary>
    public string Address => "127.0.0.1";

    /// <summary>The local port of the tunnel to the host.</summary>
    public int Port { get; }

    /// <summary>The hop as a host of its own: its address, port and user, and the target's known_hosts, host key checking and timeouts.</summary>
    public static HostEntry HopEntry(HostEntry host, JumpHost hop) => host with
    {
        Name = $"{host.Name} (jump host {hop})",
        Address = hop.Address,
        Port = hop.Port,
        User = hop.User ?? host.User,
        Jump = [],
    };

    /// <summary>Connects every hop of <paramref name="host"/> in order and opens the tunnel to the host.</summary>
    /// <exception cref="TransportException">A hop cannot be reached, refused the login or its host key, or would not open the next connection; the message names the hop.</exception>
    public static async Task<JumpChain> OpenAsync(HostEntry host, HopConnector connect, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(connect);
        var clients = new List<SshClient>();
        var ports = new List<ForwardedPortLocal>();
        var address = host.Jump[0].Address;
        var port = host.Jump[0].Port;
        var failure = new StrongBox<string?>();
        try
        {
            for (var i = 0; i < host.Jump.Count; i++)
            {
                var hop = host.Jump[i];
                SshClient client;
                try
                {
                    client = await connect(HopEntry(host, hop), address, port, cancellationToken).ConfigureAwait(false);
                }
                catch (TransportException) when (failure.Value is { } why)
                {
                    throw ForwardRefused(host, host.Jump[i - 1], $"{hop.Address}:{hop.Port}", why);
                }
                catch (TransientConnectionException e) when (e.JumpHost is null)
                {
                    // Tried again like the host's own refusal, but the message that ends the tries names this hop.
                    throw new TransientConnectionException(e.Message) { JumpHost = hop.ToString() };
                }

                clients.Add(client);
                var (nextAddress, nextPort) = i + 1 < host.Jump.Count ? (host.Jump[i + 1].Address, host.Jump[i + 1].Port) : (host.Address, host.Port);
                var forward = Tunnel(client, nextAddress, nextPort, failure);
                ports.Add(forward);
                (address, port) = ("127.0.0.1", (int)forward.BoundPort);
            }

            return new JumpChain(clients, ports, port, failure);
        }
        catch
        {
            Dispose(clients, ports);
            throw;
        }
    }

    /// <summary>
    /// The error to report when the connection to the host through the tunnel ended before the host's SSH banner: the
    /// last hop refused to open it (its sshd forbids forwarding) or could not reach the host. SSH.NET does not pass on
    /// the hop's reason for a refused channel, so the message names both.
    /// </summary>
    public HostUnreachableException Refusal(HostEntry host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var why = _failure.Value ?? "it closed the tunnel before the host's SSH banner (its sshd forbids forwarding, or it cannot reach the host)";
        return ForwardRefused(host, host.Jump[^1], $"{host.Address}:{host.Port}", why);
    }

    /// <summary>The error for a hop that would not open the connection to <paramref name="next"/>.</summary>
    public static HostUnreachableException ForwardRefused(HostEntry host, JumpHost hop, string next, string why) => new(
        host.Name,
        $"the jump host {hop} could not open a connection to {next}: {why}",
        $"Check that {hop} can reach {next} and that its sshd allows TCP forwarding (AllowTcpForwarding, PermitOpen, DisableForwarding); no command was sent to the host.");

    /// <inheritdoc />
    public void Dispose() => Dispose(_clients, _ports);

    private static ForwardedPortLocal Tunnel(SshClient client, string address, int port, StrongBox<string?> failure)
    {
        var forward = new ForwardedPortLocal("127.0.0.1", 0, address, (uint)port);
        var taken = 0;
        forward.RequestReceived += (_, _) =>
        {
            if (Interlocked.Exchange(ref taken, 1) != 0)
            {
                // SSH.NET closes the accepted socket when this throws, before any channel is opened.
                throw new InvalidOperationException("the tunnel to the host takes one connection");
            }
        };
        forward.Exception += (_, e) =>
        {
            if (e.Exception is not InvalidOperationException)
            {
                failure.Value = e.Exception.Message;
            }
        };
        client.AddForwardedPort(forward);
        forward.Start();
        return forward;
    }

    private static void Dispose(List<SshClient> clients, List<ForwardedPortLocal> ports)
    {
        for (var i = clients.Count - 1; i >= 0; i--)
        {
            if (i < ports.Count)
            {
                try
                {
                    ports[i].Stop();
                }
                catch (Exception e) when (e is SshException or ObjectDisposedException or InvalidOperationException)
                {
                    // The hop is gone already: nothing to stop.
                }

                ports[i].Dispose();
            }

            clients[i].Dispose();
        }
    }
}
