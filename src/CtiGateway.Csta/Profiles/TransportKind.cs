namespace CtiGateway.Pbx.Profiles;

/// <summary>How the bytes travel: a TCP connection or an RS-232 serial line.</summary>
public enum TransportKind
{
    Tcp,
    Serial,
}
