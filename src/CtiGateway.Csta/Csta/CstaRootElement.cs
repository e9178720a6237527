namespace CtiGateway.Pbx.Csta;

/// <summary>
/// A known CSTA-XML root element: its name (the string every decoded message of this element shares), how its content
/// is read, and for call events the element names of its roles as UTF-8 for matching without strings.
/// </summary>
internal sealed class CstaRootElement
{
    public required string Name { get; init; }

    public required CstaRootKind Kind { get; init; }

    public CstaEventType EventType { get; init; }

    public CstaAgentEventType AgentEventType { get; init; }

    public CstaMaintenanceEventType MaintenanceEventType { get; init; }

    /// <summary>The main connection element (call events) or the one child read (single-child responses).</summary>
    public string Child { get; init; } = "";

    public byte[] ChildUtf8 { get; init; } = [];

    /// <summary>The subject device element of a call event.</summary>
    public byte[] SubjectUtf8 { get; init; } = [];

    /// <summary>The other-party element of a call event (transferredToDevice, addedParty, newDestination), or null.</summary>
    public byte[]? OtherUtf8 { get; init; }
}
