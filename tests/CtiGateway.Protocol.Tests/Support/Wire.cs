using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace CtiGateway.Protocol.Tests.Support;

/// <summary>
/// Hand-made wire bytes, written field by field from the format description (not by the codec), so that tests can
/// build frames the writer would never produce.
/// </summary>
internal sealed class Wire
{
    private readonly List<byte> _bytes = [];

    /// <summary>Current length: the offset of the next field.</summary>
    public int Length => _bytes.Count;

    public Wire U8(int value)
    {
        _bytes.Add((byte)value);
        return this;
    }

    public Wire U16(int value)
    {
        Span<byte> b = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(b, (ushort)value);
        return Raw(b);
    }

    public Wire U32(uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, value);
        return Raw(b);
    }

    public Wire I32(int value) => U32(unchecked((uint)value));

    public Wire I64(long value)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(b, value);
        return Raw(b);
    }

    public Wire Raw(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            _bytes.Add(b);
        }

        return this;
    }

    /// <summary>u32 length + bytes (String, Binary and list bodies).</summary>
    public Wire Sized(ReadOnlySpan<byte> bytes) => U32((uint)bytes.Length).Raw(bytes);

    /// <summary>u32 length + UTF-8.</summary>
    public Wire Str(string value) => Sized(Encoding.UTF8.GetBytes(value));

    /// <summary>Attribute head: u16 id, u8 tag.</summary>
    public Wire Attr(AttributeId id, AttributeValueType tag) => U16((int)id).U8((int)tag);

    /// <summary>An Int attribute.</summary>
    public Wire IntAttr(AttributeId id, int value) => Attr(id, AttributeValueType.Int).I32(value);

    /// <summary>A String attribute.</summary>
    public Wire StrAttr(AttributeId id, string value) => Attr(id, AttributeValueType.String).Str(value);

    /// <summary>Key-value pair head: u16 key length, key, u8 type.</summary>
    public Wire Key(string key, KeyValueType type)
    {
        var k = Encoding.UTF8.GetBytes(key);
        return U16(k.Length).Raw(k).U8((int)type);
    }

    public byte[] ToArray() => [.. _bytes];

    /// <summary>A message payload: u16 type, u16 count, then <paramref name="attributes"/>.</summary>
    public static byte[] Payload(MessageType type, int count, Wire attributes) =>
        new Wire().U16((int)type).U16(count).Raw(attributes.ToArray()).ToArray();

    /// <summary>A frame: the 8-byte header and <paramref name="payload"/>.</summary>
    public static byte[] Frame(FrameKind kind, ReadOnlySpan<byte> payload) =>
        new Wire().U8(TlibWire.Magic0).U8(TlibWire.Magic1).U8(TlibWire.Version).U8((int)kind).U32((uint)payload.Length).Raw(payload).ToArray();

    /// <summary>Encodes <paramref name="message"/> with the codec and returns the frame bytes.</summary>
    public static byte[] Encode(TlibMessage message)
    {
        var w = new ArrayBufferWriter<byte>();
        TlibMessageWriter.Write(message, w);
        return w.WrittenSpan.ToArray();
    }

    /// <summary>Cuts one frame from <paramref name="frame"/> (which must hold exactly one) and decodes it.</summary>
    public static TlibMessage Decode(byte[] frame)
    {
        var seq = new ReadOnlySequence<byte>(frame);
        Assert.True(TlibFrameReader.TryReadFrame(ref seq, out var f));
        Assert.True(seq.IsEmpty);
        Assert.Equal(FrameKind.Message, f.Kind);
        return TlibMessageReader.Decode(f.Payload);
    }

    /// <summary>Decodes a bare payload and returns the error it must raise.</summary>
    public static TlibProtocolException DecodeError(byte[] payload) =>
        Assert.Throws<TlibProtocolException>(() => TlibMessageReader.Decode(payload));
}
