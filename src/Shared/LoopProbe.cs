namespace CtiGateway.Runtime;

/// <summary>
/// A liveness probe that a long-running loop answers from its own code (compiled into each assembly that owns such a
/// loop: the T-Library accept loop, the switch link supervisors). A watchdog calls <see cref="RequestAsync"/>; the
/// loop calls <see cref="Answer"/> on every iteration and, while it waits for work, awaits <see cref="AnswerWhileAsync"/>
/// (or its own <c>Task.WhenAny</c> with <see cref="Requested"/>) so an idle loop wakes up to answer. A loop that is
/// stuck (deadlocked, blocked on a full queue, waiting on a gate) never answers, so its probe never completes: that,
/// not a timer, is what tells the watchdog the loop is alive.
/// </summary>
internal sealed class LoopProbe
{
    private readonly Lock _lock = new();
    private List<TaskCompletionSource>? _pending;
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _hasPending;

    /// <summary>Completes when a probe is waiting to be answered.</summary>
    public Task Requested
    {
        get
        {
            lock (_lock)
            {
                return _wake.Task;
            }
        }
    }

    /// <summary>Asks the loop to answer; the task completes when the loop's own code has called <see cref="Answer"/>.</summary>
    public Task RequestAsync(CancellationToken cancellationToken)
    {
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        TaskCompletionSource wake;
        lock (_lock)
        {
            (_pending ??= []).Add(answer);
            _hasPending = true;
            wake = _wake;
        }

        wake.TrySetResult();
        return answer.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Answers every waiting probe. Called by the loop itself; cheap when none is waiting.</summary>
    public void Answer()
    {
        // Also reset a wake signal that fired after its probe was already answered, or the loop would spin on it.
        if (!_hasPending && !Volatile.Read(ref _wake).Task.IsCompleted)
        {
            return;
        }

        List<TaskCompletionSource>? pending;
        lock (_lock)
        {
            pending = _pending;
            _pending = null;
            _hasPending = false;
            if (_wake.Task.IsCompleted)
            {
                Volatile.Write(ref _wake, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            }
        }

        if (pending is not null)
        {
            foreach (var p in pending)
            {
                p.TrySetResult();
            }
        }
    }

    /// <summary>Awaits <paramref name="work"/>, answering probes that arrive meanwhile; returns its result.</summary>
    public async Task<T> AnswerWhileAsync<T>(Task<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        while (true)
        {
            Answer();
            if (work.IsCompleted || await Task.WhenAny(work, Requested).ConfigureAwait(false) == work)
            {
                Answer();
                return await work.ConfigureAwait(false);
            }
        }
    }

    /// <summary>Awaits <paramref name="work"/>, answering probes that arrive meanwhile.</summary>
    public async Task AnswerWhileAsync(Task work)
    {
        ArgumentNullException.ThrowIfNull(work);
        while (true)
        {
            Answer();
            if (work.IsCompleted || await Task.WhenAny(work, Requested).ConfigureAwait(false) == work)
            {
                Answer();
                await work.ConfigureAwait(false);
                return;
            }
        }
    }
}
