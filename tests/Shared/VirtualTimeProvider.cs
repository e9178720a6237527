namespace CtiGateway.Testing;

/// <summary>A time source that only moves when the test calls <see cref="Advance"/>; timers fire then.</summary>
internal sealed class VirtualTimeProvider : TimeProvider
{
    private readonly Lock _sync = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private long _elapsedTicks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_sync)
        {
            return _now;
        }
    }

    public override long GetTimestamp()
    {
        lock (_sync)
        {
            return _elapsedTicks;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Timers armed now (e.g. a pending Task.Delay).</summary>
    public int ArmedTimers
    {
        get
        {
            lock (_sync)
            {
                return _timers.Count;
            }
        }
    }

    /// <summary>
    /// Waits (in real time, up to 30 s) until a timer is armed: the code under test computed its delay and created the
    /// timer, so advancing time now cannot slip in between and make it oversleep.
    /// </summary>
    public async Task WaitForArmedTimerAsync()
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (ArmedTimers == 0)
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException("No timer was armed.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(5));
        }
    }

    /// <summary><see cref="WaitForArmedTimerAsync"/>, then <see cref="Advance"/>.</summary>
    public async Task AdvanceWhenArmedAsync(TimeSpan delta)
    {
        await WaitForArmedTimerAsync();
        Advance(delta);
    }

    /// <summary>
    /// Waits (in real time, up to <paramref name="timeout"/>) until some timer is armed to fire exactly
    /// <paramref name="fromNow"/> after the current virtual time: a loop that re-arms its delay after doing its work has
    /// done so. Advancing before that would start the loop's next delay late.
    /// </summary>
    public async Task WaitForTimerDueInAsync(TimeSpan fromNow, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            lock (_sync)
            {
                var due = _elapsedTicks + fromNow.Ticks;
                if (_timers.Any(t => t.DueTicks == due))
                {
                    return;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"no timer was armed {fromNow} after virtual time {TimeSpan.FromTicks(GetTimestamp())} within {timeout}");
            }

            await Task.Delay(5);
        }
    }

    /// <summary>Moves time forward and fires every timer that falls due, in order.</summary>
    public void Advance(TimeSpan delta)
    {
        long target;
        lock (_sync)
        {
            target = _elapsedTicks + delta.Ticks;
        }

        while (true)
        {
            ManualTimer? next;
            lock (_sync)
            {
                next = _timers.Where(t => t.DueTicks <= target).MinBy(t => t.DueTicks);
                var moveTo = next?.DueTicks ?? target;
                if (moveTo > _elapsedTicks)
                {
                    _now += TimeSpan.FromTicks(moveTo - _elapsedTicks);
                    _elapsedTicks = moveTo;
                }

                if (next is null)
                {
                    return;
                }

                next.Rearm(_elapsedTicks);
            }

            next.Fire();
        }
    }

    private sealed class ManualTimer(VirtualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private long _periodTicks;

        public long DueTicks { get; private set; } = long.MaxValue;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._sync)
            {
                owner._timers.Remove(this);
                _periodTicks = period == Timeout.InfiniteTimeSpan ? 0 : period.Ticks;
                if (dueTime == Timeout.InfiniteTimeSpan)
                {
                    DueTicks = long.MaxValue;
                    return true;
                }

                DueTicks = owner._elapsedTicks + Math.Max(dueTime.Ticks, 0);
                owner._timers.Add(this);
                return true;
            }
        }

        public void Rearm(long now)
        {
            owner._timers.Remove(this);
            if (_periodTicks > 0)
            {
                DueTicks = now + _periodTicks;
                owner._timers.Add(this);
            }
            else
            {
                DueTicks = long.MaxValue;
            }
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (owner._sync)
            {
                owner._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
