using System.Buffers.Binary;
using System.Text;

namespace FooBar.Provision.Transport.SshNet.Agent;

/// <summary>The SSH wire encoding the agent protocol uses: big-endian uint32 and length-prefixed strings (RFC 4251 §5).</summary>
internal static class AgentWire
{
    /// <summary>Appends <paramref name="value"/> as a uint32.</summary>
    public static void WriteUInt32(this List<byte> buffer, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        buffer.AddRange(bytes);
    }

    /// <summary>Appends <paramref name="value"/> as a string (uint32 length, then the bytes).</summary>
    public static void WriteString(this List<byte> buffer, ReadOnlySpan<byte> value)
    {
        buffer.WriteUInt32((uint)value.Length);
        buffer.AddRange(value);
    }

    /// <summary>Reads a uint32 at <paramref name="offset"/> and moves past it.</summary>
    /// <exception cref="AgentException">The data ends first.</exception>
    public static uint ReadUInt32(ReadOnlySpan<byte> data, ref int offset)
    {
        if (data.Length - offset < 4)
        {
            throw new AgentException("the agent's answer ends in the middle of a number");
        }

        var value = BinaryPrimitives.ReadUInt32BigEndian(data[offset..]);
        offset += 4;
        return value;
    }

    /// <summary>Reads a string at <paramref name="offset"/> and moves past it.</summary>
    /// <exception cref="AgentException">Its length runs past the data.</exception>
    public static byte[] ReadString(ReadOnlySpan<byte> data, ref int offset)
    {
        var length = ReadUInt32(data, ref offset);
        if (length > (uint)(data.Length - offset))
        {
            throw new AgentException($"the agent's answer announces a {length}-byte field but holds {data.Length - offset} bytes");
        }

        var value = data.Slice(offset, (int)length).ToArray();
        offset += (int)length;
        return value;
    }

    /// <summary>The key type named at the start of a public key or signature blob (<c>ssh-ed25519</c>, <c>rsa-sha2-512</c>…).</summary>
    /// <exception cref="AgentException">The blob does not start with a printable ASCII name.</exception>
    public static string LeadingName(ReadOnlySpan<byte> blob)
    {
        var offset = 0;
        var name = ReadString(blob, ref offset);
        if (name.Length is 0 or > 256 || name.Any(b => b is < 0x21 or > 0x7e))
        {
            throw new AgentException("a key from the agent does not start with a key type name");
        }

        return Encoding.ASCII.GetString(name);
    }
}
