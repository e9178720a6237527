namespace CtiGateway.Client.Tests.Support;

/// <summary>Lets a test await "something changed" and re-check a condition, without polling.</summary>
public sealed class AsyncSignal
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Wakes every waiter.</summary>
    public void Pulse()
    {
        TaskCompletionSource old;
        lock (_lock)
        {
            old = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        old.TrySetResult();
    }

    /// <summary>Completes when <paramref name="condition"/> holds; throws when <paramref name="cancellationToken"/> fires first.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                changed = _changed.Task;
            }

            if (condition())
            {
                return;
            }

            await changed.WaitAsync(cancellationToken);
        }
    }
}
