using System.Text;

namespace FooBar.Provision.Tests.Verification;

/// <summary>Hand-made pieces of DNS packets for the parser's specifications.</summary>
internal static class DnsPackets
{
    public const ushort Id = 0x4242;

    /// <summary>A name in wire format: length-prefixed labels and a zero byte.</summary>
    public static byte[] Name(string name) =>
        [.. name.Split('.').SelectMany(l => (byte[])[(byte)l.Length, .. Encoding.ASCII.GetBytes(l)]), 0];

    /// <summary>A response header: id 0x4242, QR RD RA, the given response code and flags, one question.</summary>
    public static byte[] Header(int answers, int responseCode = 0, bool truncated = false) =>
        [0x42, 0x42, (byte)(0x81 | (truncated ? 0x02 : 0)), (byte)(0x80 | responseCode), 0, 1, 0, (byte)answers, 0, 0, 0, 0];

    /// <summary>The question for an A record of <paramref name="name"/>.</summary>
    public static byte[] Question(string name) => [.. Name(name), 0, 1, 0, 1];

    /// <summary>An A record; the owner is a compression pointer to <paramref name="ownerOffset"/> (12: the question's name).</summary>
    public static byte[] ARecord(int ownerOffset, byte a, byte b, byte c, byte d) =>
        [0xC0, (byte)ownerOffset, 0, 1, 0, 1, 0, 0, 0x0E, 0x10, 0, 4, a, b, c, d];

    /// <summary>A CNAME record from the name at <paramref name="ownerOffset"/> to <paramref name="target"/> (uncompressed).</summary>
    public static byte[] CnameRecord(int ownerOffset, string target)
    {
        var data = Name(target);
        return [0xC0, (byte)ownerOffset, 0, 5, 0, 1, 0, 0, 0x0E, 0x10, 0, (byte)data.Length, .. data];
    }

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
