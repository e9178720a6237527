using CtiGateway.Protocol;

namespace CtiGateway.CallModel;

/// <summary>
/// An agent request the switch carries out (profiles that offer SetAgentState): what it changes and the state it asks
/// the switch for. When the switch confirms it (its answer, or its agent event first), the model applies
/// <see cref="Change"/> and the requester's event carries the request's ReferenceID.
/// </summary>
/// <param name="Change">The change.</param>
/// <param name="AgentId">The agent's id.</param>
/// <param name="Dn">The agent's DN.</param>
/// <param name="Queue">The queue named (ThisQueue), or null.</param>
/// <param name="WorkMode">The request's AgentWorkMode.</param>
/// <param name="Reasons">The request's Reasons, or null.</param>
public sealed record AgentCommand(AgentChange Change, string AgentId, string Dn, string? Queue, AgentWorkMode WorkMode, KeyValueList? Reasons)
{
    /// <summary>ECMA-269 requestedAgentState of SetAgentState: loggedOn, loggedOff, ready, notReady or workingAfterCall.</summary>
    public string RequestedState => Change switch
    {
        AgentChange.Login => "loggedOn",
        AgentChange.Logout => "loggedOff",
        AgentChange.Ready => "ready",
        _ => WorkMode == AgentWorkMode.AfterCallWork ? "workingAfterCall" : "notReady",
    };
}
