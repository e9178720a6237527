namespace CtiGateway.Pbx.Profiles;

/// <summary>Which side opens the TCP connection: the gateway (client) or the switch dialling in (server).</summary>
public enum TcpRole
{
    Client,
    Server,
}
