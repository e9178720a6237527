using System.Globalization;

namespace CtiGateway.Simulator;

/// <summary>Timed behaviour: scripted inbound calls in the time of the model's <see cref="TimeProvider"/>.</summary>
public sealed partial class SwitchModel
{
    private readonly Dictionary<long, InboundTrafficScript> _trafficScripts = [];
    private long _trafficScriptIds;
    private int _trafficCalls;
    private readonly Dictionary<string, InboundTrafficOptions> _scripted = new(StringComparer.Ordinal);
    private readonly HashSet<string> _toTransfer = new(StringComparer.Ordinal);

    /// <summary>Inbound calls placed by the traffic scripts since the last <see cref="StartInboundTraffic"/>.</summary>
    public int InboundCallsDelivered => _trafficCalls;

    /// <summary>The time of the next scheduled action, or null when nothing is scheduled.</summary>
    public DateTimeOffset? NextDue => _schedule.TryPeek(out _, out var key) ? key.Due : null;

    /// <summary>Runs every scheduled action due at the provider's current time, in due order.</summary>
    public int RunDue()
    {
        var now = _time.GetUtcNow();
        var ran = 0;
        while (_schedule.TryPeek(out var action, out var key) && key.Due <= now)
        {
            _schedule.Dequeue();
            action();
            ran++;
        }

        return ran;
    }

    /// <summary>Starts scripted inbound traffic, replacing every running script; the first call comes one interval from now (or <see cref="InboundTrafficOptions.FirstCallAfter"/>).</summary>
    public void StartInboundTraffic(InboundTrafficOptions options)
    {
        Check(options);
        StopInboundTraffic();
        _trafficCalls = 0;
        AddInboundTraffic(options);
    }

    /// <summary>
    /// Starts one more stream of scripted inbound calls beside the running ones (the demo's calls to route point 3001
    /// and the direct calls to an agent's extension); the first call comes one interval from now (or
    /// <see cref="InboundTrafficOptions.FirstCallAfter"/>).
    /// </summary>
    public void AddInboundTraffic(InboundTrafficOptions options)
    {
        Check(options);
        var script = new InboundTrafficScript(++_trafficScriptIds, options);
        _trafficScripts.Add(script.Id, script);
        Schedule(options.FirstCallAfter ?? Interval(options), () => Arrive(script.Id));
    }

    /// <summary>Stops every traffic script; calls in progress still run to their end.</summary>
    public void StopInboundTraffic() => _trafficScripts.Clear();

    private void Check(InboundTrafficOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!_plan.TryGet(options.TargetDn, out _))
        {
            throw new ArgumentException($"Inbound traffic target DN {options.TargetDn} is not in the switching plan.", nameof(options));
        }

