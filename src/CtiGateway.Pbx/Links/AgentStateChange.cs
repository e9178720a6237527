using CtiGateway.Pbx.Csta;

namespace CtiGateway.Pbx.Links;

/// <summary>
/// A change of agent state seen by <see cref="AgentStatePoller"/> (switches that report no agent events).
/// </summary>
/// <param name="Device">The station polled.</param>
/// <param name="Current">The agent entry now (null: no agent position at the station).</param>
/// <param name="Previous">The entry at the previous poll (null: first poll, or no agent then).</param>
/// <param name="Time">When the change was seen (link time).</param>
public sealed record AgentStateChange(string Device, CstaAgentStateEntry? Current, CstaAgentStateEntry? Previous, DateTimeOffset Time)
{
    /// <summary>
    /// The agent event a switch that reports them would have sent: AgentLoggedOff when the agent is now logged off,
    /// AgentLoggedOn when it was logged off (or unknown) before and now is, otherwise from agentState (agentReady,
    /// agentNotReady, agentWorkingAfterCall, agentBusy). Null when there is no agent or the state is unknown.
    /// </summary>
    public CstaAgentEventType? EventType => Current switch
    {
        null => Previous is { LoggedOn: true } ? CstaAgentEventType.AgentLoggedOff : null,
        { LoggedOn: false } => CstaAgentEventType.AgentLoggedOff,
        _ when Previous is not { LoggedOn: true } => CstaAgentEventType.AgentLoggedOn,
        { AgentState: "agentReady" } => CstaAgentEventType.AgentReady,
        { AgentState: "agentNotReady" } => CstaAgentEventType.AgentNotReady,
        { AgentState: "agentWorkingAfterCall" } => CstaAgentEventType.AgentWorkingAfterCall,
        { AgentState: "agentBusy" } => CstaAgentEventType.AgentBusy,
        _ => null,
    };
}
