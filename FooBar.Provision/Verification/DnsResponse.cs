using System.Buffers.Binary;
using System.Net;

namespace FooBar.Provision.Verification;

/// <summary>Reads the A records out of a DNS response packet (RFC 1035 §4.1), following a CNAME chain inside the answer.</summary>
/// <remarks>It never sends a query of its own: a CNAME whose target has no A record in the same answer is reported, not chased.</remarks>
internal static class DnsResponse
{
    private const int HeaderLength = 12;
    private const int MaxCnameHops = 16;

    /// <summary>True when <paramref name="packet"/> is a response (QR set) carrying <paramref name="id"/>.</summary>
    public static bool IsResponseTo(ReadOnlySpan<byte> packet, ushort id) =>
        packet.Length >= HeaderLength && BinaryPrimitives.ReadUInt16BigEndian(packet) == id && (packet[2] & 0x80) != 0;

    /// <summary>The IPv4 addresses <paramref name="name"/> resolves to according to <paramref name="packet"/>.</summary>
    /// <param name="packet">The response.</param>
    /// <param name="name">The name that was asked for.</param>
    /// <param name="server">The server that answered (for messages).</param>
    /// <exception cref="DnsException">NXDOMAIN, a server error, a truncated or malformed packet, or no A record.</exception>
    public static IReadOnlyList<IPAddress> ParseAddresses(ReadOnlySpan<byte> packet, string name, string server)
    {
        if (packet.Length < HeaderLength)
        {
            throw Malformed(name, server, $"the response is {packet.Length} bytes, shorter than a DNS header");
        }

        var flags = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        if ((flags & 0x0200) != 0)
        {
            throw new DnsException(DnsFailure.Malformed, $"the answer from {server} for {name} was truncated (TC flag): it does not fit in one UDP packet", "this client does not retry over TCP; query the name with the system resolver (omit --dns-server)");
        }

        CheckResponseCode(flags & 0x000F, name, server);
        var questions = BinaryPrimitives.ReadUInt16BigEndian(packet[4..]);
        var answers = BinaryPrimitives.ReadUInt16BigEndian(packet[6..]);
        var offset = HeaderLength;
        try
        {
            for (var i = 0; i < questions; i++)
            {
                DnsNameReader.Skip(packet, ref offset);
                offset += 4; // QTYPE, QCLASS
            }

            var aliases = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var records = new List<(string Owner, IPAddress Address)>();
            for (var i = 0; i < answers; i++)
            {
                var owner = DnsNameReader.Read(packet, ref offset);
                var type = BinaryPrimitives.ReadUInt16BigEndian(packet[offset..]);
                var dataLength = BinaryPrimitives.ReadUInt16BigEndian(packet[(offset + 8)..]);
                var data = offset + 10;
                if (data + dataLength > packet.Length)
                {
                    throw Malformed(name, server, "a record runs past the end of the packet (truncated)");
                }

                if (type == DnsQuery.TypeA && dataLength == 4)
                {
                    records.Add((owner, new IPAddress(packet.Slice(data, 4))));
                }
                else if (type == DnsQuery.TypeCname)
                {
                    var target = data;
                    aliases[owner] = DnsNameReader.Read(packet, ref target);
                }

                offset = data + dataLength;
            }

            return Select(name, server, aliases, records);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw Malformed(name, server, "the packet ends in the middle of a record (truncated)");
        }
    }

    private static IReadOnlyList<IPAddress> Select(string name, string server, Dictionary<string, string> aliases, List<(string Owner, IPAddress Address)> records)
    {
        var canonical = name.TrimEnd('.');
        for (var hops = 0; aliases.TryGetValue(canonical, out var target); hops++)
        {
            if (hops == MaxCnameHops)
            {
                throw Malformed(name, server, $"its CNAME chain is longer than {MaxCnameHops} hops (a loop?)");
            }

            canonical = target;
        }

        var addresses = records.Where(r => string.Equals(r.Owner, canonical, StringComparison.OrdinalIgnoreCase)).Select(r => r.Address).Distinct().ToArray();
        if (addresses.Length > 0)
        {
            return addresses;
        }

        var via = string.Equals(canonical, name.TrimEnd('.'), StringComparison.OrdinalIgnoreCase) ? "" : $" (it is a CNAME for {canonical}, and the answer has no A record for that)";
        throw new DnsException(DnsFailure.NoAddress, $"{name} has no A record at {server}{via}", "add an A record for the name (or for the CNAME target)");
    }

    private static void CheckResponseCode(int code, string name, string server)
    {
        switch (code)
        {
            case 0:
                return;
            case 3:
                throw new DnsException(DnsFailure.NameNotFound, $"{name} does not exist (NXDOMAIN from {server})", "create the DNS record, or check the spelling of the domain variable");
            default:
                var what = code switch { 1 => "FORMERR", 2 => "SERVFAIL", 4 => "NOTIMP", 5 => "REFUSED", _ => $"response code {code}" };
                throw new DnsException(DnsFailure.ServerFailure, $"the DNS server {server} answered {what} for {name}", "check that the server is authoritative or recursive for this name");
        }
    }

    private static DnsException Malformed(string name, string server, string why) =>
        new(DnsFailure.Malformed, $"cannot read the answer from {server} for {name}: {why}", "check that the address given with --dns-server is a DNS server");
}
