namespace CtiGateway.Scxml;

/// <summary>
/// Runs sessions on the .NET thread pool with timers from a <see cref="TimeProvider"/> (the system clock by default).
/// Timers live in one queue served by a single provider timer, so callbacks run in due-time order (ties in the order
/// they were started) even when the pool is busy: two delayed sends fire in the order of their delays.
/// </summary>
public sealed class ThreadPoolScxmlScheduler : ScxmlScheduler, IDisposable
{
    private readonly TimeProvider _time;
    private readonly PriorityQueue<TimerEntry, (long Due, long Sequence)> _timers = new();
    private readonly Lock _lock = new();
    private readonly ITimer _timer;
    private long _sequence;
    private long _armedFor = long.MaxValue;
    private bool _firing;

    /// <summary>Creates the scheduler.</summary>
    public ThreadPoolScxmlScheduler(TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _timer = _time.CreateTimer(static state => ((ThreadPoolScxmlScheduler)state!).Fire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <inheritdoc />
    public override DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>Stops the timer; pending timers never fire.</summary>
    public void Dispose()
    {
        _timer.Dispose();
        lock (_lock)
        {
            _timers.Clear();
        }
    }

    internal override void Enqueue(Action work) => ThreadPool.UnsafeQueueUserWorkItem(static w => w(), work, preferLocal: false);

    internal override IDisposable StartTimer(TimeSpan delay, Action callback)
    {
        var entry = new TimerEntry(callback);
        lock (_lock)
        {
            var due = Ticks() + Math.Max(0, delay.Ticks);
            _timers.Enqueue(entry, (due, _sequence++));
            if (due < _armedFor && !_firing)
            {
                Arm(due);
            }
        }

        return entry;
    }

    private long Ticks() => _time.GetUtcNow().UtcTicks;

    /// <summary>Arms the provider timer for <paramref name="due"/> (called under the lock).</summary>
    private void Arm(long due)
    {
        _armedFor = due;
        _timer.Change(TimeSpan.FromTicks(Math.Max(0, due - Ticks())), Timeout.InfiniteTimeSpan);
    }

    private void Fire()
    {
        while (true)
        {
            TimerEntry? entry;
            lock (_lock)
            {
                _firing = true;
                _armedFor = long.MaxValue;
                entry = null;
                while (_timers.TryPeek(out var next, out var key))
                {
                    if (next.Cancelled)
                    {
                        _timers.Dequeue();
                        continue;
                    }

                    if (key.Due > Ticks())
                    {
                        Arm(key.Due);
                        break;
                    }

                    entry = _timers.Dequeue();
                    break;
                }

                if (entry is null)
                {
                    _firing = false;
                    return;
                }
            }

            entry.Cancelled = true;
            entry.Callback();
        }
    }

    private sealed class TimerEntry(Action callback) : IDisposable
    {
        public Action Callback { get; } = callback;

        public volatile bool Cancelled;

        public void Dispose() => Cancelled = true;
    }
}
