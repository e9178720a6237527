namespace CtiGateway.Server;

/// <summary>An agent as <c>queue:</c> targets see it.</summary>
/// <param name="AgentId">The agent's id.</param>
/// <param name="Switch">The switch it is logged in on, or null.</param>
/// <param name="Dn">The DN it is logged in at, or null.</param>
/// <param name="Ready">Logged in and ready (not reserved).</param>
/// <param name="StateSince">
/// When the agent last became free, if known: its last change of state, or, when later, the end of the last call at its
/// DN (longest idle first and StatTimeInReadyState use it).
/// </param>
/// <param name="Place">The agent's place, if any (its DN otherwise).</param>
/// <param name="Calls">How many calls are at the agent's DN now (StatAgentLoading; a ready agent with a call is busy).</param>
public sealed record TargetAgent(string AgentId, string? Switch, string? Dn, bool Ready, DateTimeOffset? StateSince, string? Place = null, int Calls = 0);
