using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace CtiGateway.Protocol;

/// <summary>
/// Writes messages and ADDP frames in the CtiGateway wire format to an <see cref="IBufferWriter{T}"/>.
/// Pure and allocation-free. One pass in the common case: it writes straight into the span the writer already holds
/// and advances by what it used; only when that span is too small does it size the frame (worst case, then exact if
/// that is over the maximum) and ask the writer for a span that big.
/// </summary>
public static class TlibMessageWriter
{
    // Below this the optimistic pass is not worth starting: no message with attributes fits anyway.
    private const int MinOptimisticSpan = 64;

    /// <summary>Writes one message frame; returns the number of bytes written.</summary>
    /// <exception cref="TlibProtocolException">The encoded frame would exceed <paramref name="maxFrameSize"/>, or a value cannot be encoded.</exception>
    public static int Write(TlibMessage message, IBufferWriter<byte> output, int maxFrameSize = TlibWire.DefaultMaxFrameSize)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(output);
        var span = output.GetSpan();
        var written = span.Length >= MinOptimisticSpan ? TryWrite(message, span) : -1;
        if (written < 0)
        {
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

            written = TryWrite(message, output.GetSpan(bound));
            if (written < 0)
            {
                throw new InvalidOperationException($"The buffer writer returned less than the {bound} bytes asked for.");
            }
        }

        if (written > maxFrameSize)
        {
            ThrowTooLarge(written, maxFrameSize);
        }

