using CtiGateway.Pbx.Csta;

namespace CtiGateway.Simulator;

/// <summary>The agent state at one station, as GetAgentState reports it.</summary>
/// <param name="AgentId">The agent's id.</param>
/// <param name="LoggedOn">Whether the agent is logged on.</param>
/// <param name="ReportedState">agentState: agentNull, agentReady, agentNotReady, agentBusy or agentWorkingAfterCall (<see cref="CstaAgentStates.Reported"/>).</param>
/// <param name="Group">The ACD group (queue DN) the agent is logged on to, or null.</param>
public sealed record SimAgentState(string AgentId, bool LoggedOn, string ReportedState, string? Group);
