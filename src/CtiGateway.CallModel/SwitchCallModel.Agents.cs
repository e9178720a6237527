using System.Globalization;
using CtiGateway.Protocol;

namespace CtiGateway.CallModel;

/// <summary>
/// Agent state: RequestAgentLogin, RequestAgentLogout, RequestAgentReady and RequestAgentNotReady, answered by
/// EventAgentLogin (then EventAgentNotReady with ReferenceID 0 for the initial state), EventAgentLogout or
/// EventQueueLogout, EventAgentReady and EventAgentNotReady on the agent's DN. One agent per DN, one DN per agent.
/// Queue membership follows login: an agent logged in to a queue counts for it until it leaves it or logs out.
/// <para>
/// Two modes (<see cref="SwitchKeepsAgentState"/>). A soft agent (the switch reports no agent state) is kept here
/// alone: requests are answered at once, and the state survives a link outage. Where the switch keeps agent state, a
/// request becomes SetAgentState (<see cref="SwitchCommandKind.SetAgentState"/>) and the state changes when the switch
/// confirms it (<see cref="CompleteAgentCommand"/>) or reports it (<see cref="ApplyAgentReport"/>).
/// </para>
/// </summary>
public sealed partial class SwitchCallModel
{
    private readonly Dictionary<string, Agent> _agentsByDn = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Agent> _agentsById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Agent>> _agentsByQueue = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (AgentCommand Command, int ReferenceId)> _agentCommands = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether the switch keeps agent state (its profile offers SetAgentState): agent requests go to the switch and
    /// its word wins. False (the default): soft agents, kept by the gateway.
    /// </summary>
    public bool SwitchKeepsAgentState { get; set; }

    /// <summary>Agents logged in now.</summary>
    public int AgentCount => _agentsById.Count;

    /// <summary>Goes up by one at every change of an agent (login, state, queue, reservation, logout).</summary>
    public int AgentVersion { get; private set; }

    /// <summary>The DNs that have an agent now.</summary>
    public IReadOnlyList<string> AgentDns => [.. _agentsByDn.Keys];

    /// <summary>Every agent, as copies.</summary>
    public IReadOnlyList<AgentInfo> ListAgents()
    {
        var now = Now;
        var list = new List<AgentInfo>(_agentsById.Count);
        foreach (var agent in _agentsById.Values)
        {
            list.Add(agent.Describe(now));
        }

        return list;
    }

    /// <summary>The agent at <paramref name="dn"/>, as a copy.</summary>
    public AgentInfo? AgentAt(string dn) => _agentsByDn.TryGetValue(dn, out var agent) ? agent.Describe(Now) : null;

    /// <summary>
    /// An agent present at start (configuration): logged in at <paramref name="dn"/>, in <paramref name="queue"/> when
    /// given, ready or not. No event (no client is connected yet).
    /// </summary>
    /// <exception cref="ArgumentException">The DN cannot take an agent, has one, the agent is elsewhere, or the queue is no ACD queue.</exception>
    public void DeclareAgent(string agentId, string dn, string? queue, bool ready)
    {
        ArgumentException.ThrowIfNullOrEmpty(agentId);
        ArgumentException.ThrowIfNullOrEmpty(dn);
        if (AgentDnProblem(dn) is { } problem)
        {
            throw new ArgumentException($"Agent {agentId}: {problem}.", nameof(dn));
        }

        if (queue is not null && QueueProblem(queue) is { } queueProblem)
        {
            throw new ArgumentException($"Agent {agentId}: {queueProblem}.", nameof(queue));
        }

        if (_agentsByDn.TryGetValue(dn, out var other) || _agentsById.TryGetValue(agentId, out other))
        {
            throw new ArgumentException($"Agent {agentId} at DN {dn}: agent {other.Id} is already at DN {other.Dn}.", nameof(agentId));
        }

        var agent = AddAgent(agentId, dn);
        if (queue is not null)
        {
            JoinQueue(agent, queue);
        }

        agent.State = ready ? AgentState.Ready : AgentState.NotReady;
        agent.WorkMode = ready ? AgentWorkMode.ManualIn : AgentWorkMode.Unknown;
        agent.IdleSince = Now;
    }

