namespace CtiGateway.Scxml;

/// <summary>
/// Runs sessions and their timers. Each session is one logical thread: its slices never overlap, while many sessions
/// share the scheduler's worker threads. Use <see cref="ThreadPoolScxmlScheduler"/> in real time or
/// <see cref="VirtualTimeScxmlScheduler"/> to run charts in virtual time.
/// </summary>
public abstract class ScxmlScheduler
{
    private protected ScxmlScheduler()
    {
    }

    /// <summary>The scheduler's current time.</summary>
    public abstract DateTimeOffset Now { get; }

    /// <summary>Runs <paramref name="work"/> soon on a worker.</summary>
    internal abstract void Enqueue(Action work);

    /// <summary>Calls <paramref name="callback"/> after <paramref name="delay"/>; dispose the result to cancel.</summary>
    internal abstract IDisposable StartTimer(TimeSpan delay, Action callback);

    /// <summary>
    /// Runs <paramref name="work"/> on the scheduler after <paramref name="delay"/> of its time (virtual time for a
    /// <see cref="VirtualTimeScxmlScheduler"/>); dispose the result to cancel. For hosts that script outside events
    /// (a caller who hangs up after N seconds) on the sessions' clock.
    /// </summary>
    public IDisposable Schedule(TimeSpan delay, Action work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return StartTimer(delay, () => Enqueue(work));
    }

    /// <summary>
    /// Marks outside work the sessions are waiting for (a request to the switch): a virtual-time scheduler does not move
    /// its clock until the result is disposed. Dispose it once.
    /// </summary>
    public IDisposable TrackExternalWork()
    {
        BeginIo();
        return new ExternalWork(this);
    }

    /// <summary>Marks I/O in flight (virtual time does not advance while any is).</summary>
    internal virtual void BeginIo()
    {
    }

    /// <summary>Marks the end of I/O begun with <see cref="BeginIo"/>.</summary>
    internal virtual void EndIo()
    {
    }

    private sealed class ExternalWork(ScxmlScheduler scheduler) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                scheduler.EndIo();
            }
        }
    }
}
