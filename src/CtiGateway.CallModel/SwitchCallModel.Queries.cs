using System.Globalization;
using CtiGateway.Protocol;

namespace CtiGateway.CallModel;

/// <summary>
/// RequestQueryAddress answered from the model's own state with EventAddressInfo (ThisDN, AddressInfoType,
/// AddressInfoStatus, and per info type the attributes and Extensions that docs/wire-format.md lists): DNStatus,
/// AgentStatus, CallsQuery, NumberOfAgentsInQueue, NumberOfAvailableAgentsInQueue, NumberOfCallsInQueue and
/// QueueStatus. Each info type is one case of <see cref="QueryAddress"/>; another is added there.
/// </summary>
public sealed partial class SwitchCallModel
{
    /// <summary>
    /// The EventAddressInfo answering <paramref name="request"/> (without ReferenceID: the caller replies with it), or
    /// null with <paramref name="refusal"/> saying why (a DN that is not of the switch, a queue query on a DN that is
    /// no queue, an info type not answered here).
    /// </summary>
    public TlibMessage? QueryAddress(TlibMessage request, out RequestPlan refusal)
    {
        ArgumentNullException.ThrowIfNull(request);
        refusal = default;
        if (request.ThisDN is not { Length: > 0 } dn || KindOf(dn) is not { } kind)
        {
            refusal = RequestPlan.Refuse(ErrorCode.TERR_NOT_CONFIGURED, $"RequestQueryAddress: DN {request.ThisDN} is not a DN of this switch");
            return null;
        }

        var infoType = (AddressInfoType)(request.GetInt(AttributeId.AddressInfoType) ?? (int)AddressInfoType.DNStatus);
        switch (infoType)
        {
            case AddressInfoType.DNStatus:
                return DnStatus(dn);
            case AddressInfoType.AgentStatus:
                return AgentStatus(dn);
            case AddressInfoType.CallsQuery:
                return CallsQuery(dn);
            case AddressInfoType.CallForwardingStatus:
                return ForwardStatus(dn);
            case AddressInfoType.NumberOfAgentsInQueue or AddressInfoType.NumberOfAvailableAgentsInQueue
                or AddressInfoType.NumberOfCallsInQueue or AddressInfoType.QueueStatus:
                if (kind != DnKind.ACDQueue)
                {
                    refusal = RequestPlan.Refuse(ErrorCode.TERR_INVALID_ATTR,
                        $"Invalid attribute AddressInfoType: {infoType} is a queue query and DN {dn} is an {kind}, not an ACDQueue");
                    return null;
                }

                return QueueStatus(dn, infoType);
            default:
                refusal = RequestPlan.Refuse(ErrorCode.TERR_UNSUP_OPER,
                    $"RequestQueryAddress: AddressInfoType {infoType} ({((int)infoType).ToString(CultureInfo.InvariantCulture)}) is not answered by this server (answered: DNStatus, AgentStatus, CallsQuery, CallForwardingStatus, NumberOfAgentsInQueue, NumberOfAvailableAgentsInQueue, NumberOfCallsInQueue, QueueStatus)");
                return null;
        }
    }

    private static TlibMessage AddressInfo(string dn, AddressInfoType infoType, int status, int extra)
    {
        var m = new TlibMessage(MessageType.EventAddressInfo, 4 + extra) { ThisDN = dn };
        m.Set(AttributeId.AddressInfoType, (int)infoType);
        m.Set(AttributeId.AddressInfoStatus, status);
        return m;
    }

    // DNStatus: AddressInfoStatus the DN's state (AddressStatusInfoType), Extensions status idle/busy and the calls;
    // AgentID and AgentWorkMode when an agent is there.
    private TlibMessage DnStatus(string dn)
    {
        var state = AddressStatusInfoType.Idle;
        var calls = 0;
        if (_partiesByDn.TryGetValue(dn, out var parties))
        {
            foreach (var p in parties)
            {
                if (!p.IsActive)
                {
                    continue;
                }

                calls++;
                var s = p.Status switch
                {
                    PartyStatus.Connected => AddressStatusInfoType.Talking,
                    PartyStatus.Alerting or PartyStatus.Joining or PartyStatus.Queued => AddressStatusInfoType.Ringing,
                    PartyStatus.Dialing or PartyStatus.Initiated => AddressStatusInfoType.Dialing,
                    PartyStatus.Held => AddressStatusInfoType.Held,
                    _ => AddressStatusInfoType.Idle,
                };

                // Talking outranks dialing and ringing, which outrank held.
                if (state == AddressStatusInfoType.Idle || Rank(s) > Rank(state))
                {
                    state = s;
                }
            }
        }

        _agentsByDn.TryGetValue(dn, out var agent);
        var features = FeaturesOf(dn);

        // A DN the switch does not monitor (EventDNOutOfService) is in maintenance, whatever the model last knew of it.
        if (features.OutOfService)
        {
            state = AddressStatusInfoType.Maintenance;
        }

        var m = AddressInfo(dn, AddressInfoType.DNStatus, (int)state, agent is null ? 1 : 3);
        var extensions = new KeyValueList(agent is null ? 5 : 7)
            .Add("status", features.OutOfService ? "out-of-service" : calls == 0 ? "idle" : "busy")
            .Add("calls", calls)
            .Add("in-service", features.OutOfService ? 0 : 1)
            .Add("dnd", features.DoNotDisturb ? 1 : 0)
            .Add("forward", features.Forward.ToString());
        if (agent is not null)
        {
            extensions.Add("agent-id", agent.Id).Add("agent-state", StateName(agent.State));
            m.Set(AttributeId.AgentID, agent.Id);
            m.Set(AttributeId.AgentWorkMode, (int)agent.WorkMode);
        }

        m.Extensions = extensions;
        return m;
    }

