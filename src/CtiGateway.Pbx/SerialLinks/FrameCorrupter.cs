using System.Buffers;
using CtiGateway.Pbx.Bsc;
using CtiGateway.Pbx.Lapb;

namespace CtiGateway.Pbx.SerialLinks;

/// <summary>
/// Fault injection on the output side of a pipe driver: for a given percentage of data frames (LAPB I frames, BSC
/// text blocks) it flips exactly one bit inside the part the FCS or BCC covers, while keeping the framing intact,
/// so the peer sees exactly one bad-fcs / bad-bcc hardware error per corrupted frame and must recover by LAPB
/// retransmission or BSC NAK and retry.
/// </summary>
/// <remarks>
/// HDLC: the FCS is computed over the original address, control and information bytes, one bit of those bytes is
/// flipped, and only then is the frame octet-stuffed, so a flipped bit that produces 0x7E or 0x7D is escaped like
/// any other and no flag or escape is created or destroyed. BSC: one of the low five bits of one text byte is
/// flipped; text is 0x20..0x7E, so the result stays in 0x20..0x7F and can never become STX, ETX or another control
/// character. Not thread-safe: the driver calls it under its own lock.
/// </remarks>
internal sealed class FrameCorrupter
{
    private readonly double _percent;
    private readonly Random _random;
    private long _corruptedFrames;

    /// <summary>Creates a corrupter.</summary>
    /// <param name="percent">Share of data frames to corrupt, 0..100.</param>
    /// <param name="random">Source of the decisions (seed it for a repeatable run).</param>
    public FrameCorrupter(double percent, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(percent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100.0);
        ArgumentNullException.ThrowIfNull(random);
        _percent = percent;
        _random = random;
    }

    /// <summary>Data frames corrupted so far.</summary>
    public long CorruptedFrames => Interlocked.Read(ref _corruptedFrames);

    /// <summary>Writes one HDLC frame, corrupting it when it is an I frame and the draw says so.</summary>
    /// <param name="frame">Address, control and information bytes.</param>
    /// <param name="isInformation">True for an I frame (only those are corrupted).</param>
    /// <param name="writer">Destination.</param>
    public void WriteHdlcFrame(ReadOnlySpan<byte> frame, bool isInformation, IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (!isInformation || !Draw())
        {
            HdlcFrameWriter.Write(frame, writer);
            return;
        }

        var fcs = Crc16X25.Compute(frame);
        var content = new byte[frame.Length + 2];
        frame.CopyTo(content);
        content[^2] = (byte)(fcs & 0xFF);
        content[^1] = (byte)(fcs >> 8);
        content[_random.Next(frame.Length)] ^= (byte)(1 << _random.Next(8));
        Interlocked.Increment(ref _corruptedFrames);

        var span = writer.GetSpan((content.Length * 2) + 2);
        var n = 0;
        span[n++] = HdlcFrameWriter.Flag;
        foreach (var b in content)
        {
            if (b is HdlcFrameWriter.Flag or HdlcFrameWriter.ControlEscape)
            {
                span[n++] = HdlcFrameWriter.ControlEscape;
                span[n++] = (byte)(b ^ HdlcFrameWriter.EscapeXor);
            }
            else
            {
                span[n++] = b;
            }
        }

        span[n++] = HdlcFrameWriter.Flag;
        writer.Advance(n);
    }

    /// <summary>Writes one BSC unit, corrupting it when it is a non-empty text block and the draw says so.</summary>
    /// <param name="unit">The unit.</param>
    /// <param name="maxBlockSize">Largest block text.</param>
    /// <param name="codes">The link's code table.</param>
    /// <param name="writer">Destination.</param>
    public void WriteBscUnit(BscUnit unit, int maxBlockSize, BscCodeTable codes, IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(codes);
        if (unit.Kind != BscUnitKind.Block || unit.Text.IsEmpty || !Draw())
        {
            BscFrameWriter.Write(writer, unit, maxBlockSize, codes);
            return;
        }

        var text = unit.Text.Span;
        BscFrameWriter.ValidateText(text, maxBlockSize);
        byte bcc = codes.Etx;
        foreach (var b in text)
        {
            bcc ^= b;
        }

        var span = writer.GetSpan(text.Length + 3);
        span[0] = codes.Stx;
        text.CopyTo(span[1..]);
        span[1 + _random.Next(text.Length)] ^= (byte)(1 << _random.Next(5));
        span[text.Length + 1] = codes.Etx;
        span[text.Length + 2] = bcc;
        writer.Advance(text.Length + 3);
        Interlocked.Increment(ref _corruptedFrames);
    }

    private bool Draw() => _percent > 0 && _random.NextDouble() * 100.0 < _percent;
}
