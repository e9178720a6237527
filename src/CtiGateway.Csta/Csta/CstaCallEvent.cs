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
    /// originatedConnection, initiatedConnection, failedConnection, queuedConnection or outboundConnection (NetworkReached).
    /// </summary>
    public required CstaConnectionId Connection { get; init; }

    /// <summary>secondaryOldCall of Transfered and Conferenced, when sent.</summary>
    public CstaConnectionId? SecondaryOldCall { get; init; }

    /// <summary>
    /// The device the event is about: alertingDevice, answeringDevice, releasingDevice, holdingDevice,
    /// retrievingDevice, transferringDevice, conferencingDevice, divertingDevice, originatingDevice,
    /// initiatingDevice, failingDevice, queue, device (CallInformation) or networkInterfaceUsed (NetworkReached).
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

    /// <summary>
    /// The event with every device it names passed through <paramref name="map"/>: the subject, calling, called, last
    /// redirection and other device, the deviceID of <see cref="Connection"/> and <see cref="SecondaryOldCall"/>, and
    /// the connections and endpoints of <see cref="Connections"/>. Absent devices stay absent. One rewrite serves both
    /// directions: DMCC device ids to DNs (the gateway) and DNs to device ids (the simulated AES).
    /// </summary>
    public CstaCallEvent WithDevices(Func<string, string> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return this with
        {
            Connection = MapConnection(Connection),
            SecondaryOldCall = SecondaryOldCall is { } secondary ? MapConnection(secondary) : null,
            SubjectDevice = Map(SubjectDevice),
            CallingDevice = Map(CallingDevice),
            CalledDevice = Map(CalledDevice),
            LastRedirectionDevice = Map(LastRedirectionDevice),
            OtherDevice = Map(OtherDevice),
            Connections = [.. Connections.Select(c => new CstaConnectionListItem(
                c.NewConnection is { } n ? MapConnection(n) : null, c.OldConnection is { } o ? MapConnection(o) : null, Map(c.Endpoint)))],
        };

        CstaConnectionId MapConnection(CstaConnectionId connection) => connection with { DeviceId = map(connection.DeviceId) };

        string? Map(string? device) => device is null ? null : map(device);
    }
}
