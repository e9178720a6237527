using System.Runtime.CompilerServices;
using CtiGateway.Pbx.Csta;
using CtiGateway.Protocol;
using CtiGateway.Simulator;

namespace CtiGateway.CallModel.Tests;

/// <summary>
/// What the model allocates (issue 9: allocation is only the events' own data). Once a call exists, the switch's
/// events for it (hold, retrieve, a transfer, the clearing; each once per monitor) allocate exactly the T-Library
/// events they publish: the message objects and their attribute arrays, sized to what they carry. Nothing per event
/// besides: no lists, enumerators, closures or strings, with plain DNs and with OpenScape Voice device identifiers.
/// </summary>
public sealed class CallModelAllocationTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Events_of_a_known_call_allocate_exactly_the_T_Library_events_they_publish(bool osvDevices)
    {
        var rig = new SwitchRig();
        var warmUp = Record(rig, osvDevices);
        var measured = Record(rig, osvDevices);
        var model = new SwitchCallModel(rig.Directory, new ConnIdGenerator(1_767_225_600));
        var sink = new KeepingSink(256);

        // The same call flow first, so that the tables the model keeps have their size and the DNs are known.
        Apply(model, warmUp.Setup, sink);
        Apply(model, warmUp.Events, sink);
        Assert.Equal(0, model.CallCount);
        Apply(model, measured.Setup, sink);
        sink.Clear();

        var before = GC.GetAllocatedBytesForCurrentThread();
        Apply(model, measured.Events, sink);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Empty(sink.Faults);
        Assert.Equal(0, model.CallCount);
        Assert.True(sink.Count >= 10, $"Only {sink.Count} events were published.");
        Assert.Equal(sink.OwnBytes(), allocated);
    }

    private static void Apply(SwitchCallModel model, List<CstaCallEvent> events, ICallModelSink sink)
    {
        foreach (var e in events)
        {
            model.Apply(e, sink);
        }
    }

    /// <summary>
    /// A calls B, B answers, B consults C, C answers: the setup, which creates both calls. Then the events measured: B
    /// alternates between the calls twice (held and retrieved each time), transfers A to C, and A hangs up.
    /// </summary>
    private static Flow Record(SwitchRig rig, bool osvDevices)
    {
        var setup = new List<CstaCallEvent>();
        var events = new List<CstaCallEvent>();
        var call = Take(rig, s => s.MakeCall("5001", "5002"), setup, osvDevices).CallingConnection!.Value.CallId;
        Take(rig, s => s.AnswerCall(new CstaConnectionId(call, "5002")), setup, osvDevices);
        var consult = Take(rig, s => s.ConsultationCall(new CstaConnectionId(call, "5002"), "5003"), setup, osvDevices).ResultConnection!.Value.CallId;
        Take(rig, s => s.AnswerCall(new CstaConnectionId(consult, "5003")), setup, osvDevices);

        Take(rig, s => s.AlternateCall(new CstaConnectionId(call, "5002"), new CstaConnectionId(consult, "5002")), events, osvDevices);
        Take(rig, s => s.AlternateCall(new CstaConnectionId(consult, "5002"), new CstaConnectionId(call, "5002")), events, osvDevices);
        var transferred = Take(rig, s => s.TransferCall(new CstaConnectionId(call, "5002"), new CstaConnectionId(consult, "5002")), events, osvDevices)
            .ResultConnection!.Value.CallId;
        Take(rig, s => s.ClearConnection(new CstaConnectionId(transferred, "5001")), events, osvDevices);
        return new Flow(setup, events);
    }

    private static SimServiceResult Take(SwitchRig rig, Func<SwitchModel, SimServiceResult> service, List<CstaCallEvent> into, bool osvDevices)
    {
        var result = service(rig.Switch);
        Assert.False(result.IsError, result.Reason);
        foreach (var record in rig.Switch.DrainEvents())
        {
            var e = record.Event;
            if (osvDevices)
            {
                e = e with
                {
                    SubjectDevice = Osv(e.SubjectDevice),
                    CallingDevice = Osv(e.CallingDevice),
                    CalledDevice = Osv(e.CalledDevice),
                    LastRedirectionDevice = Osv(e.LastRedirectionDevice),
                    OtherDevice = Osv(e.OtherDevice),
                    Connections = [.. e.Connections.Select(c => c with { Endpoint = Osv(c.Endpoint) })],
                };
            }

            into.Add(rig.RoundTrip(e));
        }

        return result;
    }

    private static string? Osv(string? device) => device is null ? null : $"N<{device}>;noa=nk";

    /// <summary>The recorded events: those that create the calls, then those measured.</summary>
    private sealed record Flow(List<CstaCallEvent> Setup, List<CstaCallEvent> Events);

    /// <summary>Keeps the events in an array sized beforehand (so that it allocates nothing itself) and the faults.</summary>
    private sealed class KeepingSink(int capacity) : ICallModelSink
    {
        private readonly TlibMessage[] _events = new TlibMessage[capacity];

        public int Count { get; private set; }

        public List<CallModelFault> Faults { get; } = new(4);

        public void Publish(string dn, TlibMessage tlibEvent) => _events[Count++] = tlibEvent;

        public void HardwareError(CallModelFault fault) => Faults.Add(fault);

        public void Resynchronise(CallResyncRequest request)
        {
        }

        public void Clear() => Count = 0;

        /// <summary>The bytes of the events kept: each message object plus an attribute array of exactly its attributes.</summary>
        public long OwnBytes()
        {
            var (message, attribute) = MessageSizes();
            long total = 0;
            for (var i = 0; i < Count; i++)
            {
                total += message + (attribute * _events[i].Count);
            }

            return total;
        }

        /// <summary>
        /// What a message with no attributes costs (the object and an empty array's header) and what each attribute adds,
        /// measured on this runtime.
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static (long Message, long Attribute) MessageSizes()
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            GC.KeepAlive(new TlibMessage(MessageType.EventRinging, 1));
            var one = GC.GetAllocatedBytesForCurrentThread() - before;
            before = GC.GetAllocatedBytesForCurrentThread();
            GC.KeepAlive(new TlibMessage(MessageType.EventRinging, 2));
            var two = GC.GetAllocatedBytesForCurrentThread() - before;
            return (one - (two - one), two - one);
        }
    }
}
