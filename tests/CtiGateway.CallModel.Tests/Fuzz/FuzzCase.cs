using CtiGateway.Pbx.Csta;
using CtiGateway.Protocol;
using CtiGateway.Simulator;

namespace CtiGateway.CallModel.Tests;

/// <summary>
/// One fuzz case: a fresh simulated switch (the truth) and a fresh call model. Random call-control operations on
/// the switch give a well-formed CSTA sequence (each event once per monitor, as the switch reports it). A clean case
/// feeds it as it comes, with copies, events for unknown calls, events after a call ended and CallCleared mixed in,
/// and checks the outcome of each; a perturbed case also shuffles and duplicates the sequence. Every case ends with a
/// snapshot of every DN, after which the model must hold exactly the switch's calls and every DN's clients must have
/// been told of every call that ended.
/// </summary>
internal sealed class FuzzCase
{
    private static readonly string[] Extensions = ["5001", "5002", "5003", "5004", "5005", "5006"];

    private static readonly CstaEventType[] Starting = [CstaEventType.Delivered, CstaEventType.Queued, CstaEventType.Originated, CstaEventType.ServiceInitiated];

    private static readonly CstaEventType[] NotStarting =
    [
        CstaEventType.Established, CstaEventType.Held, CstaEventType.Retrieved, CstaEventType.ConnectionCleared, CstaEventType.Failed,
        CstaEventType.Diverted, CstaEventType.Transfered, CstaEventType.Conferenced, CstaEventType.CallInformation,
    ];

    private readonly Random _rng;
    private readonly SwitchingPlan _plan;
    private readonly SwitchModel _switch;
    private readonly SwitchCallModel _model;
    private readonly FuzzSink _sink = new();
    private readonly FuzzStats _stats;
    private readonly List<CstaConnectionId> _known = [];
    private readonly Dictionary<string, HashSet<string>> _devicesOf = new(StringComparer.Ordinal);
    private readonly List<string> _endedCalls = [];
    private readonly bool _perturbed;
    private readonly List<string>? _trace;
    private int _phantoms;

    public FuzzCase(SwitchingPlan plan, DnDirectory directory, int seed, FuzzStats stats, List<string>? trace = null)
    {
        _trace = trace;
        _sink.Trace = trace;
        _rng = new Random(seed);
        _plan = plan;
        _stats = stats;
        _switch = new SwitchModel(plan, TimeProvider.System);
        foreach (var device in plan.Devices)
        {
            _switch.MonitorStart(device.DeviceId, null);
        }

        _model = new SwitchCallModel(directory, new ConnIdGenerator((ulong)(uint)seed), new CallModelOptions
        {
            ConsultUserData = (ConsultUserDataPolicy)_rng.Next(3),
            EndedCallMemory = 256,
        });
        _perturbed = _rng.NextDouble() < 0.3;
    }

    public void Run()
    {
        var operations = _rng.Next(2, 11);
        var collected = new List<CstaCallEvent>();
        for (var i = 0; i < operations; i++)
        {
            Operate();
            var events = Drain();
            if (_perturbed)
            {
                collected.AddRange(events);
                continue;
            }

            foreach (var e in events)
            {
                Expect(CallEventOutcome.Applied, CallEventOutcome.Duplicate, e, "a well-formed event");
            }

            AssertNoFaults();
            AssertGoneCallsForgotten(events);
            InjectBetweenOperations(events);
        }

        if (_perturbed)
        {
            Perturb(collected);
            foreach (var e in collected)
            {
                Feed(e);
            }
        }

        Resynchronise();
        AssertModelIsTheSwitch();
        _stats.Cases++;
        _stats.Perturbed += _perturbed ? 1 : 0;
        _stats.Published += _sink.Published;
    }

    private CallEventOutcome Feed(CstaCallEvent e)
    {
        _trace?.Add($"  {Show(e)} local={e.LocalConnectionInfo} sec={e.SecondaryOldCall} other={e.OtherDevice} list=[{string.Join(" ", e.Connections.Select(c => c.NewConnection + "<-" + c.OldConnection))}]");
        var outcome = _model.Apply(e, _sink);
        _trace?.Add($"    -> {outcome}");
        _stats.Count(outcome);
        while (_sink.Resyncs.TryDequeue(out var request))
        {
            _stats.CallResyncs++;
            foreach (var device in request.Devices)
            {
                Snapshot(device);
            }
        }

        return outcome;
    }

