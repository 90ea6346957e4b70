using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace FooBar.Provision.Transport.HostKeys;

/// <summary>Writes the SSH wire encoding (RFC 4251 §5), for canonical key blobs.</summary>
internal sealed class SshWireWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new();

    /// <summary>Appends a length-prefixed byte string.</summary>
    public SshWireWriter Bytes(ReadOnlySpan<byte> value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.GetSpan(4), (uint)value.Length);
        _buffer.Advance(4);
        _buffer.Write(value);
        return this;
    }

    /// <summary>Appends a length-prefixed UTF-8 string.</summary>
    public SshWireWriter Text(string value) => Bytes(Encoding.UTF8.GetBytes(value));

    /// <summary>Appends a positive mpint from its unsigned big-endian magnitude (no leading zeros).</summary>
    public SshWireWriter PositiveMpint(byte[] magnitude) =>
        magnitude.Length > 0 && (magnitude[0] & 0x80) != 0 ? Bytes([0, .. magnitude]) : Bytes(magnitude);

    /// <summary>The bytes written so far.</summary>
    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();
}
