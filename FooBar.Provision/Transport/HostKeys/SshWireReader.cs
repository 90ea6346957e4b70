using System.Buffers.Binary;
using System.Text;

namespace FooBar.Provision.Transport.HostKeys;

/// <summary>Reads the SSH wire encoding (RFC 4251 §5): uint32, uint64, string and mpint, with bounds checked.</summary>
internal sealed class SshWireReader(byte[] data)
{
    private int _position;

    /// <summary>Where the next read starts.</summary>
    public int Position => _position;

    /// <summary>True when every byte has been read.</summary>
    public bool AtEnd => _position == data.Length;

    /// <summary>A big-endian uint32.</summary>
    public uint UInt32() => BinaryPrimitives.ReadUInt32BigEndian(Take(4));

    /// <summary>A big-endian uint64.</summary>
    public ulong UInt64() => BinaryPrimitives.ReadUInt64BigEndian(Take(8));

    /// <summary>A length-prefixed byte string.</summary>
    public byte[] Bytes()
    {
        var length = UInt32();
        if (length > data.Length - _position)
        {
            throw new FormatException($"a string of {length} bytes runs past the end of the {data.Length}-byte blob");
        }

        return Take((int)length).ToArray();
    }

    /// <summary>A length-prefixed string, decoded as UTF-8.</summary>
    public string Text() => Encoding.UTF8.GetString(Bytes());

    /// <summary>An mpint, as its unsigned big-endian magnitude without leading zero bytes (the key material must be positive).</summary>
    public byte[] PositiveMpint()
    {
        var raw = Bytes();
        if (raw.Length > 0 && (raw[0] & 0x80) != 0)
        {
            throw new FormatException("a negative mpint where a positive number belongs");
        }

        var start = 0;
        while (start < raw.Length && raw[start] == 0)
        {
            start++;
        }

        return raw[start..];
    }

    /// <summary>Throws unless every byte has been read.</summary>
    public void End()
    {
        if (!AtEnd)
        {
            throw new FormatException($"{data.Length - _position} bytes left over at the end of the blob");
        }
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > data.Length - _position)
        {
            throw new FormatException($"the blob ends after {data.Length} bytes, in the middle of a field");
        }

        var span = data.AsSpan(_position, count);
        _position += count;
        return span;
    }
}
