namespace CtiGateway.Pbx.Lapb;

/// <summary>
/// One de-stuffed HDLC frame whose FCS checked good: address, control and information bytes, FCS removed.
/// </summary>
/// <param name="Content">Address, control and information bytes (at least 2 bytes).</param>
/// <param name="Offset">Stream offset of the frame's first byte after the opening flag.</param>
internal readonly record struct LapbFrameBytes(ReadOnlyMemory<byte> Content, long Offset);
