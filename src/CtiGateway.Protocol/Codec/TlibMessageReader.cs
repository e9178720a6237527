using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace CtiGateway.Protocol;

/// <summary>
/// Decodes the payload of a message frame into a <see cref="TlibMessage"/>. It allocates only the message, its
/// strings, byte arrays, masks and lists: no intermediate buffers and no boxing. Errors are non-fatal
/// <see cref="TlibProtocolException"/>s (MalformedMessage or InvalidAttribute) that carry what was decoded so far.
/// </summary>
public static class TlibMessageReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes a message payload (the bytes after the frame header).</summary>
    public static TlibMessage Decode(in ReadOnlySequence<byte> payload)
    {
        if (payload.IsSingleSegment)
        {
            return Decode(payload.FirstSpan);
        }

        var length = checked((int)payload.Length);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            payload.CopyTo(rented);
            return Decode(rented.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Decodes a message payload (the bytes after the frame header).</summary>
    public static TlibMessage Decode(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 4)
        {
            Throw(ProtocolErrorKind.MalformedMessage, "Message payload is shorter than its 4-byte head.", 0, null, null);
        }

        var type = (MessageType)BinaryPrimitives.ReadUInt16BigEndian(payload);
        int count = BinaryPrimitives.ReadUInt16BigEndian(payload[2..]);
        var message = new TlibMessage(type, count);
        var pos = 4;
        AttributeId? invalid = null;
        string? invalidReason = null;
        var invalidOffset = 0;
        for (var i = 0; i < count; i++)
        {
            var start = pos;
            if (payload.Length - pos < 3)
            {
                Throw(ProtocolErrorKind.MalformedMessage, $"Attribute {i + 1} of {count} starts past the end of the message.", pos, null, message);
            }

            var id = (AttributeId)BinaryPrimitives.ReadUInt16BigEndian(payload[pos..]);
            var tag = (AttributeValueType)payload[pos + 2];
            pos += 3;
            var value = ReadValue(payload, ref pos, tag, id, message);
            var expected = AttributeCatalog.GetValueType(id);
            if (expected != AttributeValueType.Unknown && expected != tag)
            {
                if (invalid is null)
                {
                    invalid = id;
                    invalidReason = $"Attribute {AttributeCatalog.GetName(id)} ({(int)id}) must be {expected}, not {tag}.";
                    invalidOffset = start;
                }

                continue;
            }

            if (message.Has(id))
            {
                if (invalid is null)
                {
                    invalid = id;
                    invalidReason = $"Attribute {AttributeCatalog.GetName(id)} ({(int)id}) appears twice.";
                    invalidOffset = start;
                }

                continue;
            }

            message.AddUnchecked(id, value);
        }

        if (pos != payload.Length)
        {
            Throw(ProtocolErrorKind.MalformedMessage, $"{payload.Length - pos} bytes follow the last of {count} attributes.", pos, null, message);
        }

        if (invalid is not null)
        {
            Throw(ProtocolErrorKind.InvalidAttribute, invalidReason!, invalidOffset, invalid, message);
        }

        return message;
    }

    private static AttributeValue ReadValue(ReadOnlySpan<byte> p, ref int pos, AttributeValueType tag, AttributeId id, TlibMessage partial)
    {
        switch (tag)
        {
            case AttributeValueType.String:
                return AttributeValue.FromString(ReadString(p, ref pos, id, partial));
            case AttributeValueType.Int:
                Need(p, pos, 4, id, partial);
                pos += 4;
                return AttributeValue.FromInt(BinaryPrimitives.ReadInt32BigEndian(p[(pos - 4)..]));
            case AttributeValueType.Long:
                Need(p, pos, 8, id, partial);
                pos += 8;
                return AttributeValue.FromLong(BinaryPrimitives.ReadInt64BigEndian(p[(pos - 8)..]));
            case AttributeValueType.Binary:
                return AttributeValue.FromBinary(ReadBytes(p, ref pos, id, partial).ToArray());
            case AttributeValueType.List:
                return AttributeValue.FromList(ReadList(p, ref pos, id, partial, 1));
            case AttributeValueType.Mask:
                Need(p, pos, TlibMask.Length, id, partial);
                pos += TlibMask.Length;
                return AttributeValue.FromMask(new TlibMask(p.Slice(pos - TlibMask.Length, TlibMask.Length)));
            case AttributeValueType.Time:
                Need(p, pos, 12, id, partial);
                var seconds = BinaryPrimitives.ReadInt64BigEndian(p[pos..]);
                var micro = BinaryPrimitives.ReadInt32BigEndian(p[(pos + 8)..]);
                if (micro is < 0 or > 999_999)
                {
                    Throw(ProtocolErrorKind.InvalidAttribute, $"Attribute {AttributeCatalog.GetName(id)} has {micro} microseconds (0-999999).", pos + 8, id, partial);
                }

                pos += 12;
                return AttributeValue.FromTime(new TlibTime(seconds, micro));
            default:
                Throw(ProtocolErrorKind.MalformedMessage, $"Attribute {AttributeCatalog.GetName(id)} ({(int)id}) has unknown type tag {(byte)tag}.", pos - 1, id, partial);
                return default;
        }
    }

    private static KeyValueList ReadList(ReadOnlySpan<byte> p, ref int pos, AttributeId id, TlibMessage partial, int depth)
    {
        if (depth > TlibWire.MaxListDepth)
        {
            Throw(ProtocolErrorKind.MalformedMessage, $"Key-value list in {AttributeCatalog.GetName(id)} nests deeper than {TlibWire.MaxListDepth} levels.", pos, id, partial);
        }

        var body = ReadBytes(p, ref pos, id, partial);
        var bodyStart = pos - body.Length;
        var list = new KeyValueList();
        var i = 0;
        while (i < body.Length)
        {
            if (body.Length - i < 3)
            {
                Throw(ProtocolErrorKind.MalformedMessage, $"Key-value pair in {AttributeCatalog.GetName(id)} is cut short.", bodyStart + i, id, partial);
            }

            int keyLength = BinaryPrimitives.ReadUInt16BigEndian(body[i..]);
            i += 2;
            if (body.Length - i < keyLength + 1)
            {
                Throw(ProtocolErrorKind.MalformedMessage, $"Key of a pair in {AttributeCatalog.GetName(id)} runs past the list.", bodyStart + i, id, partial);
            }

            var key = Utf8(body.Slice(i, keyLength), id, partial, bodyStart + i);
            i += keyLength;
            var type = (KeyValueType)body[i++];
            KeyValue value;
            switch (type)
            {
                case KeyValueType.String:
                    value = KeyValue.FromString(ReadString(body, ref i, id, partial));
                    break;
                case KeyValueType.Unicode:
                    value = KeyValue.FromUnicode(ReadString(body, ref i, id, partial));
                    break;
                case KeyValueType.Int:
                    Need(body, i, 4, id, partial);
                    value = KeyValue.FromInt(BinaryPrimitives.ReadInt32BigEndian(body[i..]));
                    i += 4;
                    break;
                case KeyValueType.Binary:
                    value = KeyValue.FromBinary(ReadBytes(body, ref i, id, partial).ToArray());
                    break;
                case KeyValueType.List:
                    var nestedPos = i;
                    value = KeyValue.FromList(ReadList(body, ref nestedPos, id, partial, depth + 1));
                    i = nestedPos;
                    break;
                default:
                    Throw(ProtocolErrorKind.InvalidAttribute, $"Key '{key}' in {AttributeCatalog.GetName(id)} has unknown value type {(byte)type}.", bodyStart + i - 1, id, partial);
                    return list;
            }

            list.Add(key, value);
        }

        return list;
    }

    private static string ReadString(ReadOnlySpan<byte> p, ref int pos, AttributeId id, TlibMessage partial)
    {
        var start = pos;
        var bytes = ReadBytes(p, ref pos, id, partial);
        return Utf8(bytes, id, partial, start + 4);
    }

    private static string Utf8(ReadOnlySpan<byte> bytes, AttributeId id, TlibMessage partial, int offset)
    {
        if (bytes.IsEmpty)
        {
            return string.Empty;
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            Throw(ProtocolErrorKind.InvalidAttribute, $"Attribute {AttributeCatalog.GetName(id)} holds bytes that are not UTF-8.", offset, id, partial);
            return string.Empty;
        }
    }

    private static ReadOnlySpan<byte> ReadBytes(ReadOnlySpan<byte> p, ref int pos, AttributeId id, TlibMessage partial)
    {
        Need(p, pos, 4, id, partial);
        var length = BinaryPrimitives.ReadUInt32BigEndian(p[pos..]);
        if (length > (uint)(p.Length - pos - 4))
        {
            Throw(ProtocolErrorKind.MalformedMessage, $"Attribute {AttributeCatalog.GetName(id)} claims {length} bytes but only {p.Length - pos - 4} remain.", pos, id, partial);
        }

        var slice = p.Slice(pos + 4, (int)length);
        pos += 4 + (int)length;
        return slice;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Need(ReadOnlySpan<byte> p, int pos, int n, AttributeId id, TlibMessage partial)
    {
        if (p.Length - pos < n)
        {
            Throw(ProtocolErrorKind.MalformedMessage, $"Attribute {AttributeCatalog.GetName(id)} needs {n} bytes but only {p.Length - pos} remain.", pos, id, partial);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Throw(ProtocolErrorKind kind, string message, long offset, AttributeId? id, TlibMessage? partial) =>
        throw new TlibProtocolException(kind, message, offset, id, partial);
}
