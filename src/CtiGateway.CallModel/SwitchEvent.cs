using CtiGateway.Pbx.Csta;

namespace CtiGateway.CallModel;

/// <summary>
/// One switch call event as the model reads it: the kind, the main connection, and every device reduced to its DN
/// (see <see cref="DeviceNumber"/>). Built without allocating: plain DNs are used as they are, and the DNs cut out of
/// longer device identifiers come from the model's <see cref="DeviceNumberCache"/>.
/// </summary>
internal readonly struct SwitchEvent
{
    public SwitchEventKind Kind { get; init; }

    /// <summary>The root element, e.g. <c>DeliveredEvent</c> (for hardware errors).</summary>
    public string Element { get; init; }

    /// <summary>The main connection as sent.</summary>
    public CstaConnectionId Connection { get; init; }

    /// <summary>The main connection's device as a DN.</summary>
    public string Dn { get; init; }

    public CstaConnectionId? Secondary { get; init; }

    /// <summary>The device the event is about (alertingDevice, transferringDevice, ...), as a DN.</summary>
    public string? Subject { get; init; }

    public string? Calling { get; init; }

    public string? Called { get; init; }

    public string? LastRedirection { get; init; }

    /// <summary>transferredToDevice, addedParty or newDestination, as a DN.</summary>
    public string? Other { get; init; }

    public CstaCause Cause { get; init; }

    public IReadOnlyList<CstaConnectionListItem> Connections { get; init; }

    public string CallId => Connection.CallId;

    /// <summary>The main connection's element name, e.g. <c>heldConnection</c>.</summary>
    public string ConnectionElement => Kind switch
    {
        SwitchEventKind.Established => "establishedConnection",
        SwitchEventKind.ConnectionCleared => "droppedConnection",
        SwitchEventKind.Held => "heldConnection",
        SwitchEventKind.Retrieved => "retrievedConnection",
        SwitchEventKind.Transferred or SwitchEventKind.Conferenced => "primaryOldCall",
        SwitchEventKind.Originated => "originatedConnection",
        SwitchEventKind.ServiceInitiated => "initiatedConnection",
        SwitchEventKind.Failed => "failedConnection",
        SwitchEventKind.Queued => "queuedConnection",
        SwitchEventKind.NetworkReached => "outboundConnection",
        SwitchEventKind.CallCleared => "clearedCall",
        _ => "connection",
    };

    /// <summary>The CSTA path of the main connection, e.g. <c>HeldEvent/heldConnection</c>.</summary>
    public string ConnectionPath => Element + "/" + ConnectionElement;

    public static SwitchEvent From(CstaCallEvent e, DeviceNumberCache dns) => new()
    {
        Kind = e.Type switch
        {
            CstaEventType.Delivered => SwitchEventKind.Delivered,
            CstaEventType.Established => SwitchEventKind.Established,
            CstaEventType.ConnectionCleared => SwitchEventKind.ConnectionCleared,
            CstaEventType.Held => SwitchEventKind.Held,
            CstaEventType.Retrieved => SwitchEventKind.Retrieved,
            CstaEventType.Transfered => SwitchEventKind.Transferred,
            CstaEventType.Conferenced => SwitchEventKind.Conferenced,
            CstaEventType.Diverted => SwitchEventKind.Diverted,
            CstaEventType.Originated => SwitchEventKind.Originated,
            CstaEventType.ServiceInitiated => SwitchEventKind.ServiceInitiated,
            CstaEventType.Failed => SwitchEventKind.Failed,
            CstaEventType.Queued => SwitchEventKind.Queued,
            CstaEventType.NetworkReached => SwitchEventKind.NetworkReached,
            _ => SwitchEventKind.CallInformation,
        },
        Element = e.Element,
        Connection = e.Connection,
        Dn = dns.ToDn(e.Connection.DeviceId) ?? "",
        Secondary = e.SecondaryOldCall,
        Subject = dns.ToDn(e.SubjectDevice),
        Calling = dns.ToDn(e.CallingDevice),
        Called = dns.ToDn(e.CalledDevice),
        LastRedirection = dns.ToDn(e.LastRedirectionDevice),
        Other = dns.ToDn(e.OtherDevice),
        Cause = CstaCauses.Parse(e.Cause),
        Connections = e.Connections,
    };
}