    /// <summary>Plans an agent request (its ThisDN is <paramref name="dn"/>): answered here, sent as SetAgentState, or refused.</summary>
    private RequestPlan PlanAgentRequest(TlibMessage request, string dn, int referenceId, ICallModelSink sink)
    {
        if (AgentDnProblem(dn) is { } problem)
        {
            return RequestPlan.Refuse(ErrorCode.TERR_INVALID_ATTR, $"{request.Name}: {problem}");
        }

        var workMode = AgentWorkMode.Unknown;
        if (request.GetInt(AttributeId.AgentWorkMode) is { } mode)
        {
            if (!Enum.IsDefined((AgentWorkMode)mode))
            {
                return RequestPlan.Refuse(ErrorCode.TERR_INVALID_ATTR,
                    $"Invalid attribute AgentWorkMode: {mode.ToString(CultureInfo.InvariantCulture)} is not an agent work mode (0-7)");
            }

            workMode = (AgentWorkMode)mode;
        }

        var queue = request.GetString(AttributeId.ThisQueue) is { Length: > 0 } q ? q : null;
        var reasons = NonEmpty(request.Reasons);
        var agentId = request.GetString(AttributeId.AgentID) is { Length: > 0 } id ? id : null;
        _agentsByDn.TryGetValue(dn, out var agent);
        if (request.Type == MessageType.RequestAgentLogin)
        {
            return PlanLogin(request, dn, agentId, agent, queue, workMode, reasons, referenceId, sink);
        }

        if (agent is null)
        {
            return RequestPlan.Refuse(ErrorCode.TERR_SOFT_AGENT_NOT_LOGGED_IN, $"{request.Name}: no agent is logged in at DN {dn}");
        }

        if (agentId is not null && agentId != agent.Id)
        {
            return RequestPlan.Refuse(ErrorCode.TERR_SOFT_AGENT_WRONG_ID, $"{request.Name}: agent {agentId} is not the agent logged in at DN {dn} ({agent.Id})");
        }

        var change = request.Type switch
        {
            MessageType.RequestAgentLogout => AgentChange.Logout,
            MessageType.RequestAgentReady => AgentChange.Ready,
            _ => AgentChange.NotReady,
        };
        if (change == AgentChange.Logout && queue is not null && !agent.Queues.Contains(queue))
        {
            return RequestPlan.Refuse(ErrorCode.TERR_INVALID_ATTR, $"Invalid attribute ThisQueue: agent {agent.Id} at DN {dn} is not logged in to queue {queue}");
        }

        var command = new AgentCommand(change, agent.Id, dn, queue, workMode, reasons);

        // Leaving one queue of several is the gateway's own bookkeeping: the switch's agent stays logged in.
        var local = change == AgentChange.Logout && queue is not null && agent.Queues.Count > 1;
        return Carry(command, local, referenceId, sink);
    }

    private RequestPlan PlanLogin(TlibMessage request, string dn, string? agentId, Agent? agent, string? queue, AgentWorkMode workMode, KeyValueList? reasons, int referenceId, ICallModelSink sink)
    {
        if (agentId is null)
        {
            return RequestPlan.Refuse(ErrorCode.TERR_INVALID_ATTR, $"Missing attribute AgentID: {request.Name} needs the agent's id");
        }

        if (queue is not null && !SwitchKeepsAgentState && QueueProblem(queue) is { } queueProblem)
        {
            return RequestPlan.Refuse(ErrorCode.TERR_INVALID_ATTR, $"Invalid attribute ThisQueue: {queueProblem}");
        }

        if (agent is not null && agent.Id != agentId)
        {
            return RequestPlan.Refuse(ErrorCode.TERR_SOFT_AGENT_ALREADY_LOGGED_IN,
                $"{request.Name}: DN {dn} already has agent {agent.Id} logged in (one agent per DN); log it out first");
        }

        if (agent is null && _agentsById.TryGetValue(agentId, out var elsewhere))
        {
            return RequestPlan.Refuse(ErrorCode.TERR_SOFT_AGENT_ID_IN_USE,
                $"{request.Name}: agent {agentId} is already logged in at DN {elsewhere.Dn} (one DN per agent); log it out there first");
        }

        // A second login of the same agent (another queue, or the same again) changes nothing on the switch.
        var command = new AgentCommand(AgentChange.Login, agentId, dn, queue, workMode, reasons);
        return Carry(command, local: agent is not null, referenceId, sink);
    }

