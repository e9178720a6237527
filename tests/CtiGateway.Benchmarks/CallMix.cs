using System.Buffers;
using System.Globalization;
using CtiGateway.CallModel;
using CtiGateway.Pbx.Csta;
using CtiGateway.Protocol;
using CtiGateway.Simulator;

namespace CtiGateway.Benchmarks;

/// <summary>
/// A realistic switch event stream for the call model, recorded once from the simulated switch (a monitor on every
/// device, so each event comes once per monitored party, as from a real switch) and passed through the simulator's
/// CSTA-XML writer and the real decoder. One round is six calls on four stations, a trunk and an ACD queue:
/// <list type="number">
/// <item>a basic internal call: A calls B, B answers, A hangs up;</item>
/// <item>hold and retrieve: C calls D, D answers, C holds and retrieves, D hangs up;</item>
/// <item>a consultation transfer: A calls B, B consults C, C answers, B transfers, A hangs up;</item>
/// <item>a conference: A calls B, B consults C, C answers, B conferences, C leaves, A hangs up;</item>
/// <item>an inbound trunk call: the network calls D, D answers, D attaches user data (3 pairs), D hangs up;</item>
/// <item>an inbound call through the ACD queue: queued at 4001, diverted to A, A answers, the caller hangs up.</item>
/// </list>
/// Each round uses its own stations, callIDs and trunk numbers; every call has ended when the round is over, so the
/// model's tables stay bounded when the rounds are replayed in a loop.
/// </summary>
internal sealed class CallMix
{
    /// <summary>Stations of the switch (each round takes four, in turn).</summary>
    public const int Stations = 400;

    /// <summary>The ACD queue of the switch.</summary>
    public const string Queue = "4001";

    private const string Ed4 = "http://www.ecma-international.org/standards/ecma-323/csta/ed4";

    private readonly CallMixStep[][] _rounds;
    private readonly KeyValueList _userData;

    private CallMix(DnDirectory directory, CallMixStep[][] rounds)
    {
        Directory = directory;
        _rounds = rounds;
        _userData = new KeyValueList(3);
        _userData.Add("CustomerId", "4711-0815");
        _userData.Add("Language", "en");
        _userData.Add("Segment", "gold");
    }

    /// <summary>The switch's DNs: the stations and the queue.</summary>
    public DnDirectory Directory { get; }

    /// <summary>Number of rounds recorded.</summary>
    public int RoundCount => _rounds.Length;

    /// <summary>CSTA events in <paramref name="round"/>.</summary>
    public int CstaEventsIn(int round) => _rounds[round].Count(s => s.Event is not null);

    /// <summary>Records <paramref name="rounds"/> rounds from a fresh simulated switch.</summary>
    public static CallMix Record(int rounds, CallMixDevices devices)
    {
        var plan = new SwitchingPlan();
        plan.AddRange("tel_sw", 5001, 5000 + Stations, SimDeviceKind.Extension);
        plan.Add(new SimDevice(Queue, "tel_sw", SimDeviceKind.AcdQueue));
        var directory = new DnDirectory(plan.Devices.Select(d => KeyValuePair.Create(d.DeviceId, d.Kind == SimDeviceKind.AcdQueue ? DnKind.ACDQueue : DnKind.Extension)));
        var recorder = new Recorder(plan, devices);
        var recorded = new CallMixStep[rounds][];
        for (var r = 0; r < rounds; r++)
        {
            recorded[r] = recorder.Round(r);
        }

        return new CallMix(directory, recorded);
    }

    /// <summary>Applies one round to <paramref name="model"/>; returns the number of CSTA events applied.</summary>
    public int Replay(int round, SwitchCallModel model, ICallModelSink sink)
    {
        var applied = 0;
        foreach (var step in _rounds[round])
        {
            if (step.Event is { } callEvent)
            {
                model.Apply(callEvent, sink);
                applied++;
            }
            else if (model.TryGetConnId(step.CallId!, out var connId))
            {
                model.AttachUserData(connId, step.Dn!, _userData, sink);
            }
        }

        return applied;
    }

    /// <summary>Drives the simulated switch through the rounds and keeps what its monitors report.</summary>
    private sealed class Recorder
    {
        private readonly SwitchingPlan _plan;
        private readonly SwitchModel _switch;
        private readonly CallMixDevices _devices;
        private readonly ArrayBufferWriter<byte> _xml = new(4096);
        private readonly List<CallMixStep> _steps = [];

        public Recorder(SwitchingPlan plan, CallMixDevices devices)
        {
            _plan = plan;
            _devices = devices;
            _switch = new SwitchModel(plan, TimeProvider.System);
            foreach (var device in plan.Devices)
            {
                Check(_switch.MonitorStart(device.DeviceId, this));
            }
        }

