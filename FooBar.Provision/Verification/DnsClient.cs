using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace FooBar.Provision.Verification;

/// <summary>A minimal DNS client: sends one A query over UDP straight to a given server and reads the answer.</summary>
/// <remarks>
/// It asks the server to recurse (RD flag) and follows nothing itself: a CNAME chain is followed only inside
/// the one answer. The query is sent again once if half the timeout passes without an answer (UDP may drop it).
/// Answers with another query id, or from another address, are ignored. No TCP fallback: a truncated answer fails.
/// </remarks>
public sealed class DnsClient : IDnsResolver
{
    /// <summary>The standard DNS port.</summary>
    public const int DefaultPort = 53;

    private readonly TimeSpan _timeout;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a client for <paramref name="server"/>.</summary>
    /// <param name="server">The DNS server to ask.</param>
    /// <param name="timeout">How long to wait for an answer, resends included.</param>
    /// <param name="timeProvider">The clock for the timeout; the system clock by default.</param>
    public DnsClient(IPEndPoint server, TimeSpan timeout, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        Server = server;
        _timeout = timeout;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The server queries go to.</summary>
    public IPEndPoint Server { get; }

    /// <summary>Parses <c>IP</c> or <c>IP:PORT</c> (IPv6 as <c>[IP]:PORT</c>); the port defaults to 53.</summary>
    /// <exception cref="FormatException">Not an IP address with an optional port.</exception>
    public static IPEndPoint ParseServer(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (IPEndPoint.TryParse(text.Trim(), out var endpoint) && endpoint.Port != 0)
        {
            return endpoint;
        }

        return IPAddress.TryParse(text.Trim(), out var address)
            ? new IPEndPoint(address, DefaultPort)
            : throw new FormatException($"'{text}' is not a DNS server address: use IP or IP:PORT, for example 10.99.0.2 or 10.99.0.2:53");
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<IPAddress>> ResolveAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (IPAddress.TryParse(name, out var literal))
        {
            return [literal];
        }

        var id = (ushort)RandomNumberGenerator.GetInt32(0x10000);
        var query = DnsQuery.Build(id, name);
        using var udp = new UdpClient(Server.AddressFamily);
        using var overall = new CancellationTokenSource(_timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, overall.Token);
        try
        {
            udp.Connect(Server); // a connected socket only accepts datagrams from the server
            for (var attempt = 1; ; attempt++)
            {
                await udp.SendAsync(query, linked.Token).ConfigureAwait(false);
                var answer = await ReceiveAsync(udp, id, attempt == 1 ? _timeout / 2 : Timeout.InfiniteTimeSpan, linked.Token).ConfigureAwait(false);
                if (answer is not null)
                {
                    return DnsResponse.ParseAddresses(answer, name, Server.ToString());
                }
            }
        }
        catch (OperationCanceledException) when (overall.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var seconds = _timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
            throw new DnsException(DnsFailure.Timeout, $"no answer from the DNS server {Server} for {name} within {seconds} s", "check that the server runs and is reachable from this machine, or raise --timeout");
        }
        catch (SocketException e)
        {
            throw new DnsException(DnsFailure.ServerFailure, $"cannot query the DNS server {Server} for {name}: {e.Message}", "check the address and port given with --dns-server", e);
        }
    }

    /// <summary>The answer to query <paramref name="id"/>, or null when <paramref name="wait"/> passed first.</summary>
    private async Task<byte[]?> ReceiveAsync(UdpClient udp, ushort id, TimeSpan wait, CancellationToken cancellationToken)
    {
        using var attempt = wait == Timeout.InfiniteTimeSpan
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken)
            : new CancellationTokenSource(wait, _timeProvider);
        using var both = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attempt.Token);
        try
        {
            while (true)
            {
                var received = await udp.ReceiveAsync(both.Token).ConfigureAwait(false);
                if (DnsResponse.IsResponseTo(received.Buffer, id))
                {
                    return received.Buffer;
                }
            }
        }
        catch (OperationCanceledException) when (attempt.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
