using CtiGateway.Server;

namespace CtiGateway.Orchestration;

/// <summary>A target a submit may take now: an available agent of one of its targets, or a DN, queue or routing point.</summary>
/// <param name="Target">The submit's target it came from.</param>
/// <param name="Agent">The agent, or null for a DN, queue or routing point.</param>
/// <param name="Dn">Where the call goes.</param>
/// <param name="Switch">The switch of <paramref name="Dn"/>.</param>
/// <param name="Index">The target's place in the submit's list.</param>
internal sealed record QueueCandidate(QueueTarget Target, TargetAgent? Agent, string Dn, string Switch, int Index);
