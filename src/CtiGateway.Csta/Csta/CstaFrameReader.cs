using System.Buffers;
using System.Buffers.Binary;

namespace CtiGateway.Pbx.Csta;

/// <summary>
/// Cuts CSTA-XML frames (switch.md 1.2) from a TCP byte stream. TryRead contract: incomplete input returns false and
/// consumes nothing; malformed input throws <see cref="PbxFramingException"/> with causes "bad-header",
/// "length-under-header", "length-over-maximum" or "bad-invoke-id". The length is checked against the maximum
/// before any wait for the body, and each header byte is checked as soon as it arrives.
/// </summary>
public static class CstaFrameReader
{
    /// <summary>Reads one frame from the start of <paramref name="buffer"/> and advances it past the frame.</summary>
    /// <param name="buffer">The received bytes; advanced past the frame on success, untouched otherwise.</param>
    /// <param name="frame">The frame; its XML is a slice of <paramref name="buffer"/>.</param>
    /// <param name="maxFrameSize">Largest accepted frame, header included (8..65535).</param>
    public static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, out CstaFrame frame, int maxFrameSize = CstaWire.MaxFrameSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFrameSize, CstaWire.HeaderSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxFrameSize, CstaWire.MaxFrameSize);

        Span<byte> copy = stackalloc byte[CstaWire.HeaderSize];
        var h = Peek(buffer, copy);
        var check = Check(h, maxFrameSize);
        switch (check)
        {
            case CstaHeaderCheck.Incomplete:
                frame = default;
                return false;
            case CstaHeaderCheck.Valid:
                break;
            default:
                throw Error(check, h, maxFrameSize);
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(h[2..]);
        if (buffer.Length < length)
        {
            frame = default;
            return false;
        }

        var invokeId = ((h[4] - '0') * 1000) + ((h[5] - '0') * 100) + ((h[6] - '0') * 10) + (h[7] - '0');
        frame = new CstaFrame(invokeId, buffer.Slice(CstaWire.HeaderSize, length - CstaWire.HeaderSize));
        buffer = buffer.Slice(length);
        return true;
    }

    /// <summary>
    /// Resynchronises after a framing error (issue 3: "On TCP, after a bad header the link scans for the next valid
    /// header"). Drops leading bytes that cannot start a valid header. Returns true when a complete valid header now
    /// starts <paramref name="buffer"/>; false when more bytes are needed (the buffer then starts at the first
    /// position that could still be a header, or is empty). <paramref name="skipped"/> is the number of bytes
    /// dropped by this call: the caller adds them up, reports them as lost, and drops the link when the total goes
    /// over the maximum frame size without a valid header.
    /// </summary>
    public static bool TrySkipToNextHeader(ref ReadOnlySequence<byte> buffer, out long skipped, int maxFrameSize = CstaWire.MaxFrameSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFrameSize, CstaWire.HeaderSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxFrameSize, CstaWire.MaxFrameSize);

        var reader = new SequenceReader<byte>(buffer);
        Span<byte> h = stackalloc byte[CstaWire.HeaderSize];
        while (reader.TryAdvanceTo(0, advancePastDelimiter: false))
        {
            var available = (int)Math.Min(reader.Remaining, CstaWire.HeaderSize);
            reader.TryCopyTo(h[..available]);
            var check = Check(h[..available], maxFrameSize);
            if (check is CstaHeaderCheck.Valid or CstaHeaderCheck.Incomplete)
            {
                skipped = reader.Consumed;
                buffer = buffer.Slice(reader.Position);
                return check == CstaHeaderCheck.Valid;
            }

            reader.Advance(1);
        }

        skipped = buffer.Length;
        buffer = buffer.Slice(buffer.End);
        return false;
    }

    /// <summary>Checks the header bytes that have arrived so far (0..8 of them).</summary>
    internal static CstaHeaderCheck Check(ReadOnlySpan<byte> h, int maxFrameSize)
    {
        if ((h.Length >= 1 && h[0] != 0) || (h.Length >= 2 && h[1] != 0))
        {
            return CstaHeaderCheck.BadHeader;
        }

        if (h.Length >= 4)
        {
            int length = BinaryPrimitives.ReadUInt16BigEndian(h[2..]);
            if (length < CstaWire.HeaderSize)
            {
                return CstaHeaderCheck.LengthUnderHeader;
            }

            if (length > maxFrameSize)
            {
                return CstaHeaderCheck.LengthOverMaximum;
            }
        }

        for (var i = 4; i < h.Length; i++)
        {
            if ((uint)(h[i] - '0') > 9)
            {
                return CstaHeaderCheck.BadInvokeId;
            }
        }

        return h.Length < CstaWire.HeaderSize ? CstaHeaderCheck.Incomplete : CstaHeaderCheck.Valid;
    }

    private static ReadOnlySpan<byte> Peek(in ReadOnlySequence<byte> buffer, Span<byte> copy)
    {
        var available = (int)Math.Min(buffer.Length, CstaWire.HeaderSize);
        if (buffer.FirstSpan.Length >= available)
        {
            return buffer.FirstSpan[..available];
        }

        buffer.Slice(0, available).CopyTo(copy);
        return copy[..available];
    }

    private static PbxFramingException Error(CstaHeaderCheck check, ReadOnlySpan<byte> h, int maxFrameSize)
    {
        var bytes = h.ToArray();
        return check switch
        {
            CstaHeaderCheck.BadHeader => new PbxFramingException(
                "bad-header",
                $"CSTA-XML frame does not start with 00 00 (got {Convert.ToHexString(bytes, 0, Math.Min(2, bytes.Length))}).",
                h[0] != 0 ? 0 : 1,
                bytes),
            CstaHeaderCheck.LengthUnderHeader => new PbxFramingException(
                "length-under-header",
                $"CSTA-XML frame length {BinaryPrimitives.ReadUInt16BigEndian(h[2..])} is under the {CstaWire.HeaderSize}-byte header it includes.",
                2,
                bytes),
            CstaHeaderCheck.LengthOverMaximum => new PbxFramingException(
                "length-over-maximum",
                $"CSTA-XML frame length {BinaryPrimitives.ReadUInt16BigEndian(h[2..])} is over the maximum frame size {maxFrameSize}.",
                2,
                bytes),
            _ => new PbxFramingException(
                "bad-invoke-id",
                $"CSTA-XML invoke id is not four ASCII digits (got {Convert.ToHexString(bytes, 4, bytes.Length - 4)}).",
                4,
                bytes),
        };
    }
}
