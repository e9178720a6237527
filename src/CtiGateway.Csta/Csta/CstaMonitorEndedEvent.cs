namespace CtiGateway.Pbx.Csta;

/// <summary>
/// ECMA-269/323 <c>MonitorEndedEvent</c>: the switch ended a monitor by itself (the device was removed, taken out of
/// service, or the switch ran out of resources). It names only the monitor (monitorCrossRefID) and a cause; the gateway
/// knows the DN from the MonitorStartResponse that gave the cross reference.
/// </summary>
public sealed record CstaMonitorEndedEvent(string Element, string Namespace) : CstaMessage(Element, Namespace)
{
    /// <summary>The root element name.</summary>
    public const string RootElement = "MonitorEndedEvent";

    /// <summary>The monitorCrossRefID of the monitor that ended.</summary>
    public required string MonitorCrossRefId { get; init; }

    /// <summary>The EventCause, when sent (e.g. "resourcesNotAvailable").</summary>
    public string? Cause { get; init; }
}