    // Soft agents and local changes are applied now; otherwise the switch is asked first.
    private RequestPlan Carry(AgentCommand command, bool local, int referenceId, ICallModelSink sink)
    {
        if (!SwitchKeepsAgentState || local)
        {
            ApplyAgentCommand(command, referenceId, sink);
            return RequestPlan.Done;
        }

        return RequestPlan.Send(new SwitchCommand(SwitchCommandKind.SetAgentState, command.Dn, NoReply) { Device = command.Dn, Agent = command });
    }

    /// <summary>
    /// The switch is about to be asked for <paramref name="command"/> (SetAgentState): whichever comes first, its
    /// answer (<see cref="CompleteAgentCommand"/>) or its agent event (<see cref="ApplyAgentReport"/>), applies the
    /// change with <paramref name="referenceId"/>.
    /// </summary>
    public void NoteAgentCommand(AgentCommand command, int referenceId)
    {
        ArgumentNullException.ThrowIfNull(command);
        _agentCommands[command.Dn] = (command, referenceId);
    }

    /// <summary>The switch refused SetAgentState, or did not answer: the change does not happen.</summary>
    public void DropAgentCommand(string dn) => _agentCommands.Remove(dn);

    /// <summary>The switch accepted SetAgentState for <paramref name="dn"/>: the change happens, unless its agent event already applied it.</summary>
    public void CompleteAgentCommand(string dn, ICallModelSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (_agentCommands.Remove(dn, out var pending))
        {
            ApplyAgentCommand(pending.Command, pending.ReferenceId, sink);
        }
    }

    /// <summary>
    /// What the switch reports of the agent at <paramref name="dn"/> (an agent event, or GetAgentState): logged in as
    /// <paramref name="agentId"/> in <paramref name="state"/> and <paramref name="queue"/>, or logged out when
    /// <paramref name="state"/> is <see cref="AgentState.LoggedOut"/>. The model takes the switch's word: a difference
    /// is applied, with its T-Library events (the ReferenceID of a request waiting for exactly this change, else 0).
    /// </summary>
    /// <returns>What the gateway believed that differs from the report (for a hardware error), or null when it agreed.</returns>
    public string? ApplyAgentReport(string dn, string? agentId, AgentState state, string? queue, ICallModelSink sink)
    {
        ArgumentNullException.ThrowIfNull(dn);
        ArgumentNullException.ThrowIfNull(sink);
        _agentsByDn.TryGetValue(dn, out var agent);
        var referenceId = 0;
        if (_agentCommands.TryGetValue(dn, out var pending) && Matches(pending.Command, state))
        {
            _agentCommands.Remove(dn);
            referenceId = pending.ReferenceId;
        }

        if (state == AgentState.LoggedOut)
        {
            if (agent is null)
            {
                return null;
            }

            var was = Describe(agent);
            foreach (var q in agent.Queues.ToArray())
            {
                LeaveQueue(agent, q);
            }

            RemoveAgent(agent);
            sink.Publish(dn, AgentEvent(MessageType.EventAgentLogout, agent, null, referenceId, null));
            return $"the gateway had {was} at DN {dn}; the switch reports no agent logged in";
        }

        string? disagreement = null;
        if (agent is not null && agentId is not null && agent.Id != agentId)
        {
            disagreement = $"the gateway had {Describe(agent)} at DN {dn}; the switch reports agent {agentId}";
            ApplyAgentReport(dn, null, AgentState.LoggedOut, null, sink);
            agent = null;
        }

        if (agent is null)
        {
            var id = agentId ?? dn;
            if (_agentsById.TryGetValue(id, out var elsewhere))
            {
                ApplyAgentReport(elsewhere.Dn, null, AgentState.LoggedOut, null, sink);
            }

            agent = AddAgent(id, dn);
            if (queue is not null)
            {
                JoinQueue(agent, queue);
            }

            var login = AgentEvent(MessageType.EventAgentLogin, agent, queue, referenceId, null);
            sink.Publish(dn, login);
            agent.State = AgentState.NotReady;
            disagreement ??= $"the gateway had no agent at DN {dn}; the switch reports agent {id} {Describe(state)}";
            PublishState(agent, state, state == AgentState.AfterCallWork ? AgentWorkMode.AfterCallWork : AgentWorkMode.Unknown, null, 0, sink, force: true);
            return disagreement;
        }

        if (queue is not null && !agent.Queues.Contains(queue))
        {
            JoinQueue(agent, queue);
        }

        if (agent.State == state)
        {
            return disagreement;
        }

        disagreement ??= $"the gateway had {Describe(agent)} at DN {dn}; the switch reports {Describe(state)}";
        var workMode = state == AgentState.AfterCallWork ? AgentWorkMode.AfterCallWork : referenceId != 0 ? pending.Command.WorkMode : AgentWorkMode.Unknown;
        PublishState(agent, state, workMode, referenceId != 0 ? pending.Command.Reasons : null, referenceId, sink, force: true);
        return disagreement;
    }

