using System.Buffers;

namespace CtiGateway.Pbx.Bsc;

/// <summary>Writes BSC blocks and control units (switch.md §2.2) to an <see cref="IBufferWriter{T}"/>.</summary>
public static class BscFrameWriter
{
    /// <summary>Writes <paramref name="unit"/> with the NEAX code table.</summary>
    public static void Write(IBufferWriter<byte> writer, BscUnit unit, int maxBlockSize) =>
        Write(writer, unit, maxBlockSize, BscCodeTable.Neax);

    /// <summary>Writes <paramref name="unit"/>: a block via <see cref="WriteBlock"/>, a control unit via
    /// <see cref="WriteControl"/>.</summary>
    public static void Write(IBufferWriter<byte> writer, BscUnit unit, int maxBlockSize, BscCodeTable codes)
    {
        if (unit.Kind == BscUnitKind.Block)
        {
            WriteBlock(writer, unit.Text.Span, maxBlockSize, codes);
        }
        else
        {
            WriteControl(writer, unit.Kind, codes);
        }
    }

    /// <summary>
    /// Writes <c>STX text ETX BCC</c>, BCC = XOR of the text and ETX. The link has no transparency mode, so the text
    /// must be 7-bit printable (0x20..0x7E): CSTA-XML on this link is written without line breaks or control
    /// characters, and non-ASCII characters as XML character references.
    /// </summary>
    /// <exception cref="ArgumentException">The text is longer than <paramref name="maxBlockSize"/> or holds a byte
    /// outside 0x20..0x7E (the message names its offset and value).</exception>
    public static void WriteBlock(IBufferWriter<byte> writer, ReadOnlySpan<byte> text, int maxBlockSize, BscCodeTable codes)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(codes);
        ValidateText(text, maxBlockSize);
        var span = writer.GetSpan(text.Length + 3);
        span[0] = codes.Stx;
        text.CopyTo(span[1..]);
        byte bcc = codes.Etx;
        foreach (var b in text)
        {
            bcc ^= b;
        }

        span[text.Length + 1] = codes.Etx;
        span[text.Length + 2] = bcc;
        writer.Advance(text.Length + 3);
    }

    /// <summary>Writes a control unit: ENQ, SA UA ENQ (bid), EOT, NAK, or the DLE pairs ACK0, ACK1, WACK, RVI.</summary>
    public static void WriteControl(IBufferWriter<byte> writer, BscUnitKind kind, BscCodeTable codes)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(codes);
        ReadOnlySpan<byte> bytes = kind switch
        {
            BscUnitKind.Enq => [codes.Enq],
            BscUnitKind.Bid => [codes.StationAddress, codes.UnitAddress, codes.Enq],
            BscUnitKind.Eot => [codes.Eot],
            BscUnitKind.Nak => [codes.Nak],
            BscUnitKind.Ack0 => [codes.Dle, codes.Ack0],
            BscUnitKind.Ack1 => [codes.Dle, codes.Ack1],
            BscUnitKind.Wack => [codes.Dle, codes.Wack],
            BscUnitKind.Rvi => [codes.Dle, codes.Rvi],
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a BSC control unit."),
        };
        writer.Write(bytes);
    }

    /// <summary>Checks that <paramref name="text"/> can travel in one block.</summary>
    /// <exception cref="ArgumentException">Too long, or a byte outside 0x20..0x7E.</exception>
    public static void ValidateText(ReadOnlySpan<byte> text, int maxBlockSize)
    {
        if (text.Length > maxBlockSize)
        {
            throw new ArgumentException(
                $"Block text of {text.Length} bytes is over the maximum of {maxBlockSize}.", nameof(text));
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is < 0x20 or > 0x7E)
            {
                throw new ArgumentException(
                    $"Block text byte 0x{text[i]:X2} at offset {i} is not 7-bit printable; the BSC link has no " +
                    "transparency mode, so XML on it must not contain control characters or raw non-ASCII bytes.",
                    nameof(text));
            }
        }
    }
}