        if (!(options.CallsPerSecond > 0) || double.IsInfinity(options.CallsPerSecond))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.CallsPerSecond, "Inbound traffic CallsPerSecond must be a positive number.");
        }

        if (options.FirstCallAfter is { } first)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(first, TimeSpan.Zero, nameof(options.FirstCallAfter));
        }

        CheckFraction(options.AbandonFraction, nameof(options.AbandonFraction));
        CheckFraction(options.TransferFraction, nameof(options.TransferFraction));
        if (options.TransferFraction > 0 && (options.TransferTo is null || !_plan.TryGet(options.TransferTo, out _)))
        {
            throw new ArgumentException($"Inbound traffic TransferTo {options.TransferTo ?? "(not set)"} is not in the switching plan.", nameof(options));
        }

        if (options.RoutingTimeout is { } timeout)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero, nameof(options.RoutingTimeout));
            if (!_plan.TryGet(options.DefaultDestination, out _))
            {
                throw new ArgumentException($"Inbound traffic DefaultDestination {options.DefaultDestination} is not in the switching plan.", nameof(options));
            }
        }
    }

    /// <summary>
    /// Delivers one inbound call from an external number to a DN: Delivered to the DN's monitors. Returns the callID,
    /// or null when the DN is a busy station (the call is not offered). <paramref name="dialledNumber"/> is the number
    /// the caller dialled (the called device, DNIS) when the network translated it to <paramref name="dn"/>; by default
    /// the DN itself.
    /// </summary>
    public string? DeliverInboundCall(string trunkNumber, string dn, string? dialledNumber = null)
    {
        if (!_plan.TryGet(dn, out _))
        {
            throw new ArgumentException($"DN {dn} is not in the switching plan.", nameof(dn));
        }

        if (IsBusy(dn))
        {
            return null;
        }

        var called = string.IsNullOrEmpty(dialledNumber) ? dn : dialledNumber;
        var call = NewCall(trunkNumber, called);
        AddConnection(call, new SimConnection(call.CallId, trunkNumber, SimConnectionState.Connected));
        var b = new SimConnection(call.CallId, dn, SimConnectionState.Alerting);
        AddConnection(call, b);
        Raise(call, Pbx.Csta.CstaEventType.Delivered, b, dn, trunkNumber, called, "newCall");
        return call.CallId;
    }

    private static TimeSpan Interval(InboundTrafficOptions options) => TimeSpan.FromSeconds(1 / options.CallsPerSecond);

    private void Schedule(TimeSpan delay, Action action) =>
        _schedule.Enqueue(action, (_time.GetUtcNow() + delay, ++_scheduleSequence));

    private void Arrive(long scriptId)
    {
        if (!_trafficScripts.TryGetValue(scriptId, out var script))
        {
            return;
        }

        var options = script.Options;
        var caller = (options.FirstTrunkNumber + script.Calls).ToString(CultureInfo.InvariantCulture);
        var n = ++script.Calls;
        _trafficCalls++;
        var callId = DeliverInboundCall(caller, options.TargetDn);
        if (callId is not null)
        {
            _scripted[callId] = options;
            if (Picked(n, options.AbandonFraction))
            {
                Schedule(options.AbandonAfter, () => ScriptAbandon(callId));
            }

            if (Picked(n, options.TransferFraction))
            {
                _toTransfer.Add(callId);
            }

            if (options.RoutingTimeout is { } timeout && _plan.TryGet(options.TargetDn, out var target) && target.Kind == SimDeviceKind.RoutePoint)
            {
                Schedule(timeout, () => RoutingTimedOut(callId, options.TargetDn, options.DefaultDestination));
            }
            else
            {
                Schedule(options.AnswerDelay, () => ScriptAnswer(callId, options.TargetDn));
            }
        }

        if (options.MaxCalls is null || script.Calls < options.MaxCalls)
        {
            Schedule(Interval(options), () => Arrive(scriptId));
        }
        else
        {
            _trafficScripts.Remove(scriptId);
        }
    }

    /// <summary>Even picking: call <paramref name="n"/> (1-based) is picked when floor(n*f) steps up.</summary>
    private static bool Picked(int n, double fraction) => Math.Floor(n * fraction) > Math.Floor((n - 1) * fraction);

    private static void CheckFraction(double fraction, string name)
    {
        if (!(fraction >= 0 && fraction <= 1))
        {
            throw new ArgumentOutOfRangeException(name, fraction, $"Inbound traffic {name} must be between 0 and 1.");
        }
    }

    /// <summary>
    /// A scripted call was deflected, transferred or distributed: the new DN answers it after the answer delay; a call
    /// put in a queue waits there, and its caller gives up after the hold time when it is still waiting (an ACD with
    /// <see cref="AutomaticDistribution"/> hands it to an agent before, when one is free).
    /// </summary>
    private void OnRedirected(SimCall call, SimConnection offered)
    {
        if (!_scripted.TryGetValue(call.CallId, out var options))
        {
            return;
        }

        var callId = call.CallId;
        var device = offered.DeviceId;
        if (offered.State == SimConnectionState.Alerting)
        {
            Schedule(options.AnswerDelay, () => ScriptAnswer(callId, device));
        }
        else if (offered.State == SimConnectionState.Queued)
        {
            Schedule(options.HoldTime, () => ScriptGiveUpWaiting(callId, device));
        }
        else
        {
            Schedule(options.HoldTime, () => ScriptHangUp(callId));
        }
    }

    /// <summary>The caller of a call still waiting in a queue hangs up; a call that has left the queue goes on.</summary>
    private void ScriptGiveUpWaiting(string callId, string queue)
    {
        if (ConnectionState(callId, queue) == SimConnectionState.Queued)
        {
            ScriptHangUp(callId);
        }
        else
        {
            Forget(callId);
        }
    }

    private void ScriptAnswer(string callId, string dn)
    {
        if (ConnectionState(callId, dn) != SimConnectionState.Alerting || !_scripted.TryGetValue(callId, out var options))
        {
            Forget(callId);
            return;
        }

        AnswerCall(new Pbx.Csta.CstaConnectionId(callId, dn));
        if (_toTransfer.Remove(callId) && options.TransferTo is { } to && to != dn)
        {
            Schedule(options.TransferAfter, () => ScriptTransfer(callId, dn, to, options));
        }
        else
        {
            Schedule(options.HoldTime, () => ScriptHangUp(callId));
        }
    }

    private void ScriptTransfer(string callId, string dn, string to, InboundTrafficOptions options)
    {
        if (ConnectionState(callId, dn) != SimConnectionState.Connected)
        {
            Forget(callId);
            return;
        }

        if (SingleStepTransferCall(new Pbx.Csta.CstaConnectionId(callId, dn), to).IsError)
        {
            // The target is busy: the call stays where it is and ends after the hold time.
            Schedule(options.HoldTime, () => ScriptHangUp(callId));
        }
    }

    private void RoutingTimedOut(string callId, string routePoint, string defaultDestination)
    {
        if (ConnectionState(callId, routePoint) != SimConnectionState.Alerting)
        {
            // Routed by the gateway in time (its new DN answers it), or already cleared.
            Forget(callId);
            return;
        }

        if (DeflectCall(new Pbx.Csta.CstaConnectionId(callId, routePoint), defaultDestination).IsError)
        {
            // The default destination cannot take the call: the caller gives up.
            ScriptHangUp(callId);
        }
    }

    private void ScriptAbandon(string callId)
    {
        if (!_calls.TryGetValue(callId, out var call))
        {
            Forget(callId);
            return;
        }

        var answered = call.Connections.Exists(x => x.DeviceId != call.CallingDevice && x.State is SimConnectionState.Connected or SimConnectionState.Held);
        if (!answered)
        {
            ScriptHangUp(callId);
        }
    }

    private void Forget(string callId)
    {
        if (!_calls.ContainsKey(callId))
        {
            _scripted.Remove(callId);
            _toTransfer.Remove(callId);
        }
    }

    private void ScriptHangUp(string callId)
    {
        if (_calls.TryGetValue(callId, out var call))
        {
            var caller = call.Find(call.CallingDevice);
            if (caller is not null && caller.State != SimConnectionState.Null)
            {
                ClearConnection(caller.Id);
            }
        }

        Forget(callId);
    }
}
