namespace CtiGateway.Pbx.Csta;

/// <summary>One agentStateEntry of GetAgentStateResponse.</summary>
/// <param name="AgentId">agentID, or null when not sent.</param>
/// <param name="LoggedOn">loggedOnState.</param>
/// <param name="AgentState">agentState of the first agentInfoItem (agentNull, agentReady, agentNotReady, agentBusy, agentWorkingAfterCall), or null.</param>
/// <param name="AcdGroup">acdGroup of the first agentInfoItem, or null.</param>
public sealed record CstaAgentStateEntry(string? AgentId, bool LoggedOn, string? AgentState, string? AcdGroup);
