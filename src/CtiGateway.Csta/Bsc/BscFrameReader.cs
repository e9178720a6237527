using System.Buffers;

namespace CtiGateway.Pbx.Bsc;

/// <summary>
/// Reads BSC units (switch.md §2.2) from a byte sequence: <c>STX text ETX BCC</c> blocks, where BCC is the XOR of
/// every byte after STX up to and including ETX, and the control units ENQ, SA UA ENQ (bid), EOT, NAK and the DLE
/// pairs ACK0, ACK1, WACK, RVI.
/// </summary>
/// <remarks>
/// The NEAX link has no transparency mode, so a block's text must not contain STX or ETX: our CSTA-XML on this link is
/// 7-bit printable text (0x20..0x7E, no line breaks), which <see cref="BscFrameWriter"/> enforces. An STX inside a
/// block therefore means the ETX was lost: the bytes before it are reported as garbage and reading resumes there.
/// Bytes that cannot start a unit are skipped as one "garbage" report once the next unit start is seen (or once the
/// run reaches the block maximum), so the link resynchronises at the next STX or control unit.
/// </remarks>
public static class BscFrameReader
{
    private const int MaxReportedGarbage = 256;

    /// <summary>Reads one unit with the NEAX code table (<see cref="BscCodeTable.Neax"/>).</summary>
    /// <inheritdoc cref="TryRead(ref ReadOnlySequence{byte}, out BscUnit, int, BscCodeTable)"/>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, out BscUnit unit, int maxBlockSize) =>
        TryRead(ref buffer, out unit, maxBlockSize, BscCodeTable.Neax);

