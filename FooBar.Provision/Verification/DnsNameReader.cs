using System.Text;

namespace FooBar.Provision.Verification;

/// <summary>Reads domain names in DNS wire format, with compression pointers (RFC 1035 §4.1.4).</summary>
/// <remarks>Reading past the end of the packet throws <see cref="ArgumentOutOfRangeException"/>, which callers report as truncation.</remarks>
internal static class DnsNameReader
{
    private const int MaxPointerJumps = 32;

    /// <summary>Reads the name at <paramref name="offset"/> and moves the offset past it.</summary>
    public static string Read(ReadOnlySpan<byte> packet, ref int offset)
    {
        var labels = new List<string>();
        var position = offset;
        var jumped = false;
        var jumps = 0;
        while (true)
        {
            int length = At(packet, position);
            if ((length & 0xC0) == 0xC0)
            {
                if (++jumps > MaxPointerJumps)
                {
                    throw new ArgumentOutOfRangeException(nameof(packet), "compression pointer loop");
                }

                if (!jumped)
                {
                    offset = position + 2;
                    jumped = true;
                }

                position = ((length & 0x3F) << 8) | At(packet, position + 1);
            }
            else if (length == 0)
            {
                if (!jumped)
                {
                    offset = position + 1;
                }

                return string.Join('.', labels);
            }
            else if ((length & 0xC0) != 0)
            {
                throw new ArgumentOutOfRangeException(nameof(packet), "unknown label type");
            }
            else
            {
                labels.Add(Encoding.ASCII.GetString(Slice(packet, position + 1, length)));
                position += 1 + length;
            }
        }
    }

    /// <summary>Moves <paramref name="offset"/> past the name there.</summary>
    public static void Skip(ReadOnlySpan<byte> packet, ref int offset) => Read(packet, ref offset);

    private static byte At(ReadOnlySpan<byte> packet, int index) =>
        (uint)index < (uint)packet.Length ? packet[index] : throw new ArgumentOutOfRangeException(nameof(packet), "name runs past the end");

    private static ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> packet, int start, int length) =>
        start + length <= packet.Length ? packet.Slice(start, length) : throw new ArgumentOutOfRangeException(nameof(packet), "label runs past the end");
}
