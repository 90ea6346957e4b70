using System.Net;
using FooBar.Provision.Inventory;

namespace FooBar.Provision.Verification;

/// <summary>The DNS half: where a name points, compared with the host's address.</summary>
public sealed partial class SiteVerifier
{
    private async Task<DnsCheck> CheckDnsAsync(string name, IReadOnlyList<IPAddress> hostAddresses, CancellationToken cancellationToken)
    {
        var expected = hostAddresses.Select(a => a.ToString()).ToArray();
        IReadOnlyList<IPAddress> resolved;
        try
        {
            resolved = await _resolver.ResolveAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (DnsException e)
        {
            return new DnsCheck([], expected, false, e.Message);
        }

        // Only the address families the host has are compared: an IPv4 host is checked against the A records.
        var families = hostAddresses.Select(a => a.AddressFamily).ToHashSet();
        var compared = resolved.Where(a => families.Contains(a.AddressFamily)).ToArray();
        var matches = compared.Length > 0 && compared.All(hostAddresses.Contains);
        return new DnsCheck(resolved.Select(a => a.ToString()).ToArray(), expected, matches);
    }

    private static string DescribeDns(string name, DnsCheck dns) =>
        dns.Error ?? (dns.Matches
            ? $"{name} resolves to {string.Join(", ", dns.Resolved)}"
            : $"{name} resolves to {string.Join(", ", dns.Resolved)}, expected {string.Join(", ", dns.Expected)}");

    private static string MismatchWarning(HostEntry host, string siteAddress, bool fromVerifyAddress, string name, DnsCheck dns)
    {
        var resolved = string.Join(", ", dns.Resolved);
        var expected = string.Join(", ", dns.Expected);
        var address = IPAddress.TryParse(siteAddress, out _) ? siteAddress : $"{siteAddress} ({expected})";
        var whose = fromVerifyAddress ? $"{host.Name}'s verify_address" : $"{host.Name}'s address";
        var partly = dns.Resolved.Any(dns.Expected.Contains);
        return partly
            ? $"{name} resolves to {resolved}, not only to {whose} {address}: the DNS record also points elsewhere (remove the other records; some browsers will not reach this host)"
            : $"{name} resolves to {resolved}, not to {whose} {address}: the DNS record still points elsewhere (update the A record; browsers will not reach this host)";
    }
}
