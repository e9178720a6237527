using BenchmarkDotNet.Attributes;
using CtiGateway.CallModel;

namespace CtiGateway.Benchmarks;

/// <summary>
/// The call model alone, in memory (issue 9): CSTA call events, as the real decoder produced them, turned into
/// T-Library events by one <see cref="SwitchCallModel"/> whose sink counts and drops them. The input is the recorded
/// <see cref="CallMix"/> (six calls per round: basic, hold/retrieve, consultation transfer, conference, inbound trunk
/// call with user data, ACD queue), replayed round after round; each round's calls end within it. One operation is one
/// CSTA event (the round's user-data request is counted in the time but not as an event). Target: at least 1,000,000
/// CSTA events per second per core, allocating only the published events' own data. <c>Alloc/TlibEvent</c> is the
/// allocation per T-Library event published.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[MinColumn]
[OperationsPerSecond]
[AllocationPerTlibEventColumn]
public class CallModelBenchmarks
{
    /// <summary>CSTA events in one round of the mix (checked at setup).</summary>
    public const int CstaEventsPerRound = 74;

    /// <summary>T-Library events one round publishes (checked at setup).</summary>
    public const int TlibEventsPerRound = 58;

    /// <summary>Rounds recorded (distinct stations, callIDs and trunk numbers), replayed in a loop.</summary>
    private const int Rounds = 100;

    private CallMix _mix = null!;
    private SwitchCallModel _model = null!;
    private CountingCallModelSink _sink = null!;
    private int _round;

    /// <summary>The device form of the CSTA events.</summary>
    [Params(CallMixDevices.Plain, CallMixDevices.Osv)]
    public CallMixDevices Devices { get; set; }

    /// <summary>Records the mix and checks one pass over it: no fault, no call left, the counts as declared.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _mix = CallMix.Record(Rounds, Devices);
        _model = new SwitchCallModel(_mix.Directory, new ConnIdGenerator(1_767_225_600));
        _sink = new CountingCallModelSink();
        for (var r = 0; r < _mix.RoundCount; r++)
        {
            var published = _sink.Published;
            var events = _mix.Replay(r, _model, _sink);
            var tlib = _sink.Published - published;
            if (_sink.Faults != 0 || _sink.Resyncs != 0 || _model.CallCount != 0)
            {
                throw new InvalidOperationException(
                    $"Round {r}: {_sink.Faults} hardware errors ({_sink.LastFault?.Detail}), {_sink.Resyncs} resyncs, {_model.CallCount} calls left.");
            }

            if (events != CstaEventsPerRound || tlib != TlibEventsPerRound)
            {
                throw new InvalidOperationException(
                    $"Round {r} has {events} CSTA events and publishes {tlib} T-Library events; the benchmark declares {CstaEventsPerRound} and {TlibEventsPerRound}.");
            }
        }
    }

    /// <summary>One round of the mix; the time and allocation are per CSTA event.</summary>
    [Benchmark(OperationsPerInvoke = CstaEventsPerRound)]
    public int ApplyCallMix()
    {
        var round = _round;
        _round = round + 1 == Rounds ? 0 : round + 1;
        return _mix.Replay(round, _model, _sink);
    }
}
