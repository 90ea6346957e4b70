using System.Globalization;
using System.Net;
using System.Net.Sockets;
using DnsClient;
using FooBar.Provision.Inventory;

namespace FooBar.Provision.Verification;

/// <summary>Resolves names by asking one given DNS server for their A records (through the DnsClient library).</summary>
/// <remarks>
/// Only the server given is ever asked: no system resolver, no resolv.conf, no other or public server, no cache.
/// It asks the server to recurse (RD flag) and follows nothing itself: a CNAME chain is followed only inside the
/// one answer. Over UDP, the query is sent again once if half the timeout passes without an answer; a reply that
/// does not carry the query's id is never taken (the query is sent again). A truncated UDP answer (TC flag) is asked
/// again over TCP. The whole lookup ends within the timeout.
/// </remarks>
public sealed class DnsServerResolver : IDnsResolver
{
    /// <summary>The standard DNS port.</summary>
    public const int DefaultPort = 53;

    private readonly LookupClient _client;
    private readonly NameServer[] _servers;
    private readonly TimeSpan _timeout;

    /// <summary>Creates a resolver that asks <paramref name="server"/> only.</summary>
    /// <param name="server">The DNS server to ask.</param>
    /// <param name="timeout">How long one lookup may take, the resend and a TCP retry included.</param>
    public DnsServerResolver(IPEndPoint server, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        if (PublicResolvers.Owner(server.Address.ToString()) is { } owner)
        {
            throw new ArgumentException($"{server.Address} is a public DNS resolver ({owner}): FooBar.Provision never asks one; name your own DNS server", nameof(server));
        }

        Server = server;
        _timeout = timeout;
        _servers = [new NameServer(server)];
        _client = new LookupClient(new LookupClientOptions(_servers)
        {
            AutoResolveNameServers = false, // never the system's resolvers (resolv.conf), only the server named here
            UseCache = false,
            Recursion = true,
            Timeout = timeout / 2,
            Retries = 1,
            UseTcpFallback = true,
            ThrowDnsErrors = false,
            ContinueOnDnsError = false,
            ContinueOnEmptyResponse = false,
            UseRandomNameServer = false,
        });
    }

    /// <summary>The server queries go to.</summary>
    public IPEndPoint Server { get; }

    /// <summary>The servers the underlying client knows (exactly <see cref="Server"/>); for tests.</summary>
    internal IReadOnlyCollection<IPEndPoint> NameServers => _client.Settings.NameServers.Select(n => new IPEndPoint(IPAddress.Parse(n.Address), n.Port)).ToArray();

    /// <summary>Parses <c>IP</c> or <c>IP:PORT</c> (IPv6 as <c>[IP]:PORT</c>); the port defaults to 53.</summary>
    /// <exception cref="FormatException">Not an IP address with an optional port.</exception>
    public static IPEndPoint ParseServer(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        var server = IPEndPoint.TryParse(trimmed, out var endpoint) && endpoint.Port != 0 ? endpoint
            : IPAddress.TryParse(trimmed, out var address) ? new IPEndPoint(address, DefaultPort)
            : throw new FormatException($"'{text}' is not a DNS server address: use IP or IP:PORT, for example 10.99.0.2 or 10.99.0.2:53");
        // .NET also reads "0" as 0.0.0.0 and "1.5" as 1.0.0.5: a server is written as four numbers (or an IPv6 address).
        var written = server.Address.AddressFamily == AddressFamily.InterNetwork && trimmed.Contains(':', StringComparison.Ordinal) ? trimmed[..trimmed.LastIndexOf(':')] : trimmed;
        if (server.Address.AddressFamily == AddressFamily.InterNetwork && written.Count(c => c == '.') != 3)
        {
            throw new FormatException($"'{text}' is not a DNS server address: write an IPv4 address as four numbers, for example 10.99.0.2 or 10.99.0.2:53 (it reads as {server.Address})");
        }

        if (server.Address.Equals(IPAddress.Any) || server.Address.Equals(IPAddress.IPv6Any) || server.Address.Equals(IPAddress.Broadcast) || IsMulticast(server.Address))
        {
            throw new FormatException($"'{text}' is not a DNS server address ({server.Address} is {(IsMulticast(server.Address) ? "a multicast" : "an unspecified or broadcast")} address): name your DNS server, for example 10.99.0.2");
        }

        return PublicResolvers.Owner(server.Address.ToString()) is { } owner
            ? throw new FormatException($"'{text}' is a public DNS resolver ({owner}), which FooBar.Provision never asks: name your own DNS server, for example the lab's 10.99.0.2")
            : server;
    }

    private static bool IsMulticast(IPAddress address) =>
        address.IsIPv6Multicast || (address.AddressFamily == AddressFamily.InterNetwork && address.GetAddressBytes()[0] is >= 224 and <= 239);

    /// <inheritdoc />
    public async Task<IReadOnlyList<IPAddress>> ResolveAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (IPAddress.TryParse(name, out var literal))
        {
            return [literal];
        }

        var question = new DnsQuestion(DnsName.ToAscii(name), QueryType.A);
        using var deadline = new CancellationTokenSource(_timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        IDnsQueryResponse response;
        try
        {
            response = await _client.QueryServerAsync(_servers, question, linked.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (IsLookupFailure(e))
        {
            throw cancellationToken.IsCancellationRequested ? new OperationCanceledException("the DNS lookup was cancelled", e, cancellationToken) : Failure(name, e);
        }

        return DnsAnswer.Addresses(response, name, Server.ToString());
    }

    /// <summary>What DnsClient throws when a lookup fails (a bug of ours, such as an argument error, is not one).</summary>
    private static bool IsLookupFailure(Exception e) =>
        e is DnsResponseException or DnsResponseParseException or DnsXidMismatchException or OperationCanceledException or SocketException;

    private DnsException Failure(string name, Exception e)
    {
        if ((e as SocketException ?? e.InnerException as SocketException) is { } socket)
        {
            return new DnsException(DnsFailure.ServerFailure, $"cannot query the DNS server {Server} for {name}: {socket.Message}", "check the address and port given with --dns-server", e);
        }

        if (e is OperationCanceledException || e is DnsResponseException { Code: DnsResponseCode.ConnectionTimeout })
        {
            var seconds = _timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
            return new DnsException(DnsFailure.Timeout, $"no answer from the DNS server {Server} for {name} within {seconds} s", "check that the server runs and is reachable from this machine, or raise --timeout", e);
        }

        return new DnsException(DnsFailure.Malformed, $"cannot read the answer from {Server} for {name}: {e.Message}", "check that the address given with --dns-server is a DNS server", e);
    }
}
