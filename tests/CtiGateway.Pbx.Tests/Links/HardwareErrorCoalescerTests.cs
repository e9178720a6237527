using CtiGateway.Pbx.Links;

namespace CtiGateway.Pbx.Tests.Links;

/// <summary>Coalescing of a link's hardware errors on a virtual clock: N per second per cause, then one counted summary.</summary>
public sealed class HardwareErrorCoalescerTests
{
    private static readonly DateTimeOffset Seen = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void PassesTheLimitPerSecondThenOneSummaryWhenTheWindowEndsAndEveryErrorIsCounted()
    {
        var time = new VirtualTimeProvider();
        var passed = new List<HardwareErrorRecord>();
        using var coalescer = new HardwareErrorCoalescer(3, time, passed.Add);
        for (var i = 0; i < 1000; i++)
        {
            coalescer.Offer(Error("bad-xml", i));
        }

        Assert.Equal(3, passed.Count);
        Assert.All(passed, p => Assert.Equal(0, p.Suppressed));
        Assert.Equal(997, coalescer.Pending);

        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(3, passed.Count);
        time.Advance(TimeSpan.FromMilliseconds(1));
        var summary = Assert.Single(passed.Skip(3));
        Assert.Equal(997, summary.Suppressed);
        Assert.Equal(("tel_sw/1", "bad-xml", "frame 999"), (summary.LinkName, summary.Cause, summary.Element));
        Assert.StartsWith("997 more 'bad-xml' hardware errors on link tel_sw/1 within one second were not sent one by one (at most 3 per second per cause); the last: error 999", summary.Detail, StringComparison.Ordinal);
        Assert.Equal(Seen.AddSeconds(1), summary.Time);
        Assert.Equal(1000, passed.Count(p => p.Suppressed == 0) + passed.Sum(p => p.Suppressed));
        Assert.Equal(0, coalescer.Pending);
        Assert.Equal(0, time.ArmedTimers);
    }

    [Fact]
    public void EachCauseHasItsOwnWindowAndCount()
    {
        var time = new VirtualTimeProvider();
        var passed = new List<HardwareErrorRecord>();
        using var coalescer = new HardwareErrorCoalescer(2, time, passed.Add);
        for (var i = 0; i < 5; i++)
        {
            coalescer.Offer(Error("bad-xml", i));
            coalescer.Offer(Error("bad-header", i));
        }

        Assert.Equal(["bad-xml", "bad-header", "bad-xml", "bad-header"], passed.Select(p => p.Cause));

        // Half a second later the storm goes on: still held back.
        time.Advance(TimeSpan.FromMilliseconds(500));
        coalescer.Offer(Error("bad-xml", 5));
        Assert.Equal(4, passed.Count);

        // The timer sums up both windows when they end, each with its own count.
        time.Advance(TimeSpan.FromMilliseconds(500));
        var summaries = passed.Skip(4).ToDictionary(p => p.Cause, p => p.Suppressed);
        Assert.Equal(new Dictionary<string, long> { ["bad-xml"] = 4, ["bad-header"] = 3 }, summaries);

        // A later second: the first errors pass one by one again.
        time.Advance(TimeSpan.FromSeconds(3));
        coalescer.Offer(Error("bad-xml", 6));
        Assert.Equal(("frame 6", 0L), (passed[^1].Element, passed[^1].Suppressed));
        Assert.Equal(12, passed.Sum(p => p.Suppressed == 0 ? 1 : p.Suppressed));
    }

    [Fact]
    public void ANewWindowOfTheSameCauseStartsAfterTheSummary()
    {
        var time = new VirtualTimeProvider();
        var passed = new List<HardwareErrorRecord>();
        using var coalescer = new HardwareErrorCoalescer(1, time, passed.Add);
        coalescer.Offer(Error("bad-xml", 0));
        coalescer.Offer(Error("bad-xml", 1));
        coalescer.Offer(Error("bad-xml", 2));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([0L, 2L], passed.Select(p => p.Suppressed));
        coalescer.Offer(Error("bad-xml", 3));
        coalescer.Offer(Error("bad-xml", 4));
        coalescer.Offer(Error("bad-xml", 5));
        Assert.Equal([0L, 2L, 0L], passed.Select(p => p.Suppressed));
        Assert.Equal("frame 3", passed[^1].Element);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([0L, 2L, 0L, 2L], passed.Select(p => p.Suppressed));
        Assert.Equal(6, passed.Sum(p => p.Suppressed == 0 ? 1 : p.Suppressed));
    }

