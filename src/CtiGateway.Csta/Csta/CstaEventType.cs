namespace CtiGateway.Pbx.Csta;

/// <summary>The call events of ECMA-269/323 that the dialect decodes (the standard's spelling "Transfered").</summary>
public enum CstaEventType
{
    Delivered,
    Established,
    ConnectionCleared,
    Held,
    Retrieved,
    Transfered,
    Conferenced,
    Diverted,
    Originated,
    ServiceInitiated,
    Failed,
    Queued,
    CallInformation,

    /// <summary>NetworkReachedEvent: the call left the switch over a trunk to an external number (outboundConnection, networkInterfaceUsed).</summary>
    NetworkReached,
}
