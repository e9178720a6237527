namespace CtiGateway.Server.Tests;

public sealed class LogThrottleTests
{
    [Fact]
    public void OneLinePerSecondGetsThrough_TheRestAreCountedAndReportedOnce()
    {
        var time = new VirtualTimeProvider();
        var logs = new LogCapture();
        var throttle = new LogThrottle(logs.CreateLogger("test"), time, 1200, "what");

        Assert.True(throttle.TryEnter());
        Assert.False(throttle.TryEnter());
        Assert.False(throttle.TryEnter());
        Assert.False(throttle.TryEnter());
        Assert.Equal(3, throttle.Suppressed);

        // Within the second: nothing to report yet.
        time.Advance(TimeSpan.FromMilliseconds(900));
        throttle.Flush();
        Assert.Empty(logs.Entries);

        time.Advance(TimeSpan.FromMilliseconds(100));
        throttle.Flush();
        var line = Assert.Single(logs.Entries);
        Assert.Equal(1201, line.EventId);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, line.Level);
        Assert.Equal("Suppressed 3 more lines of event 1200 (what) in the last 1.0 s", line.Message);
        Assert.Equal(0, throttle.Suppressed);

        // The report took that second; a line in it is counted, and reported by the next line that gets through.
        Assert.False(throttle.TryEnter());
        time.Advance(TimeSpan.FromSeconds(2.5));
        Assert.True(throttle.TryEnter());
        Assert.Equal("Suppressed 1 more lines of event 1200 (what) in the last 2.5 s", logs.Entries.Last().Message);

        // Nothing suppressed: Flush writes nothing, the next second lets a line through.
        time.Advance(TimeSpan.FromSeconds(1));
        throttle.Flush();
        Assert.Equal(2, logs.Entries.Count);
        Assert.True(throttle.TryEnter());
        Assert.Equal(2, logs.Entries.Count);
    }
}