    [Fact]
    public void WhenTheTimerIsLateTheNextErrorSumsUpTheEndedWindowBeforePassing()
    {
        var clock = new ClockWithoutTimers();
        var passed = new List<HardwareErrorRecord>();
        using var coalescer = new HardwareErrorCoalescer(1, clock, passed.Add);
        coalescer.Offer(Error("bad-xml", 0));
        coalescer.Offer(Error("bad-xml", 1));
        coalescer.Offer(Error("bad-xml", 2));
        clock.Now += TimeSpan.FromSeconds(1);
        coalescer.Offer(Error("bad-xml", 3));
        Assert.Equal([("frame 0", 0L), ("frame 2", 2L), ("frame 3", 0L)], passed.Select(p => (p.Element, p.Suppressed)));
    }

    [Fact]
    public void DisposingSumsUpAtOnceAndLaterErrorsPassOneByOne()
    {
        var time = new VirtualTimeProvider();
        var passed = new List<HardwareErrorRecord>();
        var coalescer = new HardwareErrorCoalescer(1, time, passed.Add);
        coalescer.Offer(Error("bad-xml", 0));
        coalescer.Offer(Error("bad-xml", 1));
        coalescer.Offer(Error("bad-xml", 2));
        Assert.Equal(1, time.ArmedTimers);
        coalescer.Dispose();
        Assert.Equal([0L, 2L], passed.Select(p => p.Suppressed));
        Assert.Equal(0, time.ArmedTimers);

        coalescer.Offer(Error("bad-xml", 3));
        coalescer.Offer(Error("bad-xml", 4));
        Assert.Equal([0L, 2L, 0L, 0L], passed.Select(p => p.Suppressed));
    }

    [Fact]
    public void ManyDistinctCausesShareOneWindowBeyondTheBound()
    {
        var time = new VirtualTimeProvider();
        var passed = new List<HardwareErrorRecord>();
        using var coalescer = new HardwareErrorCoalescer(1, time, passed.Add);
        for (var i = 0; i < HardwareErrorCoalescer.MaxCauses + 50; i++)
        {
            coalescer.Offer(Error("cause-" + i, i));
        }

        Assert.Equal(HardwareErrorCoalescer.MaxCauses + 1, passed.Count);
        Assert.Equal(49, coalescer.Pending);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(49, passed[^1].Suppressed);
    }

    [Fact]
    public async Task ConcurrentOffersLoseNothing()
    {
        var passed = new System.Collections.Concurrent.ConcurrentQueue<HardwareErrorRecord>();
        var time = new VirtualTimeProvider();
        var coalescer = new HardwareErrorCoalescer(5, time, passed.Enqueue);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                coalescer.Offer(Error(t % 2 == 0 ? "bad-xml" : "bad-header", i));
            }
        }, TestContext.Current.CancellationToken)));
        coalescer.Dispose();
        Assert.Equal(40_000, passed.Sum(p => p.Suppressed == 0 ? 1 : p.Suppressed));
        Assert.Equal(10, passed.Count(p => p.Suppressed == 0));
    }

    private static HardwareErrorRecord Error(string cause, int i) => new("tel_sw/1", cause, $"error {i}", -1, "", $"frame {i}", Seen);

    /// <summary>A clock that moves only when set and whose timers never fire: a summary timer that is late.</summary>
    private sealed class ClockWithoutTimers : TimeProvider
    {
        public TimeSpan Now { get; set; }

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Now.Ticks;

        public override DateTimeOffset GetUtcNow() => Seen + Now;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new NeverFires();

        private sealed class NeverFires : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