    /// <summary>Reads one unit.</summary>
    /// <param name="buffer">Input; on success, and also when a <see cref="PbxFramingException"/> is thrown, it is
    /// advanced past the bytes used, so the caller reports the error and calls again.</param>
    /// <param name="unit">The unit read.</param>
    /// <param name="maxBlockSize">Largest text (bytes between STX and ETX) accepted.</param>
    /// <param name="codes">The link's control-code table.</param>
    /// <returns>True with a unit; false when more bytes are needed (nothing is consumed).</returns>
    /// <exception cref="PbxFramingException">Cause "bad-bcc" (the block bytes), "length-over-maximum" (no ETX within
    /// <paramref name="maxBlockSize"/>) or "garbage" (bytes skipped between units).</exception>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, out BscUnit unit, int maxBlockSize, BscCodeTable codes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBlockSize, 1);
        ArgumentNullException.ThrowIfNull(codes);
        unit = default;
        long garbage = 0;
        while (true)
        {
            if (garbage >= maxBlockSize)
            {
                throw Skip(ref buffer, garbage, "garbage", $"{garbage} bytes that start no BSC unit were skipped.");
            }

            var probe = Probe(buffer.Slice(garbage), maxBlockSize, codes, out var length, out var text);
            switch (probe)
            {
                case ProbeResult.NeedMore:
                    return false;
                case ProbeResult.NoUnit:
                    garbage += length;
                    continue;
            }

            if (garbage > 0)
            {
                throw Skip(ref buffer, garbage, "garbage", $"{garbage} bytes that start no BSC unit were skipped.");
            }

            switch (probe)
            {
                case ProbeResult.BadBcc:
                    throw Skip(ref buffer, length, "bad-bcc",
                        $"Block of {length} bytes (STX..BCC) has a BCC that does not match the XOR of its text and ETX.");
                case ProbeResult.OverMaximum:
                    throw Skip(ref buffer, length, "length-over-maximum",
                        $"Block has no ETX within the maximum of {maxBlockSize} text bytes.");
                default:
                    unit = new BscUnit(KindOf(probe), text);
                    buffer = buffer.Slice(length);
                    return true;
            }
        }
    }

    private static PbxFramingException Skip(ref ReadOnlySequence<byte> buffer, long count, string cause, string message)
    {
        var bytes = buffer.Slice(0, Math.Min(count, cause == "garbage" ? MaxReportedGarbage : count)).ToArray();
        buffer = buffer.Slice(count);
        // The bad bytes always start where this call started reading, hence offset 0.
        return new PbxFramingException(cause, message, 0, bytes);
    }

    private static BscUnitKind KindOf(ProbeResult probe) => probe switch
    {
        ProbeResult.Block => BscUnitKind.Block,
        ProbeResult.Bid => BscUnitKind.Bid,
        ProbeResult.Enq => BscUnitKind.Enq,
        ProbeResult.Eot => BscUnitKind.Eot,
        ProbeResult.Nak => BscUnitKind.Nak,
        ProbeResult.Ack0 => BscUnitKind.Ack0,
        ProbeResult.Ack1 => BscUnitKind.Ack1,
        ProbeResult.Wack => BscUnitKind.Wack,
        _ => BscUnitKind.Rvi,
    };

    private static ProbeResult Probe(ReadOnlySequence<byte> input, int maxBlockSize, BscCodeTable codes,
        out long length, out ReadOnlyMemory<byte> text)
    {
        text = ReadOnlyMemory<byte>.Empty;
        length = 1;
        var reader = new SequenceReader<byte>(input);
        if (!reader.TryRead(out var first))
        {
            return ProbeResult.NeedMore;
        }

        if (first == codes.Stx)
        {
            return ProbeBlock(ref reader, maxBlockSize, codes, out length, out text);
        }

        if (first == codes.Enq)
        {
            return ProbeResult.Enq;
        }

        if (first == codes.Eot)
        {
            return ProbeResult.Eot;
        }

        if (first == codes.Nak)
        {
            return ProbeResult.Nak;
        }

        if (first == codes.Dle)
        {
            if (!reader.TryRead(out var second))
            {
                return ProbeResult.NeedMore;
            }

            length = 2;
            if (second == codes.Ack0)
            {
                return ProbeResult.Ack0;
            }

            if (second == codes.Ack1)
            {
                return ProbeResult.Ack1;
            }

            if (second == codes.Wack)
            {
                return ProbeResult.Wack;
            }

            if (second == codes.Rvi)
            {
                return ProbeResult.Rvi;
            }

            length = 1;
            return ProbeResult.NoUnit;
        }

        if (first == codes.StationAddress)
        {
            if (!reader.TryRead(out var ua))
            {
                return ProbeResult.NeedMore;
            }

            if (ua != codes.UnitAddress)
            {
                return ProbeResult.NoUnit;
            }

            if (!reader.TryRead(out var enq))
            {
                return ProbeResult.NeedMore;
            }

            if (enq != codes.Enq)
            {
                return ProbeResult.NoUnit;
            }

            length = 3;
            return ProbeResult.Bid;
        }

        return ProbeResult.NoUnit;
    }

    private static ProbeResult ProbeBlock(ref SequenceReader<byte> reader, int maxBlockSize, BscCodeTable codes,
        out long length, out ReadOnlyMemory<byte> text)
    {
        text = ReadOnlyMemory<byte>.Empty;
        var textStart = reader.Position;
        byte bcc = 0;
        long textLength = 0;
        while (true)
        {
            if (!reader.TryRead(out var b))
            {
                length = 0;
                return ProbeResult.NeedMore;
            }

            if (b == codes.Stx)
            {
                // ETX lost: everything before this STX is garbage; resynchronise on it.
                length = 1 + textLength;
                return ProbeResult.NoUnit;
            }

            bcc ^= b;
            if (b == codes.Etx)
            {
                break;
            }

            textLength++;
            if (textLength > maxBlockSize)
            {
                length = 1 + textLength;
                return ProbeResult.OverMaximum;
            }
        }

        if (!reader.TryRead(out var received))
        {
            length = 0;
            return ProbeResult.NeedMore;
        }

        length = textLength + 3;
        if (received != bcc)
        {
            return ProbeResult.BadBcc;
        }

        text = reader.Sequence.Slice(textStart, textLength).ToArray();
        return ProbeResult.Block;
    }

    private enum ProbeResult
    {
        NeedMore,
        NoUnit,
        BadBcc,
        OverMaximum,
        Block,
        Bid,
        Enq,
        Eot,
        Nak,
        Ack0,
        Ack1,
        Wack,
        Rvi,
    }
}
