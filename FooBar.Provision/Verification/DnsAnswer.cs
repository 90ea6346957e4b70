using System.Net;
using DnsClient;
using DnsClient.Protocol;

namespace FooBar.Provision.Verification;

/// <summary>Reads the A records of an asked name out of a DNS answer, following a CNAME chain inside the answer.</summary>
/// <remarks>It never sends a query of its own: a CNAME whose target has no A record in the same answer is reported, not chased.</remarks>
internal static class DnsAnswer
{
    private const int MaxCnameHops = 16;

    /// <summary>The IPv4 addresses <paramref name="name"/> resolves to according to <paramref name="response"/>.</summary>
    /// <param name="response">The server's answer.</param>
    /// <param name="name">The name that was asked for.</param>
    /// <param name="server">The server that answered (for messages).</param>
    /// <exception cref="DnsException">NXDOMAIN, a server error, or no A record.</exception>
    public static IReadOnlyList<IPAddress> Addresses(IDnsQueryResponse response, string name, string server)
    {
        CheckResponseCode(response.Header.ResponseCode, name, server);
        var aliases = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var cname in response.Answers.CnameRecords())
        {
            aliases[Plain(cname.DomainName)] = Plain(cname.CanonicalName);
        }

        var canonical = DnsName.ToAscii(name);
        for (var hops = 0; aliases.TryGetValue(canonical, out var target); hops++)
        {
            if (hops == MaxCnameHops)
            {
                throw new DnsException(DnsFailure.Malformed, $"cannot read the answer from {server} for {name}: its CNAME chain is longer than {MaxCnameHops} hops (a loop?)", "check the CNAME records of the name");
            }

            canonical = target;
        }

        var addresses = response.Answers.ARecords()
            .Where(r => string.Equals(Plain(r.DomainName), canonical, StringComparison.OrdinalIgnoreCase))
            .Select(r => r.Address)
            .Distinct()
            .ToArray();
        if (addresses.Length > 0)
        {
            return addresses;
        }

        var via = string.Equals(canonical, DnsName.ToAscii(name), StringComparison.OrdinalIgnoreCase) ? "" : $" (it is a CNAME for {canonical}, and the answer has no A record for that)";
        throw new DnsException(DnsFailure.NoAddress, $"{name} has no A record at {server}{via}", "add an A record for the name (or for the CNAME target)");
    }

    // The name as it came on the wire (ASCII, punycode kept): DnsClient's Value turns punycode into Unicode.
    private static string Plain(DnsString name) => name.Original.TrimEnd('.');

    private static void CheckResponseCode(DnsHeaderResponseCode code, string name, string server)
    {
        switch (code)
        {
            case DnsHeaderResponseCode.NoError:
                return;
            case DnsHeaderResponseCode.NotExistentDomain:
                throw new DnsException(DnsFailure.NameNotFound, $"{name} does not exist (NXDOMAIN from {server})", "create the DNS record, or check the spelling of the domain variable");
            default:
                var what = code switch
                {
                    DnsHeaderResponseCode.FormatError => "FORMERR",
                    DnsHeaderResponseCode.ServerFailure => "SERVFAIL",
                    DnsHeaderResponseCode.NotImplemented => "NOTIMP",
                    DnsHeaderResponseCode.Refused => "REFUSED",
                    _ => $"response code {(int)code}",
                };
                throw new DnsException(DnsFailure.ServerFailure, $"the DNS server {server} answered {what} for {name}", "check that the server is authoritative or recursive for this name");
        }
    }
}
