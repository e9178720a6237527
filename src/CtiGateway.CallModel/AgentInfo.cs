using CtiGateway.Protocol;

namespace CtiGateway.CallModel;

/// <summary>One agent as the gateway knows it, as a copy (listings, agent groups, queries).</summary>
/// <param name="AgentId">The agent's id.</param>
/// <param name="Dn">The DN the agent is logged in at.</param>
/// <param name="State">Ready, not ready or in after-call work.</param>
/// <param name="WorkMode">The work mode of the last state change.</param>
/// <param name="Queues">The ACD queues the agent is logged in to (may be empty).</param>
/// <param name="Reserved">Whether a RequestReserveAgent holds the agent now.</param>
public sealed record AgentInfo(string AgentId, string Dn, AgentState State, AgentWorkMode WorkMode, IReadOnlyList<string> Queues, bool Reserved)
{
    /// <summary>
    /// When the agent last became free, on the model's clock: its last change of state, or, when later, the end of the
    /// last call at its DN. For a ready agent with no call, the start of its idle time (longest idle first).
    /// </summary>
    public DateTimeOffset IdleSince { get; init; }
}
