using System.Globalization;

namespace CtiGateway.Simulator;

/// <summary>Timed behaviour: scripted inbound calls in the time of the model's <see cref="TimeProvider"/>.</summary>
public sealed partial class SwitchModel
{
    private InboundTrafficOptions? _traffic;
    private long _trafficGeneration;
    private int _trafficCalls;

    /// <summary>Inbound calls delivered by the traffic script so far.</summary>
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

    /// <summary>Starts scripted inbound traffic (replacing any running script); the first call comes one interval from now.</summary>
    public void StartInboundTraffic(InboundTrafficOptions options)
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

        _traffic = options;
        _trafficCalls = 0;
        var generation = ++_trafficGeneration;
        Schedule(Interval(options), () => Arrive(generation));
    }

    /// <summary>Stops scripted traffic; calls in progress still run to their end.</summary>
    public void StopInboundTraffic()
    {
        _traffic = null;
        _trafficGeneration++;
    }

    /// <summary>
    /// Delivers one inbound call from an external number to a DN: Delivered to the DN's monitors. Returns the callID,
    /// or null when the DN is a busy station (the call is not offered).
    /// </summary>
    public string? DeliverInboundCall(string trunkNumber, string dn)
    {
        if (!_plan.TryGet(dn, out _))
        {
            throw new ArgumentException($"DN {dn} is not in the switching plan.", nameof(dn));
        }

        if (IsBusy(dn))
        {
            return null;
        }

        var call = NewCall(trunkNumber, dn);
        call.Connections.Add(new SimConnection(call.CallId, trunkNumber, SimConnectionState.Connected));
        var b = new SimConnection(call.CallId, dn, SimConnectionState.Alerting);
        call.Connections.Add(b);
        Raise(call, Pbx.Csta.CstaEventType.Delivered, b, dn, trunkNumber, dn, "newCall");
        return call.CallId;
    }

    private static TimeSpan Interval(InboundTrafficOptions options) => TimeSpan.FromSeconds(1 / options.CallsPerSecond);

    private void Schedule(TimeSpan delay, Action action) =>
        _schedule.Enqueue(action, (_time.GetUtcNow() + delay, ++_scheduleSequence));

    private void Arrive(long generation)
    {
        var options = _traffic;
        if (options is null || generation != _trafficGeneration)
        {
            return;
        }

        var caller = (options.FirstTrunkNumber + _trafficCalls).ToString(CultureInfo.InvariantCulture);
        _trafficCalls++;
        var callId = DeliverInboundCall(caller, options.TargetDn);
        if (callId is not null)
        {
            Schedule(options.AnswerDelay, () => ScriptAnswer(callId, options));
        }

        if (options.MaxCalls is null || _trafficCalls < options.MaxCalls)
        {
            Schedule(Interval(options), () => Arrive(generation));
        }
    }

    private void ScriptAnswer(string callId, InboundTrafficOptions options)
    {
        if (ConnectionState(callId, options.TargetDn) == SimConnectionState.Alerting)
        {
            AnswerCall(new Pbx.Csta.CstaConnectionId(callId, options.TargetDn));
            Schedule(options.HoldTime, () => ScriptHangUp(callId));
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
    }
}