        public CallMixStep[] Round(int r)
        {
            _steps.Clear();
            var first = 5001 + (r * 4 % Stations);
            var a = Station(first);
            var b = Station(first + 1);
            var c = Station(first + 2);
            var d = Station(first + 3);
            var trunk = (611_000_000 + (2 * r)).ToString("D10", CultureInfo.InvariantCulture);
            var trunk2 = (611_000_001 + (2 * r)).ToString("D10", CultureInfo.InvariantCulture);

            // 1. Basic internal call.
            var call = MakeCall(a, b);
            Run(s => s.AnswerCall(new CstaConnectionId(call, b)));
            Run(s => s.ClearConnection(new CstaConnectionId(call, a)));

            // 2. Hold and retrieve.
            call = MakeCall(c, d);
            Run(s => s.AnswerCall(new CstaConnectionId(call, d)));
            Run(s => s.HoldCall(new CstaConnectionId(call, c)));
            Run(s => s.RetrieveCall(new CstaConnectionId(call, c)));
            Run(s => s.ClearConnection(new CstaConnectionId(call, d)));

            // 3. Consultation transfer.
            call = MakeCall(a, b);
            Run(s => s.AnswerCall(new CstaConnectionId(call, b)));
            var consult = Run(s => s.ConsultationCall(new CstaConnectionId(call, b), c)).ResultConnection!.Value.CallId;
            Run(s => s.AnswerCall(new CstaConnectionId(consult, c)));
            var transferred = Run(s => s.TransferCall(new CstaConnectionId(call, b), new CstaConnectionId(consult, b))).ResultConnection!.Value.CallId;
            Run(s => s.ClearConnection(new CstaConnectionId(transferred, a)));

            // 4. Conference, then a member leaves.
            call = MakeCall(a, b);
            Run(s => s.AnswerCall(new CstaConnectionId(call, b)));
            consult = Run(s => s.ConsultationCall(new CstaConnectionId(call, b), c)).ResultConnection!.Value.CallId;
            Run(s => s.AnswerCall(new CstaConnectionId(consult, c)));
            var conference = Run(s => s.ConferenceCall(new CstaConnectionId(call, b), new CstaConnectionId(consult, b))).ResultConnection!.Value.CallId;
            Run(s => s.ClearConnection(new CstaConnectionId(conference, c)));
            Run(s => s.ClearConnection(new CstaConnectionId(conference, a)));

            // 5. Inbound trunk call with user data.
            call = _switch.DeliverInboundCall(trunk, d) ?? throw new InvalidOperationException($"{d} is busy.");
            Pump();
            Run(s => s.AnswerCall(new CstaConnectionId(call, d)));
            _steps.Add(new CallMixStep(null, call, d));
            Run(s => s.ClearConnection(new CstaConnectionId(call, d)));

            // 6. Inbound call through the ACD queue.
            call = _switch.DeliverInboundCall(trunk2, Queue) ?? throw new InvalidOperationException($"{Queue} is busy.");
            Pump();
            Run(s => s.DeflectCall(new CstaConnectionId(call, Queue), a));
            Run(s => s.AnswerCall(new CstaConnectionId(call, a)));
            Run(s => s.ClearConnection(new CstaConnectionId(call, trunk2)));

            if (_switch.CallCount != 0)
            {
                throw new InvalidOperationException($"Round {r} left {_switch.CallCount} calls on the simulated switch.");
            }

            return [.. _steps];
        }

        private static string Station(int n) => (5001 + ((n - 5001) % Stations)).ToString(CultureInfo.InvariantCulture);

        private static SimServiceResult Check(SimServiceResult result) =>
            result.IsError ? throw new InvalidOperationException($"The simulated switch refused {result.Element}: {result.Reason}") : result;

        private string MakeCall(string from, string to) => Run(s => s.MakeCall(from, to)).CallingConnection!.Value.CallId;

        private SimServiceResult Run(Func<SwitchModel, SimServiceResult> service)
        {
            var result = Check(service(_switch));
            Pump();
            return result;
        }

        private void Pump()
        {
            foreach (var record in _switch.DrainEvents())
            {
                var callEvent = _devices == CallMixDevices.Osv ? ToOsv(record.Event) : record.Event;
                _xml.ResetWrittenCount();
                CstaSwitchXmlWriter.WriteEvent(_xml, Ed4, callEvent);
                var decoded = CstaXmlDecoder.Decode(_xml.WrittenMemory.ToArray()) as CstaCallEvent
                    ?? throw new InvalidOperationException($"{callEvent.Element} did not decode to a call event.");
                _steps.Add(new CallMixStep(decoded, null, null));
            }
        }

        private CstaCallEvent ToOsv(CstaCallEvent e) => e with
        {
            SubjectDevice = Osv(e.SubjectDevice),
            CallingDevice = Osv(e.CallingDevice),
            CalledDevice = Osv(e.CalledDevice),
            LastRedirectionDevice = Osv(e.LastRedirectionDevice),
            OtherDevice = Osv(e.OtherDevice),
            Connections = [.. e.Connections.Select(c => c with { Endpoint = Osv(c.Endpoint) })],
        };

        private string? Osv(string? device) => device switch
        {
            null => null,
            _ when _plan.TryGet(device, out _) => $"N<{device}>;noa=nk",
            _ => $"N<{device}>Line71001;displayNumber={device}",
        };
    }
}
