using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace FooBar.Provision.Verification;

/// <summary>Builds a DNS query packet (RFC 1035 §4.1): one question, type A, class IN, recursion desired.</summary>
internal static class DnsQuery
{
    /// <summary>Resource record type A (an IPv4 address).</summary>
    public const ushort TypeA = 1;

    /// <summary>Resource record type CNAME (an alias).</summary>
    public const ushort TypeCname = 5;

    /// <summary>Class IN (the Internet).</summary>
    public const ushort ClassIn = 1;

    private const int HeaderLength = 12;
    private const int MaxNameLength = 255;
    private const int MaxLabelLength = 63;

    /// <summary>The query packet asking for the A records of <paramref name="name"/>.</summary>
    /// <exception cref="DnsException">The name is not a valid DNS name.</exception>
    public static byte[] Build(ushort id, string name)
    {
        var encodedName = EncodeName(name);
        var packet = new byte[HeaderLength + encodedName.Length + 4];
        var span = packet.AsSpan();
        BinaryPrimitives.WriteUInt16BigEndian(span, id);
        BinaryPrimitives.WriteUInt16BigEndian(span[2..], 0x0100); // standard query, RD: the server may recurse for us
        BinaryPrimitives.WriteUInt16BigEndian(span[4..], 1);      // QDCOUNT; AN, NS and AR counts stay 0
        encodedName.CopyTo(span[HeaderLength..]);
        BinaryPrimitives.WriteUInt16BigEndian(span[(HeaderLength + encodedName.Length)..], TypeA);
        BinaryPrimitives.WriteUInt16BigEndian(span[(HeaderLength + encodedName.Length + 2)..], ClassIn);
        return packet;
    }

    /// <summary>The name in wire format: length-prefixed labels ending with a zero byte; IDN names become punycode.</summary>
    /// <exception cref="DnsException">An empty or too long label or name.</exception>
    public static byte[] EncodeName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var ascii = Normalize(name);
        var wire = new List<byte>(ascii.Length + 2);
        foreach (var label in ascii.Split('.'))
        {
            if (label.Length is 0 or > MaxLabelLength)
            {
                throw Invalid(name, label.Length == 0 ? "it has an empty label" : $"the label '{label}' is longer than {MaxLabelLength} characters");
            }

            wire.Add((byte)label.Length);
            wire.AddRange(Encoding.ASCII.GetBytes(label));
        }

        wire.Add(0);
        return wire.Count > MaxNameLength ? throw Invalid(name, $"it is longer than {MaxNameLength} bytes") : [.. wire];
    }

    private static string Normalize(string name)
    {
        var trimmed = name.Trim().TrimEnd('.');
        if (trimmed.Length == 0)
        {
            throw Invalid(name, "it is empty");
        }

        try
        {
            return trimmed.All(char.IsAscii) ? trimmed : new IdnMapping().GetAscii(trimmed);
        }
        catch (ArgumentException e)
        {
            throw Invalid(name, e.Message);
        }
    }

    private static DnsException Invalid(string name, string why) =>
        new(DnsFailure.InvalidName, $"'{name}' is not a valid DNS name: {why}", "use a host name such as www.foobar.com (no scheme, no path)");
}
