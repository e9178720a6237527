namespace CtiGateway.Pbx.Links;

/// <summary>
/// Coalesces the hardware errors of one link before they reach clients (issue 8, storms): of each cause at most
/// <see cref="EventsPerSecond"/> pass in a one-second window that starts with the first error of that cause; the rest
/// of the window are counted, and when the window ends one summary (<see cref="HardwareErrorRecord.Coalesced"/>: the
/// last held-back record with <see cref="HardwareErrorRecord.Suppressed"/> = how many) is passed instead. Nothing is
/// lost: the records passed one by one plus the Suppressed counts of the summaries equal the records offered.
/// A window that ends with no further error of its cause is summed up by a timer of the <see cref="TimeProvider"/>,
/// so a storm that stops still gets its summary. Thread-safe: records and summaries are passed in order, one at a
/// time; the publish callback must not block.
/// </summary>
public sealed class HardwareErrorCoalescer : IDisposable
{
    /// <summary>Distinct causes tracked; causes beyond it share one window (causes are names from the code, few).</summary>
    public const int MaxCauses = 64;

    private const string OtherCauses = "";
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    private readonly TimeProvider _time;
    private readonly Action<HardwareErrorRecord> _publish;
    private readonly Lock _sync = new();
    private readonly Dictionary<string, CauseWindow> _causes = new(StringComparer.Ordinal);
    private readonly ITimer _timer;
    private bool _armed;
    private bool _disposed;

    /// <summary>Creates a coalescer that passes records to <paramref name="publish"/>.</summary>
    /// <param name="eventsPerSecond">Most records per cause passed one by one per window (at least 1).</param>
    /// <param name="time">Clock of the windows and of the summary timer.</param>
    /// <param name="publish">Receives each passed record and each summary.</param>
    public HardwareErrorCoalescer(int eventsPerSecond, TimeProvider time, Action<HardwareErrorRecord> publish)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(eventsPerSecond);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(publish);
        EventsPerSecond = eventsPerSecond;
        _time = time;
        _publish = publish;
        _timer = time.CreateTimer(_ => FlushEnded(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Most records per cause passed one by one per second.</summary>
    public int EventsPerSecond { get; }

    /// <summary>Records held back and not yet summed up.</summary>
    public long Pending
    {
        get
        {
            lock (_sync)
            {
                return _causes.Values.Sum(w => w.Suppressed);
            }
        }
    }

    /// <summary>Passes <paramref name="record"/> on, or counts it for the summary of its cause's window.</summary>
    public void Offer(HardwareErrorRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_sync)
        {
            if (_disposed)
            {
                _publish(record);
                return;
            }

            var now = _time.GetTimestamp();
            var key = _causes.Count >= MaxCauses && !_causes.ContainsKey(record.Cause) ? OtherCauses : record.Cause;
            if (!_causes.TryGetValue(key, out var window))
            {
                window = new CauseWindow { Start = now };
                _causes[key] = window;
            }
            else if (_time.GetElapsedTime(window.Start, now) >= Window)
            {
                Summarise(window);
                window.Start = now;
                window.Passed = 0;
            }

            if (window.Passed < EventsPerSecond)
            {
                window.Passed++;
                _publish(record);
                return;
            }

            window.Suppressed++;
            window.Last = record;
            if (!_armed)
            {
                _armed = true;
                _timer.Change(Due(window, now), Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>
    /// Sums up every window with held-back records at once (e.g. when the link stops) and stops the timer; records
    /// offered later pass one by one.
    /// </summary>
    public void Dispose()
    {
        lock (_sync)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var window in _causes.Values)
            {
                Summarise(window);
            }
        }

        _timer.Dispose();
    }

    private TimeSpan Due(CauseWindow window, long now)
    {
        var left = Window - _time.GetElapsedTime(window.Start, now);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>Timer: sums up the windows that ended, re-arms for the next one still holding records.</summary>
    private void FlushEnded()
    {
        lock (_sync)
        {
            if (_disposed)
            {
                return;
            }

            var now = _time.GetTimestamp();
            CauseWindow? next = null;
            foreach (var window in _causes.Values)
            {
                if (window.Suppressed == 0)
                {
                    continue;
                }

                if (_time.GetElapsedTime(window.Start, now) >= Window)
                {
                    Summarise(window);
                }
                else if (next is null || window.Start < next.Start)
                {
                    next = window;
                }
            }

            _armed = next is not null;
            if (next is not null)
            {
                _timer.Change(Due(next, now), Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void Summarise(CauseWindow window)
    {
        if (window.Suppressed == 0 || window.Last is not { } last)
        {
            return;
        }

        var count = window.Suppressed;
        window.Suppressed = 0;
        window.Last = null;
        _publish(last.Coalesced(count, EventsPerSecond, _time.GetUtcNow()));
    }

    /// <summary>The current one-second window of one cause.</summary>
    private sealed class CauseWindow
    {
        public long Start;
        public int Passed;
        public long Suppressed;
        public HardwareErrorRecord? Last;
    }
}
