namespace CtiGateway.Simulator;

/// <summary>ECMA-269 LocalConnectionState of a connection in the model.</summary>
public enum SimConnectionState
{
    Null,
    Initiated,
    Alerting,
    Connected,
    Held,
    Failed,
    Queued,
}
