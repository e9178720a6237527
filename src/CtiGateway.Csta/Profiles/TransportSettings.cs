namespace CtiGateway.Pbx.Profiles;

/// <summary>The transport of a link. TCP settings are set for <see cref="TransportKind.Tcp"/>, serial ones for <see cref="TransportKind.Serial"/>.</summary>
public sealed record TransportSettings(TransportKind Kind, TcpSettings? Tcp, SerialSettings? Serial);