    // CallForwardingStatus (ForwardStatus): AddressInfoStatus the ForwardMode (0 None ... 5 SendAllCalls), OtherDN the
    // destination when forwarding is on; Extensions the mode's name, the destination and DND.
    private TlibMessage ForwardStatus(string dn)
    {
        var features = FeaturesOf(dn);
        var m = AddressInfo(dn, AddressInfoType.CallForwardingStatus, (int)features.Forward, 2);
        if (features.ForwardDestination is { } destination && features.Forward != ForwardMode.None)
        {
            m.Set(AttributeId.OtherDN, destination);
        }

        var extensions = new KeyValueList(3).Add("forward", features.Forward.ToString()).Add("dnd", features.DoNotDisturb ? 1 : 0);
        if (features.ForwardDestination is { } to && features.Forward != ForwardMode.None)
        {
            extensions.Add("destination", to);
        }

        m.Extensions = extensions;
        return m;
    }

    private static int Rank(AddressStatusInfoType s) => s switch
    {
        AddressStatusInfoType.Talking => 3,
        AddressStatusInfoType.Dialing or AddressStatusInfoType.Ringing => 2,
        AddressStatusInfoType.Held => 1,
        _ => 0,
    };

    // AgentStatus: AddressInfoStatus the message id of the agent's state event (74 logged out, 75 ready, 76 not ready).
    private TlibMessage AgentStatus(string dn)
    {
        if (!_agentsByDn.TryGetValue(dn, out var agent))
        {
            var none = AddressInfo(dn, AddressInfoType.AgentStatus, (int)MessageType.EventAgentLogout, 1);
            none.Extensions = new KeyValueList(1).Add("agent-state", StateName(AgentState.LoggedOut));
            return none;
        }

        var status = agent.State == AgentState.Ready ? MessageType.EventAgentReady : MessageType.EventAgentNotReady;
        var m = AddressInfo(dn, AddressInfoType.AgentStatus, (int)status, 4);
        m.Set(AttributeId.AgentID, agent.Id);
        m.Set(AttributeId.AgentWorkMode, (int)agent.WorkMode);
        if (agent.Reasons is { } reasons)
        {
            m.Reasons = reasons;
        }

        m.Extensions = new KeyValueList(4)
            .Add("agent-id", agent.Id)
            .Add("agent-state", StateName(agent.State))
            .Add("queues", string.Join(',', agent.Queues))
            .Add("reserved", agent.IsReserved(Now) ? 1 : 0);
        return m;
    }

    // CallsQuery: AddressInfoStatus the number of calls; ConnID the active call, PreviousConnID the held one;
    // Extensions one pair per call, its ConnID (16 hex digits) and the DN's state on it.
    private TlibMessage CallsQuery(string dn)
    {
        var count = 0;
        ConnId? active = null;
        ConnId? held = null;
        KeyValueList? calls = null;
        if (_partiesByDn.TryGetValue(dn, out var parties))
        {
            calls = new KeyValueList(parties.Count);
            foreach (var p in parties)
            {
                if (!p.IsActive)
                {
                    continue;
                }

                count++;
                calls.Add(p.Call.ConnId.ToString(), Describe(p.Status));
                if (p.Status == PartyStatus.Held)
                {
                    held ??= p.Call.ConnId;
                }
                else
                {
                    active ??= p.Call.ConnId;
                }
            }
        }

        var m = AddressInfo(dn, AddressInfoType.CallsQuery, count, 3);
        if (active is { } a)
        {
            m.ConnID = a;
        }

        if (held is { } h)
        {
            m.Set(AttributeId.PreviousConnID, unchecked((long)h.Value));
        }

        m.Extensions = calls ?? new KeyValueList(0);
        return m;
    }

    // The queue queries: AddressInfoStatus is the count asked for (QueueStatus: calls waiting); Extensions all counts.
    private TlibMessage QueueStatus(string queue, AddressInfoType infoType)
    {
        var waiting = 0;
        if (_partiesByDn.TryGetValue(queue, out var parties))
        {
            foreach (var p in parties)
            {
                if (p.IsActive && p.Status == PartyStatus.Queued)
                {
                    waiting++;
                }
            }
        }

        int loggedIn = 0, ready = 0, notReady = 0;
        if (_agentsByQueue.TryGetValue(queue, out var members))
        {
            loggedIn = members.Count;
            foreach (var agent in members)
            {
                if (agent.State == AgentState.Ready)
                {
                    ready++;
                }
                else
                {
                    notReady++;
                }
            }
        }

        var status = infoType switch
        {
            AddressInfoType.NumberOfAgentsInQueue => loggedIn,
            AddressInfoType.NumberOfAvailableAgentsInQueue => ready,
            _ => waiting,
        };
        var m = AddressInfo(queue, infoType, status, 1);
        m.Extensions = new KeyValueList(4)
            .Add("calls-waiting", waiting)
            .Add("agents-logged-in", loggedIn)
            .Add("agents-ready", ready)
            .Add("agents-not-ready", notReady);
        return m;
    }

    private static string StateName(AgentState state) => state switch
    {
        AgentState.Ready => "ready",
        AgentState.NotReady => "not-ready",
        AgentState.AfterCallWork => "after-call-work",
        _ => "logged-out",
    };
}