    /// <summary>Applies an agent change the gateway may make (soft agent, local change, or confirmed by the switch).</summary>
    private void ApplyAgentCommand(AgentCommand command, int referenceId, ICallModelSink sink)
    {
        _agentsByDn.TryGetValue(command.Dn, out var agent);
        switch (command.Change)
        {
            case AgentChange.Login:
                var first = agent is null;
                agent ??= AddAgent(command.AgentId, command.Dn);
                if (command.Queue is { } queue && !agent.Queues.Contains(queue))
                {
                    JoinQueue(agent, queue);
                }

                var login = AgentEvent(MessageType.EventAgentLogin, agent, command.Queue, referenceId, command.Reasons);
                if (command.WorkMode != AgentWorkMode.Unknown)
                {
                    login.Set(AttributeId.AgentWorkMode, (int)command.WorkMode);
                }

                sink.Publish(command.Dn, login);
                if (first)
                {
                    // The initial state (M1): not ready, ReferenceID 0.
                    agent.State = AgentState.NotReady;
                    sink.Publish(command.Dn, AgentEvent(MessageType.EventAgentNotReady, agent, command.Queue, 0, null));
                }

                break;
            case AgentChange.Logout when agent is not null:
                if (command.Queue is { } left && agent.Queues.Count > 1)
                {
                    LeaveQueue(agent, left);
                    sink.Publish(command.Dn, AgentEvent(MessageType.EventQueueLogout, agent, left, referenceId, command.Reasons));
                    break;
                }

                var lastQueue = command.Queue ?? agent.FirstQueue;
                foreach (var q in agent.Queues.ToArray())
                {
                    LeaveQueue(agent, q);
                }

                RemoveAgent(agent);
                sink.Publish(command.Dn, AgentEvent(MessageType.EventAgentLogout, agent, lastQueue, referenceId, command.Reasons));
                break;
            case AgentChange.Ready when agent is not null:
                PublishState(agent, AgentState.Ready, command.WorkMode, command.Reasons, referenceId, sink, force: true, command.Queue);
                break;
            case AgentChange.NotReady when agent is not null:
                var state = command.WorkMode == AgentWorkMode.AfterCallWork ? AgentState.AfterCallWork : AgentState.NotReady;
                PublishState(agent, state, command.WorkMode, command.Reasons, referenceId, sink, force: true, command.Queue);
                break;
        }
    }

