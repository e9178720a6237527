using CtiGateway.CallModel;

namespace CtiGateway.Switching;

/// <summary>One agent of an agent group: its id, and where it is logged in (switch and state), or null when nowhere.</summary>
/// <param name="AgentId">The agent's id, as the group lists it.</param>
/// <param name="Switch">The switch the agent is logged in on, or null.</param>
/// <param name="Agent">The agent's DN, state and queues, or null when it is logged in nowhere.</param>
public sealed record AgentLocation(string AgentId, string? Switch, AgentInfo? Agent)
{
    /// <summary>Whether the agent is logged in and ready.</summary>
    public bool IsReady => Agent is { State: AgentState.Ready };
}
