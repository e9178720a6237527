namespace CtiGateway.Pbx.Csta;

/// <summary>
/// Constants of the CSTA-XML over TCP framing (switch.md 1.2): <c>00 00 | len u16 BE | "NNNN" | XML</c>, where
/// len is the whole frame including the 8-byte header.
/// </summary>
public static class CstaWire
{
    /// <summary>Header size: two zero bytes, the u16 total length and four ASCII digits of invoke id.</summary>
    public const int HeaderSize = 8;

    /// <summary>Largest frame the u16 length can describe (header included).</summary>
    public const int MaxFrameSize = ushort.MaxValue;

    /// <summary>Largest XML body: 65535 - 8 = 65527 bytes.</summary>
    public const int MaxBodySize = MaxFrameSize - HeaderSize;

    /// <summary>The invoke id that OpenScape Voice and Zultys reserve for events.</summary>
    public const int EventInvokeId = 9999;

    /// <summary>Largest invoke id that four ASCII digits can carry.</summary>
    public const int MaxInvokeId = 9999;
}
