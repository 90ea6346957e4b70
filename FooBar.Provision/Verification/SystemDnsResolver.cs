using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace FooBar.Provision.Verification;

/// <summary>Resolves names with the operating system's resolver (<see cref="Dns"/>: /etc/hosts, resolv.conf, nsswitch).</summary>
/// <remarks>It returns every address the system gives (IPv4 and IPv6); the OS may cache answers.</remarks>
public sealed class SystemDnsResolver : IDnsResolver
{
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a resolver that gives up after <paramref name="timeout"/>.</summary>
    /// <param name="timeout">How long to wait for the system resolver.</param>
    /// <param name="timeProvider">The clock for the timeout; the system clock by default.</param>
    public SystemDnsResolver(TimeSpan timeout, TimeProvider? timeProvider = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        _timeout = timeout;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<IPAddress>> ResolveAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (IPAddress.TryParse(name, out var literal))
        {
            return [literal];
        }

        try
        {
            var addresses = await Dns.GetHostAddressesAsync(name, cancellationToken).WaitAsync(_timeout, _timeProvider, cancellationToken).ConfigureAwait(false);
            return addresses.Length > 0
                ? addresses
                : throw new DnsException(DnsFailure.NoAddress, $"{name} has no address (system resolver)", "add an A record for the name");
        }
        catch (TimeoutException)
        {
            var seconds = _timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
            throw new DnsException(DnsFailure.Timeout, $"the system resolver gave no answer for {name} within {seconds} s", "check /etc/resolv.conf, or ask a server directly with --dns-server");
        }
        catch (SocketException e)
        {
            var (failure, what) = e.SocketErrorCode switch
            {
                SocketError.HostNotFound => (DnsFailure.NameNotFound, "does not exist"),
                SocketError.NoData => (DnsFailure.NoAddress, "has no address"),
                _ => (DnsFailure.ServerFailure, $"could not be resolved ({e.Message})"),
            };
            throw new DnsException(failure, $"{name} {what} (system resolver)", "create the DNS record, or check the spelling of the domain variable", e);
        }
    }
}
