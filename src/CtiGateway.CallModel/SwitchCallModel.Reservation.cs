using System.Globalization;
using CtiGateway.Protocol;

namespace CtiGateway.CallModel;

/// <summary>
/// RequestReserveAgent (seed 004): the agent named by ThisDN or AgentID is held for the requester for Timeout
/// milliseconds (default <see cref="DefaultReservationMs"/>). EventAgentReserved goes to the requester and to the
/// clients registered on the agent's DN; a second reservation while one holds is refused with 1700
/// (TERR_AGENT_ALREADY_RESERVED). A reservation ends when its time is up or the agent logs out.
/// </summary>
public sealed partial class SwitchCallModel
{
    /// <summary>The reservation time when the request names none: 10 s.</summary>
    public const int DefaultReservationMs = 10_000;

    /// <summary>The longest reservation: one hour.</summary>
    public const int MaxReservationMs = 3_600_000;

    /// <summary>
    /// Reserves the agent <paramref name="request"/> names. On success the requester's EventAgentReserved is returned
    /// (the caller sends it with the request's ReferenceID) and a copy has gone to the agent's DN through
    /// <paramref name="sink"/>; otherwise null and <paramref name="refusal"/> says why.
    /// </summary>
    public TlibMessage? ReserveAgent(TlibMessage request, ICallModelSink sink, out RequestPlan refusal)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(sink);
        var dn = request.ThisDN is { Length: > 0 } d ? d : null;
        var agentId = request.GetString(AttributeId.AgentID) is { Length: > 0 } id ? id : null;
        Agent? agent = null;
        if (dn is not null)
        {
            _agentsByDn.TryGetValue(dn, out agent);
        }
        else if (agentId is not null)
        {
            _agentsById.TryGetValue(agentId, out agent);
        }
        else
        {
            refusal = RequestPlan.Refuse(ErrorCode.TERR_INVALID_ATTR, "Missing attribute ThisDN: RequestReserveAgent needs the agent's DN (ThisDN) or AgentID");
            return null;
        }

        if (agent is null || (agentId is not null && agent.Id != agentId))
        {
            refusal = RequestPlan.Refuse(ErrorCode.TERR_SOFT_AGENT_NOT_LOGGED_IN,
                $"RequestReserveAgent: {(dn is null ? $"agent {agentId} is not logged in" : agentId is null ? $"no agent is logged in at DN {dn}" : $"agent {agentId} is not logged in at DN {dn}")} on this switch");
            return null;
        }

        var timeout = DefaultReservationMs;
        if (request.GetInt(AttributeId.Timeout) is { } asked)
        {
            if (asked < 1 || asked > MaxReservationMs)
            {
                refusal = RequestPlan.Refuse(ErrorCode.TERR_INVALID_ATTR,
                    $"Invalid attribute Timeout: {asked.ToString(CultureInfo.InvariantCulture)} ms is not 1-{MaxReservationMs.ToString(CultureInfo.InvariantCulture)} ms");
                return null;
            }

            timeout = asked;
        }

        var now = Now;
        if (agent.IsReserved(now))
        {
            var left = (agent.ReservedUntil!.Value - now).TotalMilliseconds;
            refusal = RequestPlan.Refuse(ErrorCode.TERR_AGENT_ALREADY_RESERVED,
                $"RequestReserveAgent: agent {agent.Id} at DN {agent.Dn} is already reserved for another {Math.Ceiling(left).ToString(CultureInfo.InvariantCulture)} ms");
            return null;
        }

        agent.ReservedUntil = now.AddMilliseconds(timeout);
        AgentVersion++;
        var place = request.GetString(AttributeId.Place);
        sink.Publish(agent.Dn, Reserved(agent, place, timeout));
        refusal = default;
        return Reserved(agent, place, timeout);
    }

    private static TlibMessage Reserved(Agent agent, string? place, int timeout)
    {
        var m = new TlibMessage(MessageType.EventAgentReserved, 5) { ThisDN = agent.Dn };
        m.Set(AttributeId.AgentID, agent.Id);
        if (place is { Length: > 0 })
        {
            m.Set(AttributeId.Place, place);
        }

        m.Set(AttributeId.Timeout, timeout);
        return m;
    }
}
