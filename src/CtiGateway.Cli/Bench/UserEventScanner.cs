using System.Buffers.Binary;

namespace CtiGateway.Cli.Bench;

/// <summary>
/// An allocation-free decoder of message payloads for the bench's receive loops: it walks and bounds-checks every
/// attribute and every key-value pair (as <see cref="TlibMessageReader"/> would, without building objects) and picks
/// out the message type, ReferenceID, ThisDN, ConnID and the bench keys of UserData.
/// </summary>
internal static class UserEventScanner
{
    /// <summary>UserData key of the per-DN sequence number (Int).</summary>
    public const string SequenceKey = "BenchSeq";

    /// <summary>UserData key of the send time (8-byte big-endian <see cref="System.Diagnostics.Stopwatch"/> ticks).</summary>
    public const string TimestampKey = "BenchTime";

    /// <summary>UserData key of the padding (Binary).</summary>
    public const string PaddingKey = "BenchPad";

    private static ReadOnlySpan<byte> SequenceKeyUtf8 => "BenchSeq"u8;

    private static ReadOnlySpan<byte> TimestampKeyUtf8 => "BenchTime"u8;

    /// <summary>Scans a message payload (after the 8-byte frame header); false when it is malformed.</summary>
    public static bool TryScan(ReadOnlySpan<byte> payload, out ScannedMessage message)
    {
        message = default;
        if (payload.Length < 4)
        {
            return false;
        }

        message.Reset((MessageType)BinaryPrimitives.ReadUInt16BigEndian(payload));
        int count = BinaryPrimitives.ReadUInt16BigEndian(payload[2..]);
        var pos = 4;
        for (var i = 0; i < count; i++)
        {
            if (payload.Length - pos < 3)
            {
                return false;
            }

            var id = (AttributeId)BinaryPrimitives.ReadUInt16BigEndian(payload[pos..]);
            var tag = (AttributeValueType)payload[pos + 2];
            pos += 3;
            switch (tag)
            {
                case AttributeValueType.String or AttributeValueType.Binary:
                    if (!TryLength(payload, pos, out var length))
                    {
                        return false;
                    }

                    if (id == AttributeId.ThisDN && tag == AttributeValueType.String)
                    {
                        message.ThisDNOffset = pos + 4;
                        message.ThisDNLength = length;
                    }

                    pos += 4 + length;
                    break;
                case AttributeValueType.Int:
                    if (payload.Length - pos < 4)
                    {
                        return false;
                    }

                    if (id == AttributeId.ReferenceID)
                    {
                        message.ReferenceId = BinaryPrimitives.ReadInt32BigEndian(payload[pos..]);
                        message.ReferenceIdOffset = pos;
                    }

                    pos += 4;
                    break;
                case AttributeValueType.List:
                    if (!TryLength(payload, pos, out var listLength)
                        || !TryScanList(payload.Slice(pos + 4, listLength), pos + 4, id == AttributeId.UserData, 1, ref message))
                    {
                        return false;
                    }

                    pos += 4 + listLength;
                    break;
                case AttributeValueType.Long:
                    if (id == AttributeId.ConnID && payload.Length - pos >= 8)
                    {
                        message.ConnId = BinaryPrimitives.ReadInt64BigEndian(payload[pos..]);
                    }

                    pos += 8;
                    break;
                case AttributeValueType.Mask:
                    pos += TlibMask.Length;
                    break;
                case AttributeValueType.Time:
                    pos += 12;
                    break;
                default:
                    return false;
            }

            if (pos > payload.Length)
            {
                return false;
            }
        }

        return pos == payload.Length;
    }

    private static bool TryScanList(ReadOnlySpan<byte> body, int bodyOffset, bool userData, int depth, ref ScannedMessage message)
    {
        if (depth > TlibWire.MaxListDepth)
        {
            return false;
        }

        var i = 0;
        while (i < body.Length)
        {
            if (body.Length - i < 3)
            {
                return false;
            }

            int keyLength = BinaryPrimitives.ReadUInt16BigEndian(body[i..]);
            if (body.Length - i - 2 < keyLength + 1)
            {
                return false;
            }

            var key = body.Slice(i + 2, keyLength);
            var type = (KeyValueType)body[i + 2 + keyLength];
            i += 3 + keyLength;
            switch (type)
            {
                case KeyValueType.Int:
                    if (body.Length - i < 4)
                    {
                        return false;
                    }

                    if (userData && depth == 1 && key.SequenceEqual(SequenceKeyUtf8))
                    {
                        message.Sequence = BinaryPrimitives.ReadInt32BigEndian(body[i..]);
                        message.SequenceOffset = bodyOffset + i;
                    }

                    i += 4;
                    break;
                case KeyValueType.String or KeyValueType.Unicode or KeyValueType.Binary:
                    if (!TryLength(body, i, out var length))
                    {
                        return false;
                    }

                    if (userData && depth == 1 && type == KeyValueType.Binary && length == 8 && key.SequenceEqual(TimestampKeyUtf8))
                    {
                        message.Timestamp = BinaryPrimitives.ReadInt64BigEndian(body[(i + 4)..]);
                        message.TimestampOffset = bodyOffset + i + 4;
                    }

                    i += 4 + length;
                    break;
                case KeyValueType.List:
                    if (!TryLength(body, i, out var nested) || !TryScanList(body.Slice(i + 4, nested), bodyOffset + i + 4, false, depth + 1, ref message))
                    {
                        return false;
                    }

                    i += 4 + nested;
                    break;
                default:
                    return false;
            }
        }

        return true;
    }

    private static bool TryLength(ReadOnlySpan<byte> span, int pos, out int length)
    {
        if (span.Length - pos < 4)
        {
            length = 0;
            return false;
        }

        var value = BinaryPrimitives.ReadUInt32BigEndian(span[pos..]);
        length = (int)value;
        return value <= (uint)(span.Length - pos - 4);
    }
}
