using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace CtiGateway.Protocol;

/// <summary>
/// Writes messages and ADDP frames in the CtiGateway wire format to an <see cref="IBufferWriter{T}"/>.
/// Pure and allocation-free: it asks the writer for one span of the worst-case size, writes, and advances by what it
/// used.
/// </summary>
public static class TlibMessageWriter
{
    /// <summary>Writes one message frame; returns the number of bytes written.</summary>
    /// <exception cref="TlibProtocolException">The encoded frame would exceed <paramref name="maxFrameSize"/>, or a value cannot be encoded.</exception>
    public static int Write(TlibMessage message, IBufferWriter<byte> output, int maxFrameSize = TlibWire.DefaultMaxFrameSize)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(output);
        var bound = MaxSize(message);
        if (bound > maxFrameSize)
        {
            // The worst case counts 3 bytes a char; measure exactly before asking the writer for a huge span.
            var exact = ExactSize(message);
            if (exact > maxFrameSize)
            {
                ThrowTooLarge(exact, maxFrameSize);
            }

            bound = (int)exact;
        }

        var span = output.GetSpan(bound);
        var written = Write(message, span);
        if (written > maxFrameSize)
        {
            ThrowTooLarge(written, maxFrameSize);
        }

        output.Advance(written);
        return written;
    }

    /// <summary>Writes one message frame into <paramref name="destination"/>, which must hold <see cref="MaxSize"/> bytes.</summary>
    /// <exception cref="TlibProtocolException">A value cannot be encoded (list nesting, key length, microseconds).</exception>
    public static int Write(TlibMessage message, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(message);
        var attributes = message.Attributes;
        if (attributes.Length > ushort.MaxValue)
        {
            throw new TlibProtocolException(ProtocolErrorKind.MalformedMessage, "A message carries at most 65535 attributes.");
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination[8..], (ushort)message.Type);
        BinaryPrimitives.WriteUInt16BigEndian(destination[10..], (ushort)attributes.Length);
        var pos = 12;
        foreach (ref readonly var a in attributes)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[pos..], (ushort)a.Id);
            destination[pos + 2] = (byte)a.Value.Type;
            pos += 3;
            pos += WriteValue(a.Id, a.Value, destination[pos..]);
        }

        WriteHeader(destination, FrameKind.Message, pos - TlibWire.HeaderSize);
        return pos;
    }

    /// <summary>The worst-case encoded size of <paramref name="message"/> (strings counted at 3 bytes a char).</summary>
    public static int MaxSize(TlibMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        long size = TlibWire.HeaderSize + 4;
        foreach (ref readonly var a in message.Attributes)
        {
            size += 3 + MaxValueSize(a.Value);
        }

        return size > int.MaxValue / 2 ? throw new TlibProtocolException(ProtocolErrorKind.FrameTooLarge, "Message too large to encode.") : (int)size;
    }

    /// <summary>The exact encoded size of <paramref name="message"/>, header included (counts UTF-8 bytes).</summary>
    public static long ExactSize(TlibMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        long size = TlibWire.HeaderSize + 4;
        foreach (ref readonly var a in message.Attributes)
        {
            size += 3 + ExactValueSize(a.Value);
        }

        return size;
    }

    /// <summary>Writes an ADDP poll or reply frame (12 bytes).</summary>
    public static int WriteAddp(FrameKind kind, uint sequence, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (kind is not (FrameKind.AddpPoll or FrameKind.AddpReply))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only AddpPoll and AddpReply carry a sequence number.");
        }

        var span = output.GetSpan(12);
        WriteHeader(span, kind, 4);
        BinaryPrimitives.WriteUInt32BigEndian(span[8..], sequence);
        output.Advance(12);
        return 12;
    }

    /// <summary>Writes an ADDP hello frame (13 bytes).</summary>
    public static int WriteAddpHello(AddpHello hello, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var span = output.GetSpan(13);
        WriteHeader(span, FrameKind.AddpHello, 5);
        BinaryPrimitives.WriteUInt16BigEndian(span[8..], hello.LocalTimeoutSeconds);
        BinaryPrimitives.WriteUInt16BigEndian(span[10..], hello.RemoteTimeoutSeconds);
        span[12] = (byte)hello.Trace;
        output.Advance(13);
        return 13;
    }

    private static void WriteHeader(Span<byte> destination, FrameKind kind, int payloadLength)
    {
        destination[0] = TlibWire.Magic0;
        destination[1] = TlibWire.Magic1;
        destination[2] = TlibWire.Version;
        destination[3] = (byte)kind;
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], (uint)payloadLength);
    }

    private static int WriteValue(AttributeId id, in AttributeValue value, Span<byte> destination)
    {
        switch (value.Type)
        {
            case AttributeValueType.String:
                return WriteString(value.AsString(), destination);
            case AttributeValueType.Int:
                BinaryPrimitives.WriteInt32BigEndian(destination, value.AsInt());
                return 4;
            case AttributeValueType.Long:
                BinaryPrimitives.WriteInt64BigEndian(destination, value.AsLong());
                return 8;
            case AttributeValueType.Binary:
                return WriteBytes(value.AsBinary(), destination);
            case AttributeValueType.List:
                return WriteList(value.AsList(), destination, 1);
            case AttributeValueType.Mask:
                value.AsMask().Bytes.CopyTo(destination);
                return TlibMask.Length;
            case AttributeValueType.Time:
                var t = value.AsTime();
                if (t.Microseconds is < 0 or > 999_999)
                {
                    throw new TlibProtocolException(ProtocolErrorKind.InvalidAttribute, $"Attribute {AttributeCatalog.GetName(id)} has {t.Microseconds} microseconds (0-999999).", -1, id);
                }

                BinaryPrimitives.WriteInt64BigEndian(destination, t.Seconds);
                BinaryPrimitives.WriteInt32BigEndian(destination[8..], t.Microseconds);
                return 12;
            default:
                throw new TlibProtocolException(ProtocolErrorKind.InvalidAttribute, $"Value type {value.Type} cannot be encoded.", -1, id);
        }
    }

    /// <summary>Writes u32 length + UTF-8. ASCII (most DNs, ids and keys) is narrowed in one vectorised pass.</summary>
    private static int WriteString(string s, Span<byte> destination)
    {
        var n = Utf8Bytes(s, destination[4..]);
        BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)n);
        return 4 + n;
    }

    private static int Utf8Bytes(string s, Span<byte> destination)
    {
        if (Ascii.FromUtf16(s, destination, out var n) == OperationStatus.Done)
        {
            return n;
        }

        return n + Encoding.UTF8.GetBytes(s.AsSpan(n), destination[n..]);
    }

    private static int WriteBytes(ReadOnlySpan<byte> bytes, Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)bytes.Length);
        bytes.CopyTo(destination[4..]);
        return 4 + bytes.Length;
    }

    private static int WriteList(KeyValueList list, Span<byte> destination, int depth)
    {
        if (depth > TlibWire.MaxListDepth)
        {
            throw new TlibProtocolException(ProtocolErrorKind.MalformedMessage, $"Key-value lists nest deeper than {TlibWire.MaxListDepth} levels.");
        }

        var pos = 4;
        foreach (var pair in list)
        {
            var keyLength = Utf8Bytes(pair.Key, destination[(pos + 2)..]);
            if (keyLength > ushort.MaxValue)
            {
                throw new TlibProtocolException(ProtocolErrorKind.InvalidAttribute, "A key-value list key is longer than 65535 bytes.");
            }

            BinaryPrimitives.WriteUInt16BigEndian(destination[pos..], (ushort)keyLength);
            pos += 2 + keyLength;
            var v = pair.Value;
            destination[pos++] = (byte)v.Type;
            switch (v.Type)
            {
                case KeyValueType.String:
                case KeyValueType.Unicode:
                    pos += WriteString(v.AsString(), destination[pos..]);
                    break;
                case KeyValueType.Int:
                    BinaryPrimitives.WriteInt32BigEndian(destination[pos..], v.AsInt());
                    pos += 4;
                    break;
                case KeyValueType.Binary:
                    pos += WriteBytes(v.AsBinary(), destination[pos..]);
                    break;
                case KeyValueType.List:
                    pos += WriteList(v.AsList(), destination[pos..], depth + 1);
                    break;
                default:
                    throw new TlibProtocolException(ProtocolErrorKind.InvalidAttribute, $"Key-value type {v.Type} cannot be encoded.");
            }
        }

        BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)(pos - 4));
        return pos;
    }

    private static long MaxValueSize(in AttributeValue value) => value.Type switch
    {
        AttributeValueType.String => 4 + ((long)value.AsString().Length * 3),
        AttributeValueType.Int => 4,
        AttributeValueType.Long => 8,
        AttributeValueType.Binary => 4 + value.AsBinary().Length,
        AttributeValueType.List => MaxListSize(value.AsList()),
        AttributeValueType.Mask => TlibMask.Length,
        AttributeValueType.Time => 12,
        _ => 0,
    };

    private static long MaxListSize(KeyValueList list)
    {
        long size = 4;
        foreach (var pair in list)
        {
            size += 3 + ((long)pair.Key.Length * 3);
            var v = pair.Value;
            size += v.Type switch
            {
                KeyValueType.String or KeyValueType.Unicode => 4 + ((long)v.AsString().Length * 3),
                KeyValueType.Int => 4,
                KeyValueType.Binary => 4 + v.AsBinary().Length,
                KeyValueType.List => MaxListSize(v.AsList()),
                _ => 0,
            };
        }

        return size;
    }

    private static long ExactValueSize(in AttributeValue value) => value.Type switch
    {
        AttributeValueType.String => 4 + (long)Encoding.UTF8.GetByteCount(value.AsString()),
        AttributeValueType.List => ExactListSize(value.AsList()),
        _ => MaxValueSize(value),
    };

    private static long ExactListSize(KeyValueList list)
    {
        long size = 4;
        foreach (var pair in list)
        {
            size += 3 + (long)Encoding.UTF8.GetByteCount(pair.Key);
            var v = pair.Value;
            size += v.Type switch
            {
                KeyValueType.String or KeyValueType.Unicode => 4 + (long)Encoding.UTF8.GetByteCount(v.AsString()),
                KeyValueType.Int => 4,
                KeyValueType.Binary => 4 + v.AsBinary().Length,
                KeyValueType.List => ExactListSize(v.AsList()),
                _ => 0,
            };
        }

        return size;
    }

    private static void ThrowTooLarge(long size, int max) =>
        throw new TlibProtocolException(ProtocolErrorKind.FrameTooLarge, $"Encoded frame is {size} bytes, over the maximum frame size {max}.");
}
