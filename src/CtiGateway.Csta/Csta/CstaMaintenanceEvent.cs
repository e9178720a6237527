namespace CtiGateway.Pbx.Csta;

/// <summary>
/// An ECMA-269/323 device maintenance event (<c>OutOfServiceEvent</c>, <c>BackInServiceEvent</c>): monitorCrossRefID,
/// device and cause. The monitor stays active while the device is out of service.
/// </summary>
public sealed record CstaMaintenanceEvent(string Element, string Namespace) : CstaMessage(Element, Namespace)
{
    /// <summary>Which event this is.</summary>
    public required CstaMaintenanceEventType Type { get; init; }

    /// <summary>The monitorCrossRefID the event belongs to.</summary>
    public required string MonitorCrossRefId { get; init; }

    /// <summary>device: the device taken out of service or back.</summary>
    public required string Device { get; init; }

    /// <summary>The EventCause, when sent (e.g. "maintenance").</summary>
    public string? Cause { get; init; }

    /// <summary>The root element of a maintenance event type, e.g. "OutOfServiceEvent".</summary>
    public static string ElementOf(CstaMaintenanceEventType type) => type + "Event";
}