    private void PublishState(Agent agent, AgentState state, AgentWorkMode workMode, KeyValueList? reasons, int referenceId, ICallModelSink sink, bool force, string? queue = null)
    {
        if (!force && agent.State == state)
        {
            return;
        }

        if (agent.State != state)
        {
            // A repeated request for the state it is in does not restart the agent's idle time.
            agent.IdleSince = Now;
        }

        agent.State = state;
        agent.WorkMode = workMode;
        agent.Reasons = reasons;
        AgentVersion++;
        var type = state == AgentState.Ready ? MessageType.EventAgentReady : MessageType.EventAgentNotReady;
        var m = AgentEvent(type, agent, queue ?? agent.FirstQueue, referenceId, reasons);
        if (workMode != AgentWorkMode.Unknown)
        {
            m.Set(AttributeId.AgentWorkMode, (int)workMode);
        }

        sink.Publish(agent.Dn, m);
    }

    /// <summary>An agent event: ThisDN, AgentID, ThisQueue (when any), Reasons (when any), ReferenceID (when not 0).</summary>
    private static TlibMessage AgentEvent(MessageType type, Agent agent, string? queue, int referenceId, KeyValueList? reasons)
    {
        var m = new TlibMessage(type, 7) { ThisDN = agent.Dn };
        m.Set(AttributeId.AgentID, agent.Id);
        if (queue is not null)
        {
            m.Set(AttributeId.ThisQueue, queue);
        }

        if (reasons is not null)
        {
            m.Reasons = reasons;
        }

        if (referenceId != 0)
        {
            m.ReferenceID = referenceId;
        }

        return m;
    }

    private static bool Matches(AgentCommand command, AgentState reported) => command.Change switch
    {
        AgentChange.Login => reported is AgentState.NotReady or AgentState.Ready,
        AgentChange.Logout => reported == AgentState.LoggedOut,
        AgentChange.Ready => reported == AgentState.Ready,
        _ => reported == (command.WorkMode == AgentWorkMode.AfterCallWork ? AgentState.AfterCallWork : AgentState.NotReady),
    };

    private Agent AddAgent(string agentId, string dn)
    {
        var agent = new Agent(agentId, dn) { IdleSince = Now };
        _agentsByDn.Add(dn, agent);
        _agentsById.Add(agentId, agent);
        AgentVersion++;
        return agent;
    }

    private void RemoveAgent(Agent agent)
    {
        _agentsByDn.Remove(agent.Dn);
        _agentsById.Remove(agent.Id);
        agent.State = AgentState.LoggedOut;
        AgentVersion++;
    }

    private void JoinQueue(Agent agent, string queue)
    {
        agent.Queues.Add(queue);
        if (!_agentsByQueue.TryGetValue(queue, out var members))
        {
            members = new List<Agent>(4);
            _agentsByQueue.Add(queue, members);
        }

        members.Add(agent);
        AgentVersion++;
    }

    private void LeaveQueue(Agent agent, string queue)
    {
        agent.Queues.Remove(queue);
        if (_agentsByQueue.TryGetValue(queue, out var members))
        {
            members.Remove(agent);
        }

        AgentVersion++;
    }

    /// <summary>Why <paramref name="dn"/> cannot take an agent, or null (it must be an extension or ACD position of the switch).</summary>
    private string? AgentDnProblem(string dn) => KindOf(dn) switch
    {
        DnKind.Extension or DnKind.ACDPosition => null,
        null => $"DN {dn} is not a DN of this switch",
        { } kind => $"DN {dn} is an {kind}; agents log in at an Extension or ACDPosition",
    };

    private string? QueueProblem(string queue) => KindOf(queue) == DnKind.ACDQueue ? null : $"{queue} is not an ACD queue of this switch (a DN of type ACDQueue)";

    private DateTimeOffset Now => _options.TimeProvider.GetUtcNow();

    private static string Describe(Agent agent) => $"agent {agent.Id} {Describe(agent.State)}";

    private static string Describe(AgentState state) => state switch
    {
        AgentState.Ready => "ready",
        AgentState.AfterCallWork => "in after-call work",
        AgentState.NotReady => "not ready",
        _ => "logged out",
    };
}
