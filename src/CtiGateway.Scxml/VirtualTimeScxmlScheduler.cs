using System.Collections.Concurrent;

namespace CtiGateway.Scxml;

/// <summary>
/// Runs sessions in virtual time on the thread that calls <see cref="RunUntil"/>: ready work runs first; when nothing is
/// ready and no I/O is in flight, the clock jumps to the next timer. Delays therefore cost no wall time.
/// </summary>
public sealed class VirtualTimeScxmlScheduler : ScxmlScheduler
{
    private readonly ConcurrentQueue<Action> _ready = new();
    private readonly PriorityQueue<TimerEntry, (long Due, long Sequence)> _timers = new();
    private readonly Lock _timerLock = new();
    private readonly SemaphoreSlim _signal = new(0);
    private long _nowTicks;
    private long _sequence;
    private int _pendingIo;

    /// <summary>Creates the scheduler with its clock at <paramref name="start"/> (default: the Unix epoch).</summary>
    public VirtualTimeScxmlScheduler(DateTimeOffset? start = null)
    {
        _nowTicks = (start ?? DateTimeOffset.UnixEpoch).UtcTicks;
    }

    /// <inheritdoc />
    public override DateTimeOffset Now => new(Interlocked.Read(ref _nowTicks), TimeSpan.Zero);

    /// <summary>
    /// Runs work and timers until <paramref name="done"/> is true, nothing is left to do, virtual time passes
    /// <paramref name="virtualLimit"/>, or <paramref name="wallLimit"/> of real time has passed (waiting for I/O, or
    /// running work that never lets the clock move, such as a session sending itself events with no delay forever).
    /// Returns true when <paramref name="done"/> became true.
    /// </summary>
    public bool RunUntil(Func<bool> done, TimeSpan virtualLimit, TimeSpan wallLimit)
    {
        var limit = Interlocked.Read(ref _nowTicks) + virtualLimit.Ticks;
        var wallDeadline = Environment.TickCount64 + (long)wallLimit.TotalMilliseconds;
        while (true)
        {
            while (_ready.TryDequeue(out var work))
            {
                work();
                if (done())
                {
                    return true;
                }

                // A session that never waits (an event it sends itself with no delay, forever) keeps work ready at
                // the same virtual instant: the clock cannot move, so only the wall limit ends the run.
                if (Environment.TickCount64 > wallDeadline)
                {
                    return done();
                }
            }

            if (done())
            {
                return true;
            }

            if (Volatile.Read(ref _pendingIo) > 0)
            {
                if (Environment.TickCount64 > wallDeadline)
                {
                    return false;
                }

                _signal.Wait(20);
                continue;
            }

            TimerEntry? next = null;
            lock (_timerLock)
            {
                while (_timers.TryPeek(out var entry, out var key))
                {
                    if (entry.Cancelled)
                    {
                        _timers.Dequeue();
                        continue;
                    }

                    if (key.Due > limit)
                    {
                        Interlocked.Exchange(ref _nowTicks, limit);
                        return done();
                    }

                    _timers.Dequeue();
                    Interlocked.Exchange(ref _nowTicks, Math.Max(key.Due, Interlocked.Read(ref _nowTicks)));
                    next = entry;
                    break;
                }
            }

            if (next is null)
            {
                if (_ready.IsEmpty)
                {
                    return done();
                }

                continue;
            }

            next.Cancelled = true;
            next.Callback();
            if (Environment.TickCount64 > wallDeadline)
            {
                return done();
            }
        }
    }

    /// <summary>
    /// When the earliest pending timer is due (null when none): a host waiting for outside events can move the clock
    /// exactly to it instead of past it.
    /// </summary>
    public DateTimeOffset? NextTimerDue
    {
        get
        {
            lock (_timerLock)
            {
                while (_timers.TryPeek(out var entry, out var key))
                {
                    if (entry.Cancelled)
                    {
                        _timers.Dequeue();
                        continue;
                    }

                    return new DateTimeOffset(key.Due, TimeSpan.Zero);
                }

                return null;
            }
        }
    }

    internal override void Enqueue(Action work)
    {
        _ready.Enqueue(work);
        _signal.Release();
    }

    internal override IDisposable StartTimer(TimeSpan delay, Action callback)
    {
        var entry = new TimerEntry(callback);
        lock (_timerLock)
        {
            var due = Interlocked.Read(ref _nowTicks) + Math.Max(0, delay.Ticks);
            _timers.Enqueue(entry, (due, _sequence++));
        }

        return entry;
    }

    internal override void BeginIo() => Interlocked.Increment(ref _pendingIo);

    internal override void EndIo()
    {
        Interlocked.Decrement(ref _pendingIo);
        _signal.Release();
    }

    private sealed class TimerEntry(Action callback) : IDisposable
    {
        public Action Callback { get; } = callback;

        public volatile bool Cancelled;

        public void Dispose() => Cancelled = true;
    }
}
