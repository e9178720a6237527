using CtiGateway.CallModel;
using CtiGateway.Pbx.Csta;
using CtiGateway.Pbx.Links;
using CtiGateway.Protocol;
using CtiGateway.Server;

namespace CtiGateway.Switching;

/// <summary>
/// Agents and queries on the loop. Requests answered from the model's state at once, link or no link: queries
/// (RequestQueryAddress), reservations, and agent requests of soft agents. Where the switch keeps agent state, agent
/// requests go to it as SetAgentState (the usual request path), its agent events change the model, and after each
/// link-up GetAgentState of every agent DN checks the gateway's view: a disagreement is an EventHardwareError and the
/// switch's state is taken. A copy of the agents is kept for other threads (<see cref="Agents"/>).
/// </summary>
internal sealed partial class SwitchCallHost
{
    private IReadOnlyList<AgentInfo> _agents = [];
    private int _agentVersion = -1;

    /// <summary>
    /// The switch's agents as of the last input applied, and never older than an event a client has received from this
    /// switch: the copy is refreshed before each event is published as well as after each input (safe from any thread).
    /// </summary>
    public IReadOnlyList<AgentInfo> Agents => Volatile.Read(ref _agents);

    /// <summary>How many calls <paramref name="dn"/> is on, as of the last input applied (safe from any thread).</summary>
    public int ActiveCallsAt(string dn) => _model.ActiveCallsAt(dn);

    /// <summary>Whether the switch keeps agent state (its profile offers SetAgentState).</summary>
    private bool SwitchKeepsAgents => _model.SwitchKeepsAgentState;

    /// <summary>Answers at once the requests that need no switch; false for the others (the usual path).</summary>
    private bool TakeAtOnce(TlibRequest request)
    {
        switch (request.Message.Type)
        {
            case MessageType.RequestQueryAddress:
                AnswerQuery(request);
                return true;
            case MessageType.RequestReserveAgent:
                Reserve(request);
                return true;
            case MessageType.RequestAgentLogin or MessageType.RequestAgentLogout or MessageType.RequestAgentReady or MessageType.RequestAgentNotReady
                when !SwitchKeepsAgents:
                var plan = _model.PlanRequest(request.Message, request.ReferenceId, this);
                if (plan.IsRefused)
                {
                    request.Fail(plan.Error, plan.Message);
                }
                else
                {
                    _latency.Record(_time.GetElapsedTime(request.ReceivedTimestamp));
                }

                return true;
            default:
                return false;
        }
    }

    private void AnswerQuery(TlibRequest request)
    {
        var answer = _model.QueryAddress(request.Message, out var refusal);
        if (answer is null)
        {
            request.Fail(refusal.Error, refusal.Message);
            return;
        }

        if (answer.GetInt(AttributeId.AddressInfoType) == (int)AddressInfoType.DNStatus && answer.Extensions is { } extensions && answer.ThisDN is { } dn)
        {
            extensions.Add("registered-clients", request.RegisteredClients(dn));
        }

        request.Reply(answer);
    }

    private void Reserve(TlibRequest request)
    {
        var reserved = _model.ReserveAgent(request.Message, this, out var refusal);
        if (reserved is null)
        {
            request.Fail(refusal.Error, refusal.Message);
            return;
        }

        SwitchingLog.AgentReserved(_logger, Name, reserved.GetString(AttributeId.AgentID) ?? "", reserved.ThisDN ?? "", reserved.GetInt(AttributeId.Timeout) ?? 0, request.ClientId);
        request.Reply(reserved);
    }

    /// <summary>An agent event of the switch: the model takes the switch's word (a change made at the phone, or the answer to a request).</summary>
    private void OnAgentEvent(CstaAgentEvent agentEvent)
    {
        var dn = Volatile.Read(ref _switch.DeviceIds)?.ToDn(agentEvent.AgentDevice) ?? agentEvent.AgentDevice;
        if (!_model.Directory.TryGetKind(dn, out _))
        {
            SwitchingLog.AgentEventIgnored(_logger, Name, agentEvent.Element, agentEvent.AgentDevice);
            return;
        }

        var current = _model.AgentAt(dn);
        AgentState? state = agentEvent.Type switch
        {
            CstaAgentEventType.AgentLoggedOn => current?.State ?? AgentState.NotReady,
            CstaAgentEventType.AgentLoggedOff => AgentState.LoggedOut,
            CstaAgentEventType.AgentReady => AgentState.Ready,
            CstaAgentEventType.AgentNotReady => AgentState.NotReady,
            CstaAgentEventType.AgentWorkingAfterCall => AgentState.AfterCallWork,
            _ => null,
        };
        if (state is { } s)
        {
            _model.ApplyAgentReport(dn, agentEvent.AgentId, s, agentEvent.AcdGroup, this);
        }
    }