        output.Advance(written);
        return written;
    }

    /// <summary>Writes one message frame into <paramref name="destination"/>, which must hold <see cref="MaxSize"/> bytes.</summary>
    /// <exception cref="TlibProtocolException">A value cannot be encoded (list nesting, key length, microseconds).</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too small for the frame.</exception>
    public static int Write(TlibMessage message, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(message);
        var written = TryWrite(message, destination);
        return written >= 0 ? written : throw new ArgumentException($"The frame does not fit in {destination.Length} bytes.", nameof(destination));
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

    /// <summary>Writes the frame into <paramref name="d"/>; returns its length, or -1 when it does not fit.</summary>
    private static int TryWrite(TlibMessage message, Span<byte> d)
    {
        var attributes = message.Attributes;
        if (attributes.Length > ushort.MaxValue)
        {
            throw new TlibProtocolException(ProtocolErrorKind.MalformedMessage, "A message carries at most 65535 attributes.");
        }

        if (d.Length < TlibWire.HeaderSize + 4)
        {
            return -1;
        }

        BinaryPrimitives.WriteUInt16BigEndian(d[8..], (ushort)message.Type);
        BinaryPrimitives.WriteUInt16BigEndian(d[10..], (ushort)attributes.Length);
        var pos = 12;
        foreach (ref readonly var a in attributes)
        {
            if (d.Length - pos < 3)
            {
                return -1;
            }

            BinaryPrimitives.WriteUInt16BigEndian(d[pos..], (ushort)a.Id);
            d[pos + 2] = (byte)a.Value.Type;
            var n = TryWriteValue(a.Id, a.Value, d[(pos + 3)..]);
            if (n < 0)
            {
                return -1;
            }

            pos += 3 + n;
        }

        WriteHeader(d, FrameKind.Message, pos - TlibWire.HeaderSize);
        return pos;
    }

    private static int TryWriteValue(AttributeId id, in AttributeValue value, Span<byte> d)
    {
        switch (value.Type)
        {
            case AttributeValueType.String:
                return TryWriteString(value.AsString(), d);
            case AttributeValueType.Int:
                return BinaryPrimitives.TryWriteInt32BigEndian(d, value.AsInt()) ? 4 : -1;
            case AttributeValueType.Long:
                return BinaryPrimitives.TryWriteInt64BigEndian(d, value.AsLong()) ? 8 : -1;
            case AttributeValueType.Binary:
                return TryWriteBytes(value.AsBinary(), d);
            case AttributeValueType.List:
                return TryWriteList(value.AsList(), d, 1);
            case AttributeValueType.Mask:
                return value.AsMask().Bytes.TryCopyTo(d) ? TlibMask.Length : -1;
            case AttributeValueType.Time:
                var t = value.AsTime();
                if (t.Microseconds is < 0 or > 999_999)
                {
                    throw new TlibProtocolException(ProtocolErrorKind.InvalidAttribute, $"Attribute {AttributeCatalog.GetName(id)} has {t.Microseconds} microseconds (0-999999).", -1, id);
                }

                if (d.Length < 12)
                {
                    return -1;
                }

                BinaryPrimitives.WriteInt64BigEndian(d, t.Seconds);
                BinaryPrimitives.WriteInt32BigEndian(d[8..], t.Microseconds);
                return 12;
            default:
                throw new TlibProtocolException(ProtocolErrorKind.InvalidAttribute, $"Value type {value.Type} cannot be encoded.", -1, id);
        }
    }

    /// <summary>Writes u32 length + UTF-8, or returns -1 when it does not fit.</summary>
    private static int TryWriteString(string s, Span<byte> d)
    {
        if (d.Length < 4)
        {
            return -1;
        }

        var n = TryUtf8(s, d[4..]);
        if (n < 0)
        {
            return -1;
        }

        BinaryPrimitives.WriteUInt32BigEndian(d, (uint)n);
        return 4 + n;
    }

    /// <summary>
    /// UTF-8 of <paramref name="s"/> into <paramref name="d"/>, or -1 when it does not fit. ASCII (most DNs, ids and
    /// keys) is narrowed in one vectorised pass; the rest goes through the UTF-8 encoder.
    /// </summary>
    private static int TryUtf8(string s, Span<byte> d)
    {
        var status = Ascii.FromUtf16(s, d, out var n);
        if (status == OperationStatus.Done)
        {
            return n;
        }

        if (status == OperationStatus.DestinationTooSmall)
        {
            return -1;
        }

        var rest = s.AsSpan(n);
        if (d.Length - n < (long)rest.Length * 3 && d.Length - n < Encoding.UTF8.GetByteCount(rest))
        {
            return -1;
        }

        return n + Encoding.UTF8.GetBytes(rest, d[n..]);
    }

    private static int TryWriteBytes(ReadOnlySpan<byte> bytes, Span<byte> d)
    {
        if (d.Length - 4 < bytes.Length)
        {
            return -1;
        }

        BinaryPrimitives.WriteUInt32BigEndian(d, (uint)bytes.Length);
        bytes.CopyTo(d[4..]);
        return 4 + bytes.Length;
    }

    private static int TryWriteList(KeyValueList list, Span<byte> d, int depth)
    {
        if (depth > TlibWire.MaxListDepth)
        {
            throw new TlibProtocolException(ProtocolErrorKind.MalformedMessage, $"Key-value lists nest deeper than {TlibWire.MaxListDepth} levels.");
        }

        if (d.Length < 4)
        {
            return -1;
        }

        var pos = 4;
        foreach (var pair in list)
        {
            if (d.Length - pos < 3)
            {
                return -1;
            }

            // The key goes after its u16 length; the type byte follows it.
            var keyLength = TryUtf8(pair.Key, d[(pos + 2)..]);
            if (keyLength < 0 || d.Length - pos - 2 - keyLength < 1)
            {
                return -1;
            }

            if (keyLength > ushort.MaxValue)
            {
                throw new TlibProtocolException(ProtocolErrorKind.InvalidAttribute, "A key-value list key is longer than 65535 bytes.");
            }

            BinaryPrimitives.WriteUInt16BigEndian(d[pos..], (ushort)keyLength);
            pos += 2 + keyLength;
            var v = pair.Value;
            d[pos++] = (byte)v.Type;
            var n = v.Type switch
            {
                KeyValueType.String or KeyValueType.Unicode => TryWriteString(v.AsString(), d[pos..]),
                KeyValueType.Int => BinaryPrimitives.TryWriteInt32BigEndian(d[pos..], v.AsInt()) ? 4 : -1,
                KeyValueType.Binary => TryWriteBytes(v.AsBinary(), d[pos..]),
                KeyValueType.List => TryWriteList(v.AsList(), d[pos..], depth + 1),
                _ => throw new TlibProtocolException(ProtocolErrorKind.InvalidAttribute, $"Key-value type {v.Type} cannot be encoded."),
            };
            if (n < 0)
            {
                return -1;
            }

            pos += n;
        }

        BinaryPrimitives.WriteUInt32BigEndian(d, (uint)(pos - 4));
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
