namespace CtiGateway.Pbx.Profiles;

/// <summary>TCP transport: who connects, the switch's CTI port, and TLS.</summary>
public sealed record TcpSettings(TcpRole Role, int Port, bool Tls);
