namespace CtiGateway.Pbx.Lapb;

/// <summary>A link event for the owner (logging, hardware-error records, link status).</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Detail">Human-readable reason.</param>
/// <param name="At">The caller's time when it happened.</param>
internal readonly record struct LapbLinkEvent(LapbLinkEventKind Kind, string Detail, TimeSpan At);
