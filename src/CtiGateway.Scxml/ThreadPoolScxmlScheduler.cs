namespace CtiGateway.Scxml;

/// <summary>Runs sessions on the .NET thread pool with timers from a <see cref="TimeProvider"/> (the system clock by default).</summary>
public sealed class ThreadPoolScxmlScheduler : ScxmlScheduler
{
    private readonly TimeProvider _time;

    /// <summary>Creates the scheduler.</summary>
    public ThreadPoolScxmlScheduler(TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public override DateTimeOffset Now => _time.GetUtcNow();

    internal override void Enqueue(Action work) => ThreadPool.UnsafeQueueUserWorkItem(static w => w(), work, preferLocal: false);

    internal override IDisposable StartTimer(TimeSpan delay, Action callback)
    {
        var timer = _time.CreateTimer(static state => ((Action)state!)(), callback, delay, Timeout.InfiniteTimeSpan);
        return timer;
    }
}
