using CtiGateway.Scxml.Runtime;

namespace CtiGateway.Scxml;

/// <summary>
/// A custom action that completes later (a <c>queue:submit</c> or an <c>ixn:redirect</c> waiting for the switch):
/// <see cref="Complete"/> posts its <c>.done</c> or <c>error.*</c> event to the session as an external event. Until
/// then the action counts as I/O in flight, so a virtual-time scheduler does not move its clock past it. Safe from
/// any thread; only the first completion counts.
/// </summary>
public sealed class ScxmlPendingAction
{
    private readonly ScxmlSession _session;
    private int _completed;

    internal ScxmlPendingAction(ScxmlSession session)
    {
        _session = session;
        session.Runtime.Scheduler.BeginIo();
    }

    /// <summary>The session that ran the action.</summary>
    public string SessionId => _session.Id;

    /// <summary>True once completed or abandoned.</summary>
    public bool IsCompleted => Volatile.Read(ref _completed) != 0;

    /// <summary>Posts an event to the session without completing (for example <c>queue.submit.requestid</c>).</summary>
    public void Post(string eventName, string? jsonData) => ScxmlSessionHandle.PostExternal(_session, eventName, jsonData, null);

    /// <summary>Completes the action with its final event. Returns false when it was already completed.</summary>
    public bool Complete(string eventName, string? jsonData)
    {
        if (Interlocked.Exchange(ref _completed, 1) != 0)
        {
            return false;
        }

        try
        {
            ScxmlSessionHandle.PostExternal(_session, eventName, jsonData, null);
        }
        finally
        {
            _session.Runtime.Scheduler.EndIo();
        }

        return true;
    }

    /// <summary>
    /// Completes the action with an event delivered after <paramref name="delay"/> of the scheduler's time (an answer the
    /// host knows at once but that models a round trip). The action stops counting as I/O now, so a virtual clock can
    /// move to deliver it. Returns false when it was already completed.
    /// </summary>
    public bool CompleteAfter(TimeSpan delay, string eventName, string? jsonData) => CompleteAfter(delay, eventName, jsonData, null);

    /// <summary>
    /// As <see cref="CompleteAfter(TimeSpan, string, string?)"/>; <paramref name="delivering"/> runs on the scheduler just
    /// before the event is posted (a host noting the event in its own history at the moment it is delivered).
    /// </summary>
    public bool CompleteAfter(TimeSpan delay, string eventName, string? jsonData, Action? delivering)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        if (Interlocked.Exchange(ref _completed, 1) != 0)
        {
            return false;
        }

        var session = _session;
        session.Runtime.Scheduler.Schedule(delay, () =>
        {
            delivering?.Invoke();
            ScxmlSessionHandle.PostExternal(session, eventName, jsonData, null);
        });
        session.Runtime.Scheduler.EndIo();
        return true;
    }

    /// <summary>Ends the action with no event (its session ended). Returns false when it was already completed.</summary>
    public bool Abandon()
    {
        if (Interlocked.Exchange(ref _completed, 1) != 0)
        {
            return false;
        }

        _session.Runtime.Scheduler.EndIo();
        return true;
    }
}
