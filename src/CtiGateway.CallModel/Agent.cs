using CtiGateway.Protocol;

namespace CtiGateway.CallModel;

/// <summary>One logged-in agent of a switch: where, in which state, in which queues, and any reservation.</summary>
internal sealed class Agent(string id, string dn)
{
    public string Id { get; } = id;

    public string Dn { get; } = dn;

    public AgentState State { get; set; } = AgentState.NotReady;

    public AgentWorkMode WorkMode { get; set; }

    /// <summary>The Reasons of the last state change, or null.</summary>
    public KeyValueList? Reasons { get; set; }

    /// <summary>The ACD queues the agent is logged in to, in login order.</summary>
    public List<string> Queues { get; } = new(1);

    /// <summary>When the reservation ends (UTC), or null when the agent is not reserved.</summary>
    public DateTimeOffset? ReservedUntil { get; set; }

    /// <summary>The first queue, the one the agent's events name when the request names none.</summary>
    public string? FirstQueue => Queues.Count > 0 ? Queues[0] : null;

    /// <summary>
    /// When the agent last became free: its last change of state, or, later, the end of the last call at its DN (the
    /// start of its idle time while ready: longest idle first, StatTimeInReadyState).
    /// </summary>
    public DateTimeOffset IdleSince { get; set; }

    public bool IsReserved(DateTimeOffset now) => ReservedUntil is { } until && until > now;

    public AgentInfo Describe(DateTimeOffset now) => new(Id, Dn, State, WorkMode, [.. Queues], IsReserved(now)) { IdleSince = IdleSince };
}
