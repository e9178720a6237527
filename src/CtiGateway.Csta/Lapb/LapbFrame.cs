using System.Buffers;
using System.Globalization;

namespace CtiGateway.Pbx.Lapb;

/// <summary>
/// One LAPB frame (ISO 7776, modulo 8): address, control field and, for I and FRMR, an information field.
/// Control octets: I <c>N(S)&lt;&lt;1 | P&lt;&lt;4 | N(R)&lt;&lt;5</c>; RR 0x01, RNR 0x05, REJ 0x09 (| P/F | N(R)&lt;&lt;5);
/// SABM 0x2F, UA 0x63, DISC 0x43, DM 0x0F, FRMR 0x87 (| P/F 0x10).
/// </summary>
internal sealed record LapbFrame
{
    /// <summary>Frame shorter than address and control.</summary>
    public const string CauseTooShort = "lapb-too-short";

    /// <summary>Undefined or unimplemented control field (FRMR W).</summary>
    public const string CauseBadControl = "lapb-bad-control";

    /// <summary>Information field on a frame that may not carry one (FRMR W+X).</summary>
    public const string CauseUnexpectedInformation = "lapb-unexpected-information";

    /// <summary>FRMR with a malformed information field.</summary>
    public const string CauseBadFrmr = "lapb-bad-frmr";

    /// <summary>The P/F bit in every control field.</summary>
    public const byte PollFinalBit = 0x10;

    /// <summary>Address byte.</summary>
    public byte Address { get; init; }

    /// <summary>Frame type.</summary>
    public LapbFrameKind Kind { get; init; }

    /// <summary>Send sequence number N(S) (I frames).</summary>
    public int NS { get; init; }

    /// <summary>Receive sequence number N(R) (I and S frames).</summary>
    public int NR { get; init; }

    /// <summary>The P/F bit.</summary>
    public bool PollFinal { get; init; }

    /// <summary>Information field (I frames; the 3 FRMR bytes for FRMR).</summary>
    public ReadOnlyMemory<byte> Information { get; init; } = ReadOnlyMemory<byte>.Empty;

    /// <summary>The control byte this frame encodes to.</summary>
    public byte Control => Kind switch
    {
        LapbFrameKind.I => (byte)(((NS & 7) << 1) | (PollFinal ? PollFinalBit : 0) | ((NR & 7) << 5)),
        LapbFrameKind.RR => Supervisory(0x01),
        LapbFrameKind.RNR => Supervisory(0x05),
        LapbFrameKind.REJ => Supervisory(0x09),
        LapbFrameKind.SABM => Unnumbered(0x2F),
        LapbFrameKind.UA => Unnumbered(0x63),
        LapbFrameKind.DISC => Unnumbered(0x43),
        LapbFrameKind.DM => Unnumbered(0x0F),
        LapbFrameKind.FRMR => Unnumbered(0x87),
        _ => throw new InvalidOperationException("Unknown LAPB frame kind " + Kind),
    };

    /// <summary>Number of bytes <see cref="Write"/> produces.</summary>
    public int Length => 2 + Information.Length;

    /// <summary>True for S frames.</summary>
    public bool IsSupervisory => Kind is LapbFrameKind.RR or LapbFrameKind.RNR or LapbFrameKind.REJ;

    /// <summary>Decodes address, control and information (FCS already removed).</summary>
    /// <exception cref="PbxFramingException">Too short, undefined control field, or an information field where none is allowed.</exception>
    public static LapbFrame Parse(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < 2)
        {
            throw new PbxFramingException(CauseTooShort, string.Create(CultureInfo.InvariantCulture, $"LAPB frame has {frame.Length} bytes; address and control need 2."), 0, frame.ToArray());
        }

        var address = frame[0];
        var control = frame[1];
        var info = frame[2..];
        var pf = (control & PollFinalBit) != 0;
        if ((control & 1) == 0)
        {
            return new LapbFrame
            {
                Address = address,
                Kind = LapbFrameKind.I,
                NS = (control >> 1) & 7,
                NR = (control >> 5) & 7,
                PollFinal = pf,
                Information = info.ToArray(),
            };
        }

        LapbFrameKind kind;
        if ((control & 3) == 1)
        {
            kind = ((control >> 2) & 3) switch
            {
                0 => LapbFrameKind.RR,
                1 => LapbFrameKind.RNR,
                2 => LapbFrameKind.REJ,
                _ => throw BadControl(frame, "SREJ is not part of LAPB"),
            };
            NoInformation(frame, kind);
            return new LapbFrame { Address = address, Kind = kind, NR = (control >> 5) & 7, PollFinal = pf };
        }

