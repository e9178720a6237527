namespace CtiGateway.Scxml.Tests;

/// <summary>The schedulers fire timers in due-time order and honour cancellation.</summary>
public sealed class SchedulerTests
{
    [Fact]
    public async Task ThreadPoolTimersFireInDueOrderAndCancelledOnesNever()
    {
        using var scheduler = new ThreadPoolScxmlScheduler();
        var fired = new List<int>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = scheduler.StartTimer(TimeSpan.FromMilliseconds(5), () => { lock (fired) { fired.Add(-1); } });
        for (var i = 20; i >= 1; i--)
        {
            var n = i;
            scheduler.StartTimer(TimeSpan.FromMilliseconds(10 * n), () =>
            {
                lock (fired)
                {
                    fired.Add(n);
                    if (fired.Count == 20)
                    {
                        done.TrySetResult();
                    }
                }
            });
        }

        cancelled.Dispose();
        await done.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        lock (fired)
        {
            Assert.Equal(Enumerable.Range(1, 20), fired);
        }
    }

    [Fact]
    public void VirtualTimeJumpsToTheNextTimerAndStopsAtTheLimit()
    {
        var scheduler = new VirtualTimeScxmlScheduler(DateTimeOffset.UnixEpoch);
        var fired = new List<TimeSpan>();
        scheduler.StartTimer(TimeSpan.FromHours(2), () => fired.Add(scheduler.Now - DateTimeOffset.UnixEpoch));
        scheduler.StartTimer(TimeSpan.FromMinutes(1), () => fired.Add(scheduler.Now - DateTimeOffset.UnixEpoch));

        var finished = scheduler.RunUntil(() => false, TimeSpan.FromHours(1), TimeSpan.FromSeconds(5));

        Assert.False(finished);
        Assert.Equal([TimeSpan.FromMinutes(1)], fired);
        Assert.Equal(TimeSpan.FromHours(1), scheduler.Now - DateTimeOffset.UnixEpoch);
    }
}
