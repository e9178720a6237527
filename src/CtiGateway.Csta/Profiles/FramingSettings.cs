namespace CtiGateway.Pbx.Profiles;

/// <summary>The framing layer and its timers. Exactly one of the kind-specific settings is set, matching <see cref="Kind"/>.</summary>
public sealed record FramingSettings(FramingKind Kind, CstaXmlTcpFraming? CstaXmlTcp, LapbFraming? Lapb, BscFraming? Bsc);
