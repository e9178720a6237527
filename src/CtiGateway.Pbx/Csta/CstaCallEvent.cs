namespace CtiGateway.Pbx.Csta;

/// <summary>
/// A CSTA call event. The roles of the event-specific elements are mapped onto common properties; device values
/// are the <c>deviceIdentifier</c> text as sent, or null when absent or sent as notKnown/notRequired/restricted.
/// </summary>
public sealed record CstaCallEvent(string Element, string Namespace) : CstaMessage(Element, Namespace)
{
    /// <summary>Which event this is.</summary>
    public required CstaEventType Type { get; init; }

    /// <summary>The monitorCrossRefID the event belongs to.</summary>
    public required string MonitorCrossRefId { get; init; }

    /// <summary>
    /// The event's main connection: connection (Delivered, Diverted, CallInformation), establishedConnection,
    /// droppedConnection, heldConnection, retrievedConnection, primaryOldCall (Transfered, Conferenced),
    /// originatedConnection, initiatedConnection, failedConnection or queuedConnection.
    /// </summary>
    public required CstaConnectionId Connection { get; init; }

    /// <summary>secondaryOldCall of Transfered and Conferenced, when sent.</summary>
    public CstaConnectionId? SecondaryOldCall { get; init; }

    /// <summary>
    /// The device the event is about: alertingDevice, answeringDevice, releasingDevice, holdingDevice,
    /// retrievingDevice, transferringDevice, conferencingDevice, divertingDevice, originatingDevice,
    /// initiatingDevice, failingDevice, queue or device (CallInformation).
    /// </summary>
    public string? SubjectDevice { get; init; }

    /// <summary>callingDevice.</summary>
    public string? CallingDevice { get; init; }

    /// <summary>calledDevice.</summary>
    public string? CalledDevice { get; init; }

    /// <summary>lastRedirectionDevice.</summary>
    public string? LastRedirectionDevice { get; init; }

    /// <summary>The other party: transferredToDevice, addedParty or newDestination.</summary>
    public string? OtherDevice { get; init; }

    /// <summary>localConnectionInfo (null, initiated, alerting, connected, hold, queued, fail), when sent.</summary>
    public string? LocalConnectionInfo { get; init; }

    /// <summary>The EventCause value (e.g. newCall, makeCall, singleStepTransfer), when sent.</summary>
    public string? Cause { get; init; }

    /// <summary>transferredConnections or conferenceConnections; empty for other events.</summary>
    public IReadOnlyList<CstaConnectionListItem> Connections { get; init; } = [];
}
