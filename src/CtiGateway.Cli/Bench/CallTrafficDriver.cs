using System.Diagnostics;
using CtiGateway.Pbx.Csta;
using CtiGateway.Simulator;

namespace CtiGateway.Cli.Bench;

/// <summary>
/// Places the bench's calls on the simulator at the target rate: MakeCall from a free DN A to a free DN B, AnswerCall
/// at B after the answer delay, ClearConnection by A after the hold time. A DN rests
/// after its call (<see cref="CallsOptions.DnRest"/>) before it is used again, so late events of its last call are never taken for the next one. Each
/// step runs its operations in one <see cref="CstaSimulatorServer.Invoke{T}"/> (one lock, one dispatch of the events).
/// Single-threaded: the counters are read after <see cref="RunAsync"/> ended, <see cref="Placed"/> also while it runs.
/// </summary>
internal sealed class CallTrafficDriver
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(2);

    /// <summary>How long after its DN rest a call stays findable by callID, for frames that reach the pump late.</summary>
    private static readonly TimeSpan ForgetAfter = TimeSpan.FromSeconds(30);
    private readonly CallsOptions _options;
    private readonly CstaSimulatorServer _switch;
    private readonly BenchCallRegistry _calls;
    private readonly string[] _dnNames;
    private readonly Queue<int> _free;
    private readonly Queue<(BenchCall Call, long Due)> _toAnswer = new();
    private readonly Queue<(BenchCall Call, long Due)> _toRelease = new();
    private readonly Queue<(BenchCall Call, long Due)> _resting = new();
    private readonly Queue<(BenchCall Call, long Due)> _toForget = new();
    private readonly long _answerTicks;
    private readonly long _holdTicks;
    private readonly long _restTicks;
    private readonly long _forgetTicks = ToTicks(ForgetAfter);
    private long _placed;
    private long _attempted;

    public CallTrafficDriver(CallsOptions options, CstaSimulatorServer simulator, BenchCallRegistry calls)
    {
        _options = options;
        _switch = simulator;
        _calls = calls;
        _dnNames = [.. Enumerable.Range(0, options.Dns).Select(options.DnName)];
        _free = new Queue<int>(Enumerable.Range(0, options.Dns));
        _answerTicks = ToTicks(options.AnswerDelay);
        _holdTicks = ToTicks(options.HoldTime);
        _restTicks = ToTicks(options.DnRest);
    }

    /// <summary>Calls placed (MakeCall answered positively).</summary>
    public long Placed => Volatile.Read(ref _placed);

    /// <summary>Calls released by the bench.</summary>
    public long Released { get; private set; }

    /// <summary>Calls placed and not yet released.</summary>
    public long Live => Placed - Released;

    /// <summary>MakeCall, AnswerCall or ClearConnection answered with an error.</summary>
    public long Refused { get; private set; }

    /// <summary>Calls not placed because no two DNs were free.</summary>
    public long NoFreeDn { get; private set; }

    /// <summary>Calls not placed because the driver fell more than a second behind the rate.</summary>
    public long Late { get; private set; }

    /// <summary>Places, answers and releases calls until <paramref name="stop"/> fires.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        var start = Stopwatch.GetTimestamp();
        while (!stop.IsCancellationRequested)
        {
            var now = Stopwatch.GetTimestamp();
            var due = (long)((now - start) / (double)Stopwatch.Frequency * _options.CallsPerSecond);
            var toPlace = due - _attempted;
            if (toPlace > _options.CallsPerSecond)
            {
                Late += toPlace - _options.CallsPerSecond;
                toPlace = _options.CallsPerSecond;
            }

            _attempted = due;
            Step(now, (int)toPlace);
            try
            {
                await Task.Delay(Tick, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Releases every call still up (an external gateway is left with no bench calls).</summary>
    public void ReleaseAll()
    {
        _switch.Invoke(m =>
        {
            foreach (var (call, _) in _toAnswer.Concat(_toRelease))
            {
                m.ClearConnection(new CstaConnectionId(call.CallId, _dnNames[call.Caller]));
                Released++;
            }
        });
        _toAnswer.Clear();
        _toRelease.Clear();
    }

    private static long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    private void Step(long now, int toPlace)
    {
        while (_resting.TryPeek(out var resting) && resting.Due <= now)
        {
            _resting.Dequeue();
            _toForget.Enqueue((resting.Call, now + _forgetTicks));
            _free.Enqueue(resting.Call.Caller);
            _free.Enqueue(resting.Call.Called);
        }

        while (_toForget.TryPeek(out var forget) && forget.Due <= now)
        {
            _toForget.Dequeue();
            _calls.Forget(forget.Call);
        }

        var work = toPlace > 0
            || (_toAnswer.TryPeek(out var answer) && answer.Due <= now)
            || (_toRelease.TryPeek(out var release) && release.Due <= now);
        if (work)
        {
            _switch.Invoke(m => Run(m, now, toPlace));
        }
    }

    private void Run(SwitchModel m, long now, int toPlace)
    {
        while (_toAnswer.TryPeek(out var answer) && answer.Due <= now)
        {
            _toAnswer.Dequeue();
            var call = answer.Call;
            if (m.AnswerCall(new CstaConnectionId(call.CallId, _dnNames[call.Called])).IsError)
            {
                Refused++;
            }

            _toRelease.Enqueue((call, now + _holdTicks));
        }

        while (_toRelease.TryPeek(out var release) && release.Due <= now)
        {
            _toRelease.Dequeue();
            var call = release.Call;
            if (m.ClearConnection(new CstaConnectionId(call.CallId, _dnNames[call.Caller])).IsError)
            {
                Refused++;
            }

            Released++;
            _resting.Enqueue((call, now + _restTicks));
        }

        for (var i = 0; i < toPlace; i++)
        {
            if (_free.Count < 2)
            {
                NoFreeDn += toPlace - i;
                return;
            }

            var a = _free.Dequeue();
            var b = _free.Dequeue();
            var made = m.MakeCall(_dnNames[a], _dnNames[b]);
            if (made.IsError || made.CallingConnection is not { } connection)
            {
                Refused++;
                _free.Enqueue(a);
                _free.Enqueue(b);
                continue;
            }

            // Known before the simulator dispatches the call's first frames (after this operation returns).
            var call = new BenchCall(connection.CallId, a, b);
            _calls.Add(call);
            _toAnswer.Enqueue((call, now + _answerTicks));
            Volatile.Write(ref _placed, _placed + 1);
        }
    }
}