    /// <summary>After a link-up where the switch keeps agent state: GetAgentState of every agent DN the gateway knows.</summary>
    private void CheckAgents(CstaTcpLink link)
    {
        if (!SwitchKeepsAgents || !_switch.Profile.Supports("GetAgentState"))
        {
            return;
        }

        var dns = _model.AgentDns;
        if (dns.Count > 0)
        {
            _ = CheckAgentsAsync(link, dns);
        }
    }

    private async Task CheckAgentsAsync(CstaTcpLink link, IReadOnlyList<string> dns)
    {
        var map = Volatile.Read(ref _switch.DeviceIds);
        var answered = 0;
        var disagreements = 0;
        foreach (var dn in dns)
        {
            var device = map?.ToDeviceId(dn) ?? dn;
            CstaMessage answer;
            try
            {
                answer = await link.RequestAsync(w => CstaXmlEncoder.WriteGetAgentState(w, _switch.Flavour, device), RequestTimeout, _stopping).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or IOException or OperationCanceledException)
            {
                // Link down or stopping: the next link-up checks again.
                return;
            }

            if (answer is not CstaGetAgentStateResponse reply)
            {
                SwitchingLog.AgentStateRefused(_logger, Name, link.Name, dn, answer.Element);
                continue;
            }

            answered++;
            var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            try
            {
                await _input.Writer.WriteAsync(CallHostInput.Run(_ => done.TrySetResult(Reconcile(link.Name, dn, reply))), _stopping).ConfigureAwait(false);
                if (await done.Task.WaitAsync(_stopping).ConfigureAwait(false))
                {
                    disagreements++;
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or System.Threading.Channels.ChannelClosedException)
            {
                return;
            }
        }

        SwitchingLog.AgentStateChecked(_logger, Name, link.Name, dns.Count, answered, disagreements);
    }

    /// <summary>On the loop: the switch's report for <paramref name="dn"/> against the model; true when they disagreed.</summary>
    private bool Reconcile(string linkName, string dn, CstaGetAgentStateResponse reply)
    {
        var entry = reply.Agents.Count > 0 ? reply.Agents[0] : null;
        var state = entry is not { LoggedOn: true } ? AgentState.LoggedOut : entry.AgentState switch
        {
            "agentReady" or "agentBusy" => AgentState.Ready,
            "agentWorkingAfterCall" => AgentState.AfterCallWork,
            "agentNull" => AgentState.LoggedOut,
            _ => AgentState.NotReady,
        };
        var disagreement = _model.ApplyAgentReport(dn, entry?.AgentId, state, entry?.AcdGroup, this);
        if (disagreement is null)
        {
            return false;
        }

        Interlocked.Increment(ref _faultCount);
        SwitchingLog.AgentStateDisagrees(_logger, Name, linkName, dn, disagreement);
        try
        {
            _publisher.PublishHardwareError(new TlibHardwareError(Name, linkName, "agent-state-mismatch", $"Switch {Name} link {linkName}: agent state at DN {dn}: {disagreement}; the switch's state is taken")
            {
                Element = "GetAgentStateResponse",
                ThisDN = dn,
            });
        }
        catch (TlibProtocolException ex)
        {
            SwitchingLog.HardwareError(_logger, Name, linkName, "publish-failed", ex.Message);
        }

        return true;
    }

    /// <summary>Refreshes <see cref="Agents"/> when an input changed an agent (on the loop; cheap when nothing changed).</summary>
    private void PublishAgents()
    {
        var version = _model.AgentVersion;
        if (version != _agentVersion)
        {
            _agentVersion = version;
            Volatile.Write(ref _agents, _model.ListAgents());
        }
    }
}
