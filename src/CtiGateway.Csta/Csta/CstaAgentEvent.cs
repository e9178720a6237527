namespace CtiGateway.Pbx.Csta;

/// <summary>
/// An ECMA-269 agent event (<c>AgentLoggedOnEvent</c>, <c>AgentLoggedOffEvent</c>, <c>AgentReadyEvent</c>,
/// <c>AgentNotReadyEvent</c>, <c>AgentWorkingAfterCallEvent</c>, <c>AgentBusyEvent</c>): monitorCrossRefID,
/// agentDevice, agentID and acdGroup.
/// </summary>
public sealed record CstaAgentEvent(string Element, string Namespace) : CstaMessage(Element, Namespace)
{
    /// <summary>Which event this is.</summary>
    public required CstaAgentEventType Type { get; init; }

    /// <summary>The monitorCrossRefID the event belongs to.</summary>
    public required string MonitorCrossRefId { get; init; }

    /// <summary>agentDevice: the station the agent works at.</summary>
    public required string AgentDevice { get; init; }

    /// <summary>agentID, when sent.</summary>
    public string? AgentId { get; init; }

    /// <summary>acdGroup, when sent.</summary>
    public string? AcdGroup { get; init; }

    /// <summary>The root element of an agent event type, e.g. "AgentReadyEvent".</summary>
    public static string ElementOf(CstaAgentEventType type) => type + "Event";
}