        kind = (control & ~PollFinalBit) switch
        {
            0x2F => LapbFrameKind.SABM,
            0x63 => LapbFrameKind.UA,
            0x43 => LapbFrameKind.DISC,
            0x0F => LapbFrameKind.DM,
            0x87 => LapbFrameKind.FRMR,
            _ => throw BadControl(frame, "undefined unnumbered control field"),
        };
        if (kind == LapbFrameKind.FRMR)
        {
            LapbFrmrInfo.Parse(info);
            return new LapbFrame { Address = address, Kind = kind, PollFinal = pf, Information = info.ToArray() };
        }

        NoInformation(frame, kind);
        return new LapbFrame { Address = address, Kind = kind, PollFinal = pf };
    }

    /// <summary>An I frame.</summary>
    public static LapbFrame Info(byte address, int ns, int nr, bool poll, ReadOnlyMemory<byte> information) =>
        new() { Address = address, Kind = LapbFrameKind.I, NS = ns & 7, NR = nr & 7, PollFinal = poll, Information = information };

    /// <summary>An RR, RNR or REJ frame.</summary>
    public static LapbFrame Supervisory(byte address, LapbFrameKind kind, int nr, bool pollFinal) =>
        new() { Address = address, Kind = kind, NR = nr & 7, PollFinal = pollFinal };

    /// <summary>A SABM, UA, DISC or DM frame.</summary>
    public static LapbFrame Unnumbered(byte address, LapbFrameKind kind, bool pollFinal) =>
        new() { Address = address, Kind = kind, PollFinal = pollFinal };

    /// <summary>An FRMR response.</summary>
    public static LapbFrame FrameReject(byte address, bool final, LapbFrmrInfo info)
    {
        var bytes = new byte[LapbFrmrInfo.Length];
        info.WriteTo(bytes);
        return new LapbFrame { Address = address, Kind = LapbFrameKind.FRMR, PollFinal = final, Information = bytes };
    }

    /// <summary>The decoded FRMR information field.</summary>
    public LapbFrmrInfo FrmrInfo => Kind == LapbFrameKind.FRMR
        ? LapbFrmrInfo.Parse(Information.Span)
        : throw new InvalidOperationException("Only FRMR frames carry an FRMR information field.");

    /// <summary>Writes address, control and information.</summary>
    public void Write(IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var span = writer.GetSpan(Length);
        span[0] = Address;
        span[1] = Control;
        Information.Span.CopyTo(span[2..]);
        writer.Advance(Length);
    }

    /// <summary>Address, control and information as a new array.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Length];
        bytes[0] = Address;
        bytes[1] = Control;
        Information.Span.CopyTo(bytes.AsSpan(2));
        return bytes;
    }

    /// <summary>Short trace text, e.g. "I ns=2 nr=5 P" or "RR nr=3 F".</summary>
    public override string ToString() => Kind switch
    {
        LapbFrameKind.I => string.Create(CultureInfo.InvariantCulture, $"{Address:X2} I ns={NS} nr={NR}{(PollFinal ? " P" : string.Empty)} len={Information.Length}"),
        LapbFrameKind.RR or LapbFrameKind.RNR or LapbFrameKind.REJ => string.Create(CultureInfo.InvariantCulture, $"{Address:X2} {Kind} nr={NR}{(PollFinal ? " PF" : string.Empty)}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Address:X2} {Kind}{(PollFinal ? " PF" : string.Empty)}"),
    };

    private byte Supervisory(byte bits) => (byte)(bits | (PollFinal ? PollFinalBit : 0) | ((NR & 7) << 5));

    private byte Unnumbered(byte bits) => (byte)(bits | (PollFinal ? PollFinalBit : 0));

    private static PbxFramingException BadControl(ReadOnlySpan<byte> frame, string what) =>
        new(CauseBadControl, string.Create(CultureInfo.InvariantCulture, $"LAPB control field 0x{frame[1]:X2} at offset 1: {what}."), 1, frame.Length <= 64 ? frame.ToArray() : frame[..64].ToArray());

    private static void NoInformation(ReadOnlySpan<byte> frame, LapbFrameKind kind)
    {
        if (frame.Length > 2)
        {
            throw new PbxFramingException(
                CauseUnexpectedInformation,
                string.Create(CultureInfo.InvariantCulture, $"LAPB {kind} frame (control 0x{frame[1]:X2}) carries {frame.Length - 2} information bytes at offset 2; it may carry none."),
                2,
                frame.Length <= 64 ? frame.ToArray() : frame[..64].ToArray());
        }
    }
}
