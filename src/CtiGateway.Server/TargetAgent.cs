namespace CtiGateway.Server;

/// <summary>An agent as <c>queue:</c> targets see it.</summary>
/// <param name="AgentId">The agent's id.</param>
/// <param name="Switch">The switch it is logged in on, or null.</param>
/// <param name="Dn">The DN it is logged in at, or null.</param>
/// <param name="Ready">Logged in and ready (not reserved).</param>
/// <param name="StateSince">When the agent entered its current state, if known (longest idle first uses it).</param>
/// <param name="Place">The agent's place, if any (its DN otherwise).</param>
public sealed record TargetAgent(string AgentId, string? Switch, string? Dn, bool Ready, DateTimeOffset? StateSince, string? Place = null);
