using CtiGateway.Pbx.Csta;

namespace CtiGateway.Simulator;

/// <summary>
/// What happens outside the stations and beyond the gateway's requests: the network's answer, busy signal and
/// release for external numbers, and the ACD queue handing a waiting call to an agent. Tests and scripts trigger
/// these as "switch" steps (the far end answers, the caller hangs up, the queue distributes).
/// </summary>
public sealed partial class SwitchModel
{
    /// <summary>The trunk group every external call uses: the networkInterfaceUsed of NetworkReachedEvent.</summary>
    public const string TrunkGroup = "T1";

    private readonly HashSet<string> _busyNumbers = new(StringComparer.Ordinal);

    /// <summary>
    /// Marks an external number busy (or free again): a call to it reaches the network (NetworkReached), then fails
    /// with cause busy (Failed) and the caller's connection stays in the fail state until it clears.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="number"/> is not an external number of the plan.</exception>
    public void SetNetworkBusy(string number, bool busy = true)
    {
        if (!_plan.IsExternalNumber(number))
        {
            throw new ArgumentException($"{number} is not an external number ({SwitchingPlan.MinExternalDigits}-{SwitchingPlan.MaxExternalDigits} digits outside the plan).", nameof(number));
        }

        if (busy)
        {
            _busyNumbers.Add(number);
        }
        else
        {
            _busyNumbers.Remove(number);
        }
    }

    /// <summary>
    /// The external party of an outbound call answers: Established (answeringDevice the external number) to every
    /// party. False when the call has no external party still ringing.
    /// </summary>
    public bool ExternalPartyAnswers(string callId)
    {
        if (!_calls.TryGetValue(callId, out var call))
        {
            return false;
        }

        var far = call.Connections.Find(c => c.State == SimConnectionState.Alerting && !_plan.TryGet(c.DeviceId, out _));
        if (far is null)
        {
            return false;
        }

        far.State = SimConnectionState.Connected;
        Raise(call, CstaEventType.Established, far, far.DeviceId, call.CallingDevice, call.CalledDevice, "normal");
        return true;
    }

    /// <summary>
    /// The external party of a call (an inbound caller, or the far end of an outbound call) hangs up:
    /// ConnectionCleared for it and, when one party is left, for that one too. False when the call has no external party.
    /// </summary>
    public bool ExternalPartyHangsUp(string callId)
    {
        if (!_calls.TryGetValue(callId, out var call))
        {
            return false;
        }

        var far = call.Connections.Find(c => c.State != SimConnectionState.Null && !_plan.TryGet(c.DeviceId, out _));
        return far is not null && !ClearConnection(far.Id).IsError;
    }

    /// <summary>
    /// The ACD queue hands its longest-waiting call to an agent: <paramref name="agentDevice"/>, or else the first
    /// station of the plan whose agent is logged on and ready in that group and has no call. Diverted (cause
    /// distributed, newDestination the agent) to the caller and the queue, then Delivered at the agent (cause
    /// distributed, lastRedirectionDevice the queue). Returns the agent's station, or null when no call waits or no
    /// agent is free. A scripted call (<see cref="StartInboundTraffic"/>) is then answered by the agent after the
    /// script's answer delay. With <see cref="AutomaticDistribution"/> on, the switch does this by itself.
    /// </summary>
    public string? DistributeQueuedCall(string queue, string? agentDevice = null)
    {
        if (!_plan.TryGet(queue, out var q) || q.Kind != SimDeviceKind.AcdQueue)
        {
            throw new ArgumentException($"{queue} is not an ACD queue of the switching plan.", nameof(queue));
        }

        if (agentDevice is not null && (!_plan.TryGet(agentDevice, out var station) || station.Kind != SimDeviceKind.Extension))
        {
            throw new ArgumentException($"{agentDevice} is not a station of the switching plan.", nameof(agentDevice));
        }

        SimCall? oldest = null;
        SimConnection? waiting = null;
        foreach (var call in _calls.Values)
        {
            var c = call.Find(queue);
            if (c is { State: SimConnectionState.Queued } && (oldest is null || string.CompareOrdinal(call.CallId, oldest.CallId) < 0))
            {
                oldest = call;
                waiting = c;
            }
        }

        var agent = agentDevice ?? _plan.Agents
            .Where(a => a.Group == queue && AgentPositions.TryGetValue(a.DeviceId, out var p) && p.LoggedOn && p.State == "ready" && !IsBusy(a.DeviceId))
            .Select(a => a.DeviceId)
            .FirstOrDefault();
        if (oldest is null || waiting is null || agent is null || IsBusy(agent))
        {
            return null;
        }

        Raise(oldest, CstaEventType.Diverted, waiting, queue, oldest.CallingDevice, oldest.CalledDevice, "distributed", clearing: waiting, other: agent);
        oldest.Connections.Remove(waiting);
        var caller = oldest.Connections.Find(x => x.State != SimConnectionState.Null) ?? waiting;
        if (Offer(oldest, agent, caller, "distributed", lastRedirection: queue) is { } offered)
        {
            // A scripted call is answered by the agent after the script's answer delay.
            OnRedirected(oldest, offered);
        }

        return agent;
    }
}
