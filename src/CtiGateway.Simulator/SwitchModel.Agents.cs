using CtiGateway.Pbx.Csta;

namespace CtiGateway.Simulator;

/// <summary>
/// Agent state (ECMA-269 SetAgentState / GetAgentState and the agent events): every station with an agent position
/// in the plan starts as the plan says (the demo: logged on and ready on 5001-5020). Events go to the monitors of
/// the station and of the agent's ACD group; a server may withhold them (switches that report no agent events).
/// </summary>
public sealed partial class SwitchModel
{
    private Dictionary<string, AgentPosition>? _agentPositions;

    private Dictionary<string, AgentPosition> AgentPositions => _agentPositions ??= _plan.Agents.ToDictionary(
        a => a.DeviceId,
        a => new AgentPosition(a.AgentId, a.Group) { LoggedOn = a.LoggedOnReady, State = a.LoggedOnReady ? "ready" : "notReady" },
        StringComparer.Ordinal);

    /// <summary>
    /// SetAgentState: requestedAgentState loggedOn (agentID and group optional; the agent is then not ready),
    /// loggedOff, ready, notReady or workingAfterCall. Raises the matching agent event.
    /// </summary>
    public SimServiceResult SetAgentState(string device, string requestedAgentState, string? agentId = null, string? group = null)
    {
        if (!_plan.TryGet(device, out var station))
        {
            return SimServiceResult.Error(SimErrors.Operation, SimErrors.InvalidDeviceId, $"SetAgentState: device {device} is not in the switching plan.");
        }

        if (station.Kind != SimDeviceKind.Extension)
        {
            return SimServiceResult.Error(SimErrors.Operation, SimErrors.InvalidObjectType, $"SetAgentState: device {device} is a {station.Kind}, not a station.");
        }

        if (!CstaAgentStates.Requested.Contains(requestedAgentState))
        {
            return SimServiceResult.Error(
                SimErrors.Operation, SimErrors.InvalidAgentState, $"SetAgentState: requestedAgentState '{requestedAgentState}' is not one of {string.Join(", ", CstaAgentStates.Requested)}.");
        }

        if (group is not null && (!_plan.TryGet(group, out var queue) || queue.Kind != SimDeviceKind.AcdQueue))
        {
            return SimServiceResult.Error(SimErrors.Operation, SimErrors.InvalidAgentGroup, $"SetAgentState: group {group} is not an ACD queue of the switching plan.");
        }

        AgentPositions.TryGetValue(device, out var agent);
        if (requestedAgentState == "loggedOn")
        {
            if (agent is { LoggedOn: true })
            {
                return SimServiceResult.Error(SimErrors.StateIncompatibility, SimErrors.InvalidObjectState, $"SetAgentState: agent {agent.AgentId} is already logged on at {device}.");
            }

            agent ??= AgentPositions[device] = new AgentPosition(agentId ?? device, group);
            agent.AgentId = agentId ?? agent.AgentId;
            agent.Group = group ?? agent.Group;
            agent.LoggedOn = true;
            agent.State = "notReady";
            RaiseAgent(CstaAgentEventType.AgentLoggedOn, device, agent);
            return SimServiceResult.Ok("SetAgentStateResponse");
        }

        if (agent is not { LoggedOn: true })
        {
            return SimServiceResult.Error(SimErrors.StateIncompatibility, SimErrors.InvalidObjectState, $"SetAgentState {requestedAgentState}: no agent is logged on at {device}.");
        }

        if (agentId is not null && agentId != agent.AgentId)
        {
            return SimServiceResult.Error(SimErrors.Operation, SimErrors.InvalidAgentIdentifier, $"SetAgentState: agent {agentId} is not the agent logged on at {device} ({agent.AgentId}).");
        }

        if (requestedAgentState == "loggedOff")
        {
            agent.LoggedOn = false;
            agent.State = "notReady";
            RaiseAgent(CstaAgentEventType.AgentLoggedOff, device, agent);
            return SimServiceResult.Ok("SetAgentStateResponse");
        }

        agent.State = requestedAgentState;
        RaiseAgent(
            requestedAgentState switch
            {
                "ready" => CstaAgentEventType.AgentReady,
                "notReady" => CstaAgentEventType.AgentNotReady,
                _ => CstaAgentEventType.AgentWorkingAfterCall,
            },
            device,
            agent);
        return SimServiceResult.Ok("SetAgentStateResponse");
    }

    /// <summary>
    /// GetAgentState: the agent at the station with loggedOnState and agentState (agentNull when logged off,
    /// agentBusy when ready and on a call); an empty list for a station that never had an agent.
    /// </summary>
    public SimServiceResult GetAgentState(string device)
    {
        if (!_plan.TryGet(device, out _))
        {
            return SimServiceResult.Error(SimErrors.Operation, SimErrors.InvalidDeviceId, $"GetAgentState: device {device} is not in the switching plan.");
        }

        return !AgentPositions.TryGetValue(device, out var agent)
            ? SimServiceResult.AgentStateReported([])
            : SimServiceResult.AgentStateReported([new SimAgentState(agent.AgentId, agent.LoggedOn, ReportedState(device, agent), agent.LoggedOn ? agent.Group : null)]);
    }

    /// <summary>The agentState value GetAgentState reports for the station, or null when it has no agent position.</summary>
    public string? AgentStateOf(string device) => AgentPositions.TryGetValue(device, out var agent) ? ReportedState(device, agent) : null;

    private string ReportedState(string device, AgentPosition agent) => !agent.LoggedOn
        ? "agentNull"
        : agent.State switch
        {
            "ready" when IsBusy(device) => "agentBusy",
            "ready" => "agentReady",
            "workingAfterCall" => "agentWorkingAfterCall",
            _ => "agentNotReady",
        };

    /// <summary>Raises an agent event to the station's monitors, then to the monitors of the agent's ACD group.</summary>
    private void RaiseAgent(CstaAgentEventType type, string device, AgentPosition agent)
    {
        if (type == CstaAgentEventType.AgentReady)
        {
            RequestDistribution();
        }

        foreach (var target in agent.Group is null ? [device] : new[] { device, agent.Group })
        {
            foreach (var monitor in MonitorsOf(target))
            {
                _events.Add(new SimEventRecord(monitor, new CstaAgentEvent(CstaAgentEvent.ElementOf(type), "")
                {
                    Type = type,
                    MonitorCrossRefId = monitor.MonitorCrossRefId,
                    AgentDevice = device,
                    AgentId = agent.AgentId,
                    AcdGroup = agent.Group,
                }));
            }
        }
    }

    /// <summary>The live state of one agent position.</summary>
    private sealed class AgentPosition(string agentId, string? group)
    {
        public string AgentId { get; set; } = agentId;

        public string? Group { get; set; } = group;

        public bool LoggedOn { get; set; }

        /// <summary>ready, notReady or workingAfterCall.</summary>
        public string State { get; set; } = "notReady";
    }
}