    private void Expect(CallEventOutcome a, CallEventOutcome b, CstaCallEvent e, string what)
    {
        var outcome = Feed(e);
        if (outcome != a && outcome != b)
        {
            throw new InvalidOperationException($"{what} ({Show(e)}) gave {outcome}, expected {a} or {b}; faults: {string.Join("; ", _sink.Faults)}");
        }
    }

    private void AssertNoFaults()
    {
        if (_sink.Faults.Count > 0)
        {
            throw new InvalidOperationException($"A clean sequence gave hardware errors: {string.Join("; ", _sink.Faults)}");
        }
    }

    /// <summary>Once the switch no longer has a call, neither has the model.</summary>
    private void AssertGoneCallsForgotten(List<CstaCallEvent> events)
    {
        foreach (var e in events)
        {
            var callId = e.Connection.CallId;
            if (!TruthHas(callId))
            {
                if (_model.TryGetConnId(callId, out _))
                {
                    throw new InvalidOperationException($"Call {callId} has ended on the switch but the model still holds it (after {Show(e)}).");
                }

                if (!_endedCalls.Contains(callId))
                {
                    _endedCalls.Add(callId);
                }
            }
        }
    }

    private bool TruthHas(string callId)
    {
        if (_devicesOf.TryGetValue(callId, out var devices))
        {
            foreach (var d in devices)
            {
                if (_switch.ConnectionState(callId, d) is not null)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Clean case: a copy, an unknown call, an event after a call ended, CallCleared.</summary>
    private void InjectBetweenOperations(List<CstaCallEvent> events)
    {
        var roll = _rng.Next(100);
        if (roll < 15 && events.Count > 0)
        {
            Expect(CallEventOutcome.Duplicate, CallEventOutcome.Duplicate, events[^1] with { MonitorCrossRefId = "copy" }, "a copy of the last event");
            _stats.InjectedCopies++;
        }
        else if (roll < 30)
        {
            InjectUnknownCall();
        }
        else if (roll < 42 && _endedCalls.Count > 0)
        {
            var callId = _endedCalls[_rng.Next(_endedCalls.Count)];
            var type = _rng.Next(3) switch { 0 => CstaEventType.Established, 1 => CstaEventType.Held, _ => CstaEventType.ConnectionCleared };
            var e = Synthetic(type, callId, Extensions[_rng.Next(Extensions.Length)]);
            var before = _sink.Faults.Count;
            var outcome = Feed(e);
            var expected = type == CstaEventType.ConnectionCleared ? CallEventOutcome.Duplicate : CallEventOutcome.Fault;
            if (outcome != expected || (expected == CallEventOutcome.Fault && _sink.Faults[before].Kind != CallModelFaultKind.UnknownCall))
            {
                throw new InvalidOperationException($"{Show(e)} after the call ended gave {outcome}, expected {expected}.");
            }

            _sink.Faults.Clear();
            _stats.InjectedAfterEnd++;
        }
        else if (roll < 48 && LiveCall() is { } live)
        {
            // The switch reports CallCleared: the model forgets the call at once; the switch clears it too.
            var outcome = _model.ApplyCallCleared(live, "normalClearing", _sink);
            if (outcome != CallEventOutcome.Applied || _model.TryGetConnId(live, out _))
            {
                throw new InvalidOperationException($"CallCleared for live call {live} gave {outcome}; the model still holds it: {_model.TryGetConnId(live, out _)}.");
            }

            var connection = _known.First(k => k.CallId == live && _switch.ConnectionState(k.CallId, k.DeviceId) is not null and not SimConnectionState.Null);
            _switch.ClearCall(connection);
            _switch.DrainEvents();
            Forget(live);
            if (Feed(Synthetic(CstaEventType.ConnectionCleared, live, connection.DeviceId)) != CallEventOutcome.Duplicate)
            {
                throw new InvalidOperationException($"A ConnectionCleared after CallCleared for {live} was not taken as a copy.");
            }

            if (_model.ApplyCallCleared(live, null, _sink) != CallEventOutcome.Duplicate)
            {
                throw new InvalidOperationException($"A second CallCleared for {live} was not taken as a copy.");
            }

            _stats.InjectedCallCleared++;
        }
    }

    private void InjectUnknownCall()
    {
        if (_rng.Next(8) == 0)
        {
            // NetworkReached and CallCleared have their own entry points; for an unknown call both are faults.
            var unknown = "FFFF" + (++_phantoms).ToString("X28", System.Globalization.CultureInfo.InvariantCulture);
            var faultsBefore = _sink.Faults.Count;
            var result = _rng.Next(2) == 0
                ? _model.ApplyNetworkReached(new CstaConnectionId(unknown, "T1"), "0699000000", _sink)
                : _model.ApplyCallCleared(unknown, "normalClearing", _sink);
            if (result != CallEventOutcome.Fault || _sink.Faults.Count != faultsBefore + 1 || _sink.Faults[faultsBefore].Kind != CallModelFaultKind.UnknownCall)
            {
                throw new InvalidOperationException($"NetworkReached/CallCleared for unknown call {unknown} gave {result}.");
            }

            _sink.Faults.Clear();
            _stats.InjectedUnknown++;
            return;
        }

        var starting = _rng.Next(4) == 0;
        var type = starting ? Starting[_rng.Next(Starting.Length)] : NotStarting[_rng.Next(NotStarting.Length)];
        var callId = "FFFF" + (++_phantoms).ToString("X28", System.Globalization.CultureInfo.InvariantCulture);
        var e = Synthetic(type, callId, Extensions[_rng.Next(Extensions.Length)]);
        var before = _sink.Faults.Count;
        var outcome = Feed(e);
        if (starting)
        {
            if (outcome != CallEventOutcome.Applied)
            {
                throw new InvalidOperationException($"{Show(e)} for a new call gave {outcome}.");
            }
        }
        else if (outcome != CallEventOutcome.Fault || _sink.Faults.Count != before + 1 || _sink.Faults[before].Kind != CallModelFaultKind.UnknownCall)
        {
            throw new InvalidOperationException($"{Show(e)} for an unknown call gave {outcome} and faults {string.Join("; ", _sink.Faults)}.");
        }

        _sink.Faults.Clear();
        _stats.InjectedUnknown++;
    }

    private string? LiveCall()
    {
        foreach (var k in _known)
        {
            // A call the switch still has only between external parties (a single-step transfer or a deflect to
            // external numbers) has left the monitored domain: the model released it, so it is not a live call here.
            if (TruthHas(k.CallId) && Array.IndexOf(Extensions, k.DeviceId) >= 0
                && _switch.ConnectionState(k.CallId, k.DeviceId) is not null and not SimConnectionState.Null)
            {
                return k.CallId;
            }
        }

        return null;
    }

    private void Forget(string callId)
    {
        if (!_endedCalls.Contains(callId))
        {
            _endedCalls.Add(callId);
        }
    }

    /// <summary>Perturbed case: adjacent swaps, copies moved later, events for unknown calls and after the end.</summary>
    private void Perturb(List<CstaCallEvent> events)
    {
        if (events.Count < 2)
        {
            return;
        }

        for (var n = _rng.Next(1, 4); n > 0; n--)
        {
            var i = _rng.Next(events.Count - 1);
            (events[i], events[i + 1]) = (events[i + 1], events[i]);
        }

        for (var n = _rng.Next(0, 3); n > 0; n--)
        {
            var copy = events[_rng.Next(events.Count)];
            events.Insert(_rng.Next(events.Count + 1), copy with { MonitorCrossRefId = "copy" });
        }

        for (var n = _rng.Next(0, 3); n > 0; n--)
        {
            var type = _rng.Next(2) == 0 ? Starting[_rng.Next(Starting.Length)] : NotStarting[_rng.Next(NotStarting.Length)];
            var phantom = "FFFF" + (++_phantoms).ToString("X28", System.Globalization.CultureInfo.InvariantCulture);
            events.Insert(_rng.Next(events.Count + 1), Synthetic(type, phantom, Extensions[_rng.Next(Extensions.Length)]));
        }

        // An event of some call again after the call's last event.
        var victim = events[_rng.Next(events.Count)];
        events.Add(Synthetic(_rng.Next(2) == 0 ? CstaEventType.Established : CstaEventType.Retrieved, victim.Connection.CallId, victim.Connection.DeviceId));
    }

    /// <summary>
    /// The link comes back: a snapshot of every DN that has a call in the model (as <see cref="SwitchCallModel.LinkUp"/>
    /// lists them) or on the switch. Then the model must be the switch.
    /// </summary>
    private void Resynchronise()
    {
        _model.LinkDown();
        foreach (var device in DevicesWithCalls())
        {
            Snapshot(device);
        }

        while (_sink.Resyncs.TryDequeue(out _))
        {
        }
    }

    private void Snapshot(string dn)
    {
        var result = _switch.SnapshotDevice(dn);
        if (result.IsError)
        {
            return;
        }

        _trace?.Add($"  snapshot {dn}: {string.Join(" ", result.Snapshot!.Select(i => i.Connection.CallId + "=" + i.LocalConnectionState))}");
        var items = result.Snapshot!.Select(i => new CstaSnapshotItem(i.Connection, i.LocalConnectionState)).ToList();
        _model.ApplySnapshot(dn, new CstaSnapshotDeviceResponse("SnapshotDeviceResponse", "", items), _sink);
        _stats.Snapshots++;
    }

    /// <summary>The DNs of the plan that have a call in the model or on the switch.</summary>
    private SortedSet<string> DevicesWithCalls()
    {
        var devices = new SortedSet<string>(_model.LinkUp(), StringComparer.Ordinal);
        foreach (var (callId, known) in _devicesOf)
        {
            foreach (var d in known)
            {
                if (_plan.TryGet(d, out _) && _switch.ConnectionState(callId, d) is not null and not SimConnectionState.Null)
                {
                    devices.Add(d);
                }
            }
        }

        return devices;
    }

    private void AssertModelIsTheSwitch()
    {
        var truth = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var device in DevicesWithCalls())
        {
            foreach (var item in _switch.SnapshotDevice(device).Snapshot!)
            {
                truth.Add($"{item.Connection.CallId}/{device}/{item.LocalConnectionState}");
            }
        }

        var model = new SortedSet<string>(StringComparer.Ordinal);
        var live = new HashSet<(string, ConnId)>();
        foreach (var call in _model.ListCalls())
        {
            foreach (var p in call.Parties)
            {
                if (p.IsInternal)
                {
                    model.Add($"{call.CallId}/{p.Dn}/{StateText(p.State)}");
                    live.Add((p.Dn, call.ConnId));
                }
            }
        }

        if (!truth.SetEquals(model))
        {
            throw new InvalidOperationException(
                $"After the snapshots the model differs from the switch.{Environment.NewLine}switch: {string.Join(" ", truth)}{Environment.NewLine}model:  {string.Join(" ", model)}");
        }

        foreach (var open in _sink.Open)
        {
            if (!live.Contains(open))
            {
                throw new InvalidOperationException($"{open.Dn}'s clients were never told that call {open.ConnId} ended (no EventReleased/EventAbandoned/EventPartyChanged).");
            }
        }
    }

    private static string StateText(PartyState state) => state switch
    {
        PartyState.Initiated => "initiated",
        PartyState.Dialing or PartyState.Connected => "connected",
        PartyState.Alerting => "alerting",
        PartyState.Held => "hold",
        PartyState.Queued => "queued",
        PartyState.Failed => "fail",
        _ => state.ToString(),
    };

    private List<CstaCallEvent> Drain()
    {
        var events = new List<CstaCallEvent>();
        foreach (var record in _switch.DrainEvents())
        {
            var e = record.Event;
            events.Add(e);
            Learn(e.Connection);
            if (e.SecondaryOldCall is { } s)
            {
                Learn(s);
            }

            foreach (var item in e.Connections)
            {
                if (item.NewConnection is { } n)
                {
                    Learn(n);
                }
            }
        }

        _stats.SwitchEvents += events.Count;
        return events;
    }

    private void Learn(CstaConnectionId c)
    {
        if (!_devicesOf.TryGetValue(c.CallId, out var devices))
        {
            devices = new HashSet<string>(StringComparer.Ordinal);
            _devicesOf.Add(c.CallId, devices);
        }

        devices.Add(c.DeviceId);
        if (!_known.Contains(c))
        {
            _known.Add(c);
            if (_known.Count > 40)
            {
                _known.RemoveAt(0);
            }
        }
    }

    private CstaConnectionId Known() => _known.Count == 0 ? new CstaConnectionId("0", Extensions[0]) : _known[_rng.Next(_known.Count)];

    private string Target()
    {
        var roll = _rng.Next(100);
        return roll switch
        {
            < 70 => Extensions[_rng.Next(Extensions.Length)],
            < 80 => "4001",
            < 85 => "3001",
            _ => "069900000" + _rng.Next(10).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    private void Operate()
    {
        _stats.Operations++;
        _trace?.Add("operation");
        switch (_rng.Next(14))
        {
            case 0 or 1 or 2:
                _switch.MakeCall(Extensions[_rng.Next(Extensions.Length)], Target());
                break;
            case 3:
                var target = _rng.Next(4) == 0 ? "4001" : Extensions[_rng.Next(Extensions.Length)];
                _switch.DeliverInboundCall("061100000" + _rng.Next(10).ToString(System.Globalization.CultureInfo.InvariantCulture), target);
                break;
            case 4 or 5:
                _switch.AnswerCall(Known());
                break;
            case 6 or 7:
                _switch.ClearConnection(Known());
                break;
            case 8:
                _switch.HoldCall(Known());
                break;
            case 9:
                _switch.RetrieveCall(Known());
                break;
            case 10:
                _switch.ConsultationCall(Known(), Target());
                break;
            case 11:
                var device = Extensions[_rng.Next(Extensions.Length)];
                var legs = _known.Where(k => k.DeviceId == device && _switch.ConnectionState(k.CallId, k.DeviceId) is SimConnectionState.Held or SimConnectionState.Connected).ToList();
                if (legs.Count >= 2)
                {
                    var held = legs.FirstOrDefault(l => _switch.ConnectionState(l.CallId, l.DeviceId) == SimConnectionState.Held);
                    var active = legs.FirstOrDefault(l => _switch.ConnectionState(l.CallId, l.DeviceId) == SimConnectionState.Connected);
                    if (held != default && active != default)
                    {
                        _ = _rng.Next(2) == 0 ? _switch.TransferCall(held, active) : _switch.ConferenceCall(held, active);
                    }
                }

                break;
            case 12:
                // Not to a device already on the call: the simulator would accept that, a switch does not.
                var leg = Known();
                var to = Target();
                if (_switch.ConnectionState(leg.CallId, to) is null or SimConnectionState.Null)
                {
                    _ = _rng.Next(2) == 0 ? _switch.DeflectCall(leg, to) : _switch.SingleStepTransferCall(leg, to);
                }

                break;
            default:
                _switch.ClearCall(Known());
                break;
        }
    }

    private static CstaCallEvent Synthetic(CstaEventType type, string callId, string device) =>
        new(type + "Event", "")
        {
            Type = type,
            MonitorCrossRefId = "fuzz",
            Connection = new CstaConnectionId(callId, device),
            SubjectDevice = device,
            CallingDevice = type is CstaEventType.Delivered or CstaEventType.Queued ? "0611999999" : null,
            CalledDevice = type == CstaEventType.Originated ? "5006" : null,
            OtherDevice = type is CstaEventType.Diverted or CstaEventType.Transfered or CstaEventType.Conferenced ? "5005" : null,
            LocalConnectionInfo = "connected",
            Cause = "newCall",
        };

    private static string Show(CstaCallEvent e) => $"{e.Element} call {e.Connection.CallId} device {e.Connection.DeviceId} cause {e.Cause}";
}
