using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;

namespace CtiGateway.Protocol;

/// <summary>
/// Decodes the payload of a message frame into a <see cref="TlibMessage"/>. It allocates only the message, its
/// strings, byte arrays, masks and lists: no intermediate buffers and no boxing. Errors are non-fatal
/// <see cref="TlibProtocolException"/>s (MalformedMessage or InvalidAttribute) that carry what was decoded so far;
/// their <see cref="TlibProtocolException.Offset"/> counts from the start of the payload.
/// </summary>
public static class TlibMessageReader
{
    // The smallest attribute on the wire: u16 id, u8 tag and a 4-byte value (Int, or the length of an empty String).
    private const int MinAttributeSize = 7;

    // Ids below this are checked for duplicates in a stack bitmap; the rare ids above it in a pooled one.
    private const int LowIdLimit = 256;

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
    /// <remarks>
    /// On an error the exception's partial message carries the request's ReferenceID whenever it can be found in the
    /// payload, before or after the bad attribute (docs/wire-format.md, 3.1): see <see cref="FindReferenceId"/>.
    /// </remarks>
    public static TlibMessage Decode(ReadOnlySpan<byte> payload)
    {
        try
        {
            return DecodeAttributes(payload);
        }
        catch (TlibProtocolException ex) when (ex.Partial is { ReferenceID: null } partial)
        {
            if (FindReferenceId(payload) is { } referenceId)
            {
                partial.ReferenceID = referenceId;
            }

            throw;
        }
    }

    /// <summary>
    /// Finds the ReferenceID (2, tag Int) of a message payload without decoding it: walks the attribute list by type
    /// tags and length fields only, so a value that is bad in itself (a wrong tag, bad UTF-8, a bad list body, a
    /// duplicate) does not hide a ReferenceID after it. The walk stops, with no result, at an unknown tag or a length
    /// that runs past the payload: the attributes after it cannot be found. The first Int ReferenceID wins, as in
    /// <see cref="Decode(ReadOnlySpan{byte})"/>.
    /// </summary>
    /// <returns>The ReferenceID, or null when the payload has none that can be found.</returns>
    public static int? FindReferenceId(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 4)
        {
            return null;
        }

        int count = BinaryPrimitives.ReadUInt16BigEndian(payload[2..]);
        var pos = 4;
        for (var i = 0; i < count && payload.Length - pos >= 3; i++)
        {
            var id = (AttributeId)BinaryPrimitives.ReadUInt16BigEndian(payload[pos..]);
            var tag = (AttributeValueType)payload[pos + 2];
            pos += 3;
            long size;
            switch (tag)
            {
                case AttributeValueType.Int:
                    size = 4;
                    break;
                case AttributeValueType.Long:
                    size = 8;
                    break;
                case AttributeValueType.Time:
                    size = 12;
                    break;
                case AttributeValueType.Mask:
                    size = TlibMask.Length;
                    break;
                case AttributeValueType.String or AttributeValueType.Binary or AttributeValueType.List:
                    if (payload.Length - pos < 4)
                    {
                        return null;
                    }

                    size = 4L + BinaryPrimitives.ReadUInt32BigEndian(payload[pos..]);
                    break;
                default:
                    return null;
            }

            if (size > payload.Length - pos)
            {
                return null;
            }

            if (id == AttributeId.ReferenceID && tag == AttributeValueType.Int)
            {
                return BinaryPrimitives.ReadInt32BigEndian(payload[pos..]);
            }

            pos += (int)size;
        }

