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

    /// <summary>Marks I/O in flight (virtual time does not advance while any is).</summary>
    internal virtual void BeginIo()
    {
    }

    /// <summary>Marks the end of I/O begun with <see cref="BeginIo"/>.</summary>
    internal virtual void EndIo()
    {
    }
}
