using CtiGateway.Scxml;

namespace CtiGateway.Cli.Sandbox;

/// <summary>
/// Holds the sessions' virtual clock while the simulated switches are busy: every gateway event and every scripted
/// action marks activity, and the clock may move on only after <see cref="QuietPeriod"/> of wall time without any (and
/// with no cross-switch transfer waiting for its second leg). So a delay in the strategy never jumps over the events
/// that the switches are still producing for what the strategy just did. A scripted step whose outcome is known
/// (<see cref="Expect"/>: the answer's EventEstablished, the hang-up's release, the call's session) holds the clock
/// until that outcome is seen, however slow the switches are, up to a limit of wall time.
/// </summary>
internal sealed class SandboxActivity : IDisposable
{
    /// <summary>Wall time without gateway events after which the switches count as settled.</summary>
    public static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(250);

    private readonly ScxmlScheduler _scheduler;
    private readonly Func<bool> _busy;
    private readonly Lock _lock = new();
    private readonly ITimer _timer;
    private readonly List<Expectation> _expected = [];
    private IDisposable? _token;
    private long _last;

    public SandboxActivity(ScxmlScheduler scheduler, Func<bool> busy)
    {
        _scheduler = scheduler;
        _busy = busy;
        _timer = TimeProvider.System.CreateTimer(_ => Check(), null, TimeSpan.FromMilliseconds(25), TimeSpan.FromMilliseconds(25));
    }

    /// <summary>True when the switches have been quiet for <see cref="QuietPeriod"/>.</summary>
    public bool IsQuiet
    {
        get
        {
            lock (_lock)
            {
                return _token is null;
            }
        }
    }

    /// <summary>Marks activity now.</summary>
    public void Touch()
    {
        lock (_lock)
        {
            _last = Environment.TickCount64;
            _token ??= _scheduler.TrackExternalWork();
        }
    }

    /// <summary>
    /// Holds the clock until an event the switches publish matches <paramref name="outcome"/> (null: until the result
    /// is disposed), or <paramref name="limit"/> of wall time passed. Dispose the result to stop waiting.
    /// </summary>
    public IDisposable Expect(Func<TlibMessage, bool>? outcome, TimeSpan limit)
    {
        var expectation = new Expectation(this, outcome, _scheduler.TrackExternalWork(), Environment.TickCount64 + (long)limit.TotalMilliseconds);
        lock (_lock)
        {
            _expected.Add(expectation);
        }

        return expectation;
    }

    /// <summary>An event the switches published: the expectations it meets end.</summary>
    public void Observed(TlibMessage e)
    {
        List<Expectation>? met = null;
        lock (_lock)
        {
            foreach (var expectation in _expected)
            {
                if (expectation.Outcome?.Invoke(e) == true)
                {
                    (met ??= []).Add(expectation);
                }
            }
        }

        met?.ForEach(m => m.Dispose());
    }

    /// <summary>Waits (wall time, at most <paramref name="limit"/>) until the switches are quiet.</summary>
    public async Task WaitQuietAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        var deadline = Environment.TickCount64 + (long)limit.TotalMilliseconds;
        while (!IsQuiet && Environment.TickCount64 < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(25), cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        Expectation[] expected;
        lock (_lock)
        {
            expected = [.. _expected];
        }

        foreach (var expectation in expected)
        {
            expectation.Dispose();
        }

        lock (_lock)
        {
            _token?.Dispose();
            _token = null;
        }
    }

    private void Check()
    {
        Expectation[] overdue;
        lock (_lock)
        {
            var now = Environment.TickCount64;
            overdue = [.. _expected.Where(e => now > e.Deadline)];
        }

        foreach (var expectation in overdue)
        {
            expectation.Dispose();
        }

        lock (_lock)
        {
            if (_token is null)
            {
                return;
            }

            if (_busy())
            {
                _last = Environment.TickCount64;
                return;
            }

            if (Environment.TickCount64 - _last >= (long)QuietPeriod.TotalMilliseconds)
            {
                _token.Dispose();
                _token = null;
            }
        }
    }

    /// <summary>A scripted step's outcome the clock waits for.</summary>
    private sealed class Expectation(SandboxActivity owner, Func<TlibMessage, bool>? outcome, IDisposable token, long deadline) : IDisposable
    {
        public Func<TlibMessage, bool>? Outcome { get; } = outcome;

        public long Deadline { get; } = deadline;

        public void Dispose()
        {
            lock (owner._lock)
            {
                if (!owner._expected.Remove(this))
                {
                    return;
                }
            }

            // Activity now: what the outcome leads to gets its quiet period too.
            owner.Touch();
            token.Dispose();
        }
    }
}