        return null;
    }

    private static TlibMessage DecodeAttributes(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 4)
        {
            Throw(ProtocolErrorKind.MalformedMessage, "Message payload is shorter than its 4-byte head.", 0, null, null);
        }

        var type = (MessageType)BinaryPrimitives.ReadUInt16BigEndian(payload);
        int count = BinaryPrimitives.ReadUInt16BigEndian(payload[2..]);

        // The count comes from the wire: presize by what the payload can actually hold, so that a 12-byte frame
        // claiming 65535 attributes does not make us allocate 2 MB.
        var message = new TlibMessage(type, Math.Min(count, (payload.Length - 4) / MinAttributeSize));

        // An inline array, not stackalloc: a method with stackalloc cannot tier up with profile-guided optimization.
        var seenLowBits = default(LowIdBitmap);
        Span<ulong> seenLow = seenLowBits;
        ulong[]? seenHigh = null;
        var pos = 4;

        // The first bad attribute (wrong tag or duplicate): reported after the whole message has been read, so that
        // the partial message carries everything else, the ReferenceID above all.
        var invalidOffset = -1;
        var invalidId = default(AttributeId);
        var invalidTag = default(AttributeValueType);
        for (var i = 0; i < count; i++)
        {
            var start = pos;
            if (payload.Length - pos < 3)
            {
                ThrowPastEnd(i, count, pos, message);
            }

            var id = (AttributeId)BinaryPrimitives.ReadUInt16BigEndian(payload[pos..]);
            var tag = (AttributeValueType)payload[pos + 2];
            pos += 3;

            // Wrong type tags and duplicates are skipped (the value is still read to find the next attribute) and the
            // first one is reported once the whole message has been read.
            var expected = AttributeCatalog.GetValueType(id);
            var accept = (expected == tag || expected == AttributeValueType.Unknown) && MarkSeen(seenLow, ref seenHigh, (int)id);

            // The value is read into its parts and stored from registers: copying an AttributeValue into the
            // attribute array costs a by-reference write barrier and a third of the decode time.
            long scalar = 0;
            var micro = 0;
            object? reference = null;
            switch (tag)
            {
                case AttributeValueType.Int:
                    Need(payload, pos, 4, id, message);
                    scalar = BinaryPrimitives.ReadInt32BigEndian(payload[pos..]);
                    pos += 4;
                    break;
                case AttributeValueType.Long:
                    Need(payload, pos, 8, id, message);
                    scalar = BinaryPrimitives.ReadInt64BigEndian(payload[pos..]);
                    pos += 8;
                    break;
                case AttributeValueType.Time:
                    Need(payload, pos, 12, id, message);
                    scalar = BinaryPrimitives.ReadInt64BigEndian(payload[pos..]);
                    micro = BinaryPrimitives.ReadInt32BigEndian(payload[(pos + 8)..]);
                    if (micro is < 0 or > 999_999)
                    {
                        ThrowMicroseconds(micro, pos + 8, id, message);
                    }

                    pos += 12;
                    break;
                case AttributeValueType.String:
                    reference = ReadString(payload, ref pos, id, message);
                    break;
                default:
                    pos = ReadObject(payload, pos, tag, id, message, out reference);
                    break;
            }

            if (accept)
            {
                message.AddUnchecked(id, tag, scalar, micro, reference);
                continue;
            }

            if (invalidOffset < 0)
            {
                invalidOffset = start;
                invalidId = id;
                invalidTag = tag;
            }
        }

        if (seenHigh is not null)
        {
            // An error thrown in the loop drops the rented bitmap instead: the pool copes, and the hot path has no try.
            ArrayPool<ulong>.Shared.Return(seenHigh);
        }

        if (pos != payload.Length)
        {
            ThrowTrailing(payload.Length - pos, count, pos, message);
        }

        if (invalidOffset >= 0)
        {
            ThrowInvalid(invalidId, invalidTag, invalidOffset, message);
        }

        return message;
    }

    /// <summary>Marks <paramref name="id"/> as seen; false when it was seen before.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool MarkSeen(Span<ulong> seenLow, ref ulong[]? seenHigh, int id)
    {
        Span<ulong> bits;
        if (id < LowIdLimit)
        {
            bits = seenLow;
        }
        else
        {
            bits = seenHigh ??= RentBitmap();
        }

        ref var word = ref bits[id >> 6];
        var bit = 1UL << (id & 63);
        if ((word & bit) != 0)
        {
            return false;
        }

        word |= bit;
        return true;
    }

    private static ulong[] RentBitmap()
    {
        var bits = ArrayPool<ulong>.Shared.Rent((ushort.MaxValue + 1) / 64);
        Array.Clear(bits);
        return bits;
    }

    /// <summary>Reads a String, Binary, List or Mask value at <paramref name="pos"/>; returns the position after it.</summary>
    private static int ReadObject(ReadOnlySpan<byte> p, int pos, AttributeValueType tag, AttributeId id, TlibMessage partial, out object? value)
    {
        switch (tag)
        {
            case AttributeValueType.String:
                value = ReadString(p, ref pos, id, partial);
                return pos;
            case AttributeValueType.Binary:
                value = ReadBytes(p, ref pos, id, partial).ToArray();
                return pos;
            case AttributeValueType.List:
                value = ReadList(p, ref pos, id, partial, 1);
                return pos;
            case AttributeValueType.Mask:
                Need(p, pos, TlibMask.Length, id, partial);
                value = new TlibMask(p.Slice(pos, TlibMask.Length));
                return pos + TlibMask.Length;
            default:
                ThrowUnknownTag(tag, pos - 1, id, partial);
                value = null;
                return pos;
        }
    }

    /// <summary>
    /// Reads a key-value list at <paramref name="pos"/> (u32 body length, pairs). Offsets stay relative to the
    /// payload: the body is bounded by slicing <paramref name="p"/> at its end, never at its start.
    /// </summary>
    private static KeyValueList ReadList(ReadOnlySpan<byte> p, ref int pos, AttributeId id, TlibMessage partial, int depth)
    {
        if (depth > TlibWire.MaxListDepth)
        {
            Throw(ProtocolErrorKind.MalformedMessage, $"Key-value list in {AttributeCatalog.GetName(id)} nests deeper than {TlibWire.MaxListDepth} levels.", pos, id, partial);
        }

        Need(p, pos, 4, id, partial);
        var length = BinaryPrimitives.ReadUInt32BigEndian(p[pos..]);
        if (length > (uint)(p.Length - pos - 4))
        {
            ThrowLength(p, pos, length, id, partial);
        }

        var i = pos + 4;
        var end = i + (int)length;
        var body = p[..end];
        var list = new KeyValueList(CountPairs(body, i));
        while (i < end)
        {
            if (end - i < 3)
            {
                Throw(ProtocolErrorKind.MalformedMessage, $"Key-value pair in {AttributeCatalog.GetName(id)} is cut short.", i, id, partial);
            }

            int keyLength = BinaryPrimitives.ReadUInt16BigEndian(body[i..]);
            i += 2;
            if (end - i < keyLength + 1)
            {
                Throw(ProtocolErrorKind.MalformedMessage, $"Key of a pair in {AttributeCatalog.GetName(id)} runs past the list.", i, id, partial);
            }

            var key = DecodeUtf8(body.Slice(i, keyLength), id, partial, i);
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
                    value = KeyValue.FromList(ReadList(body, ref i, id, partial, depth + 1));
                    break;
                default:
                    ThrowUnknownKeyValueType(key, type, i - 1, id, partial);
                    return list;
            }

            list.Add(key, value);
        }

        pos = end;
        return list;
    }

    /// <summary>
    /// Counts the pairs of a list body to presize it (one array, no growth). Stops quietly at the first
    /// inconsistency: the parse that follows reports it with its offset.
    /// </summary>
    private static int CountPairs(ReadOnlySpan<byte> body, int i)
    {
        var n = 0;
        while (body.Length - i >= 3)
        {
            i += 2 + BinaryPrimitives.ReadUInt16BigEndian(body[i..]);
            if ((uint)i >= (uint)body.Length)
            {
                return n + 1;
            }

            var type = (KeyValueType)body[i++];
            if (type == KeyValueType.Int)
            {
                i += 4;
            }
            else
            {
                if (body.Length - i < 4 || type > KeyValueType.Unicode)
                {
                    return n + 1;
                }

                var length = BinaryPrimitives.ReadUInt32BigEndian(body[i..]);
                if (length > (uint)(body.Length - i - 4))
                {
                    return n + 1;
                }

                i += 4 + (int)length;
            }

            n++;
        }

        return n;
    }

    private static string ReadString(ReadOnlySpan<byte> p, ref int pos, AttributeId id, TlibMessage partial)
    {
        var start = pos;
        var bytes = ReadBytes(p, ref pos, id, partial);
        return DecodeUtf8(bytes, id, partial, start + 4);
    }

    private static string DecodeUtf8(ReadOnlySpan<byte> bytes, AttributeId id, TlibMessage partial, int offset)
    {
        if (bytes.IsEmpty)
        {
            return string.Empty;
        }

        // Most T-Library strings (DNs, ConnIDs, keys) are ASCII: widening them in one vectorised pass is about 40%
        // faster than the general UTF-8 decoder.
        if (Ascii.IsValid(bytes))
        {
            return string.Create(bytes.Length, bytes, static (chars, ascii) => Ascii.ToUtf16(ascii, chars, out _));
        }

        if (!Utf8.IsValid(bytes))
        {
            Throw(ProtocolErrorKind.InvalidAttribute, $"Attribute {AttributeCatalog.GetName(id)} holds bytes that are not UTF-8.", offset, id, partial);
        }

        return Encoding.UTF8.GetString(bytes);
    }

    private static ReadOnlySpan<byte> ReadBytes(ReadOnlySpan<byte> p, ref int pos, AttributeId id, TlibMessage partial)
    {
        Need(p, pos, 4, id, partial);
        var length = BinaryPrimitives.ReadUInt32BigEndian(p[pos..]);
        if (length > (uint)(p.Length - pos - 4))
        {
            ThrowLength(p, pos, length, id, partial);
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
            ThrowNeed(p.Length - pos, pos, n, id, partial);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNeed(int remaining, int pos, int n, AttributeId id, TlibMessage partial) =>
        Throw(ProtocolErrorKind.MalformedMessage, $"Attribute {AttributeCatalog.GetName(id)} needs {n} bytes but only {remaining} remain.", pos, id, partial);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowLength(ReadOnlySpan<byte> p, int pos, uint length, AttributeId id, TlibMessage partial) =>
        Throw(ProtocolErrorKind.MalformedMessage, $"Attribute {AttributeCatalog.GetName(id)} claims {length} bytes but only {p.Length - pos - 4} remain.", pos, id, partial);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowTrailing(int extra, int count, int pos, TlibMessage partial) =>
        Throw(ProtocolErrorKind.MalformedMessage, $"{extra} bytes follow the last of {count} attributes.", pos, null, partial);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowInvalid(AttributeId id, AttributeValueType tag, int offset, TlibMessage partial)
    {
        var expected = AttributeCatalog.GetValueType(id);
        var reason = expected != tag && expected != AttributeValueType.Unknown
            ? $"Attribute {AttributeCatalog.GetName(id)} ({(int)id}) must be {expected}, not {tag}."
            : $"Attribute {AttributeCatalog.GetName(id)} ({(int)id}) appears twice.";
        Throw(ProtocolErrorKind.InvalidAttribute, reason, offset, id, partial);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowMicroseconds(int micro, int pos, AttributeId id, TlibMessage partial) =>
        Throw(ProtocolErrorKind.InvalidAttribute, $"Attribute {AttributeCatalog.GetName(id)} has {micro} microseconds (0-999999).", pos, id, partial);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowUnknownTag(AttributeValueType tag, int pos, AttributeId id, TlibMessage partial) =>
        Throw(ProtocolErrorKind.MalformedMessage, $"Attribute {AttributeCatalog.GetName(id)} ({(int)id}) has unknown type tag {(byte)tag}.", pos, id, partial);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowUnknownKeyValueType(string key, KeyValueType type, int pos, AttributeId id, TlibMessage partial) =>
        Throw(ProtocolErrorKind.InvalidAttribute, $"Key '{key}' in {AttributeCatalog.GetName(id)} has unknown value type {(byte)type}.", pos, id, partial);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowPastEnd(int index, int count, int pos, TlibMessage partial) =>
        Throw(ProtocolErrorKind.MalformedMessage, $"Attribute {index + 1} of {count} starts past the end of the message.", pos, null, partial);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Throw(ProtocolErrorKind kind, string message, long offset, AttributeId? id, TlibMessage? partial) =>
        throw new TlibProtocolException(kind, message, offset, id, partial);

    /// <summary>One bit per attribute id below <see cref="LowIdLimit"/>.</summary>
    [InlineArray(LowIdLimit / 64)]
    private struct LowIdBitmap
    {
        private ulong _word;
    }
}
