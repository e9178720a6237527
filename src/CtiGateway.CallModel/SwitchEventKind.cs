namespace CtiGateway.CallModel;

/// <summary>The switch call events the model takes (CSTA's, plus NetworkReached and CallCleared).</summary>
internal enum SwitchEventKind
{
    Delivered,
    Established,
    ConnectionCleared,
    Held,
    Retrieved,
    Transferred,
    Conferenced,
    Diverted,
    Originated,
    ServiceInitiated,
    Failed,
    Queued,
    CallInformation,
    NetworkReached,
    CallCleared,
}
