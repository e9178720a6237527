using System.Buffers;

namespace CtiGateway.Pbx.Lapb;

/// <summary>
/// Writes async HDLC frames (RFC 1662 octet stuffing): <c>7E stuffed(address control info FCSlo FCShi) 7E</c>.
/// </summary>
internal static class HdlcFrameWriter
{
    /// <summary>Frame delimiter.</summary>
    public const byte Flag = 0x7E;

    /// <summary>Control escape; the escaped byte follows XORed with <see cref="EscapeXor"/>.</summary>
    public const byte ControlEscape = 0x7D;

    /// <summary>XOR applied to an escaped byte.</summary>
    public const byte EscapeXor = 0x20;

    /// <summary>
    /// Writes one frame: opening flag, stuffed content, stuffed FCS (low byte first), closing flag.
    /// </summary>
    /// <param name="addressControlInfo">Address, control and information bytes (at least 2).</param>
    /// <param name="writer">Destination.</param>
    /// <param name="escapeControlCharacters">Also escape bytes below 0x20 (an all-ones async control character map).</param>
    public static void Write(ReadOnlySpan<byte> addressControlInfo, IBufferWriter<byte> writer, bool escapeControlCharacters = false)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (addressControlInfo.Length < 2)
        {
            throw new ArgumentException("An HDLC frame needs at least an address and a control byte.", nameof(addressControlInfo));
        }

        var fcs = Crc16X25.Compute(addressControlInfo);
        Span<byte> fcsBytes = [(byte)(fcs & 0xFF), (byte)(fcs >> 8)];

        // Worst case: every byte escaped, plus two flags.
        var span = writer.GetSpan(((addressControlInfo.Length + 2) * 2) + 2);
        var n = 0;
        span[n++] = Flag;
        n = Stuff(addressControlInfo, span, n, escapeControlCharacters);
        n = Stuff(fcsBytes, span, n, escapeControlCharacters);
        span[n++] = Flag;
        writer.Advance(n);
    }

    private static int Stuff(ReadOnlySpan<byte> source, Span<byte> destination, int n, bool escapeControlCharacters)
    {
        foreach (var b in source)
        {
            if (b == Flag || b == ControlEscape || (escapeControlCharacters && b < 0x20))
            {
                destination[n++] = ControlEscape;
                destination[n++] = (byte)(b ^ EscapeXor);
            }
            else
            {
                destination[n++] = b;
            }
        }

        return n;
    }
}
