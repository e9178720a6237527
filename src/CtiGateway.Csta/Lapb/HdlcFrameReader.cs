using System.Buffers;
using System.Globalization;

namespace CtiGateway.Pbx.Lapb;

/// <summary>
/// Reads async HDLC frames (RFC 1662 octet stuffing, flag 0x7E, escape 0x7D, CRC-16/X.25 FCS) from a byte stream.
/// One instance per direction of a line: it remembers whether it is synchronised on a flag.
/// </summary>
/// <remarks>
/// Contract: an incomplete frame returns false and consumes nothing of it (leading flags and bytes discarded
/// while hunting for a flag may be consumed: they can never belong to a frame). A malformed frame throws
/// <see cref="PbxFramingException"/> after the buffer has been advanced past it, so the caller reports the
/// error and simply calls again: the reader resynchronises on the next flag.
/// </remarks>
internal sealed class HdlcFrameReader
{
    /// <summary>Cause for a frame whose FCS does not check.</summary>
    public const string CauseBadFcs = "bad-fcs";

    /// <summary>Cause for a frame longer than the maximum without a closing flag.</summary>
    public const string CauseLengthOverMaximum = "length-over-maximum";

    /// <summary>Cause for a frame shorter than address, control and FCS.</summary>
    public const string CauseFrameTooShort = "frame-too-short";

    /// <summary>Cause for the abort sequence 0x7D 0x7E.</summary>
    public const string CauseAborted = "frame-aborted";

    private const int MaxReportedBytes = 256;

    private bool _hunting = true;
    private long _offset;

    /// <summary>Stream offset of the first byte of the buffer the reader will see next.</summary>
    public long Position => _offset;

    /// <summary>True while the reader discards bytes until the next flag (at start and after a too-long frame).</summary>
    public bool IsHunting => _hunting;

    /// <summary>Reads the next good frame from <paramref name="buffer"/>.</summary>
    /// <param name="buffer">Received bytes; advanced past what was consumed.</param>
    /// <param name="frame">The frame (address, control, information; FCS removed).</param>
    /// <param name="maxFrameSize">Maximum of address + control + information bytes (N1 plus 2).</param>
    /// <returns>True when a frame was read; false when more bytes are needed.</returns>
    /// <exception cref="PbxFramingException">Bad FCS, too long, too short or aborted frame (buffer already resynchronised).</exception>
    public bool TryReadFrame(ref ReadOnlySequence<byte> buffer, out LapbFrameBytes frame, int maxFrameSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFrameSize, 2);
        frame = default;

        if (_hunting)
        {
            var flag = buffer.PositionOf(HdlcFrameWriter.Flag);
            if (flag is null)
            {
                Consume(ref buffer, buffer.End);
                return false;
            }

            Consume(ref buffer, buffer.GetPosition(1, flag.Value));
            _hunting = false;
        }

        // Skip idle flags between frames.
        var reader = new SequenceReader<byte>(buffer);
        var flags = reader.AdvancePast(HdlcFrameWriter.Flag);
        if (flags > 0)
        {
            Consume(ref buffer, reader.Position);
        }

        if (buffer.IsEmpty)
        {
            return false;
        }

        var limit = maxFrameSize + 2;
        var rented = ArrayPool<byte>.Shared.Rent(limit);
        try
        {
            reader = new SequenceReader<byte>(buffer);
            var count = 0;
            while (reader.TryRead(out var b))
            {
                if (b == HdlcFrameWriter.Flag)
                {
                    return Complete(ref buffer, reader.Position, rented.AsSpan(0, count), out frame);
                }

                if (b == HdlcFrameWriter.ControlEscape)
                {
                    if (!reader.TryRead(out var escaped))
                    {
                        return false;
                    }

                    if (escaped == HdlcFrameWriter.Flag)
                    {
                        var start = _offset;
                        var bytes = Bounded(rented.AsSpan(0, count));
                        Consume(ref buffer, reader.Position);
                        throw new PbxFramingException(
                            CauseAborted,
                            string.Create(CultureInfo.InvariantCulture, $"HDLC frame at offset {start} aborted by 7D 7E after {count} bytes."),
                            start,
                            bytes);
                    }

                    b = (byte)(escaped ^ HdlcFrameWriter.EscapeXor);
                }

                if (count == limit)
                {
                    var start = _offset;
                    var bytes = Bounded(rented.AsSpan(0, count));
                    Consume(ref buffer, reader.Position);
                    _hunting = true;
                    throw new PbxFramingException(
                        CauseLengthOverMaximum,
                        string.Create(CultureInfo.InvariantCulture, $"HDLC frame at offset {start} has no closing flag within {limit} bytes (maximum frame {maxFrameSize} + 2 FCS); discarding until the next flag."),
                        start,
                        bytes);
                }

                rented[count++] = b;
            }

            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private bool Complete(ref ReadOnlySequence<byte> buffer, SequencePosition afterClosingFlag, ReadOnlySpan<byte> content, out LapbFrameBytes frame)
    {
        var start = _offset;
        Consume(ref buffer, afterClosingFlag);
        if (content.Length < 4)
        {
            throw new PbxFramingException(
                CauseFrameTooShort,
                string.Create(CultureInfo.InvariantCulture, $"HDLC frame at offset {start} has {content.Length} bytes; address, control and FCS need 4."),
                start,
                Bounded(content));
        }

        var residue = Crc16X25.Update(Crc16X25.Initial, content);
        if (residue != Crc16X25.GoodResidue)
        {
            var received = (ushort)(content[^2] | (content[^1] << 8));
            var expected = Crc16X25.Compute(content[..^2]);
            throw new PbxFramingException(
                CauseBadFcs,
                string.Create(CultureInfo.InvariantCulture, $"HDLC frame at offset {start} ({content.Length - 2} bytes) has FCS 0x{received:X4}, computed 0x{expected:X4}."),
                start,
                Bounded(content));
        }

        frame = new LapbFrameBytes(content[..^2].ToArray(), start);
        return true;
    }

    private void Consume(ref ReadOnlySequence<byte> buffer, SequencePosition position)
    {
        var consumed = buffer.Slice(0, position).Length;
        _offset += consumed;
        buffer = buffer.Slice(position);
    }

    private static byte[] Bounded(ReadOnlySpan<byte> bytes) =>
        bytes.Length <= MaxReportedBytes ? bytes.ToArray() : bytes[..MaxReportedBytes].ToArray();
}
