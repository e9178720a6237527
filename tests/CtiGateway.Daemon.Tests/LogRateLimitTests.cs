using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CtiGateway.Daemon.Tests;

/// <summary>The log rate limit on a virtual clock: N lines per second per category and event id, then one counted summary.</summary>
public sealed class LogRateLimitTests
{
    private const string Server = "CtiGateway.Server";

    [Fact]
    public void AFloodOfOneEventIdWritesTheLimitThenOneSummaryWhenTheSecondEnds()
    {
        var (factory, sink, time, _) = Create(limit: 20);
        using var _ = factory;
        var logger = factory.CreateLogger(Server);
        for (var i = 0; i < 1000; i++)
        {
            logger.Log(LogLevel.Information, new EventId(1009, "AddpHelloReceived"), "hello {N}", i);
        }

        Assert.Equal(20, sink.Lines.Count);
        Assert.Equal("hello 19", sink.Lines.Last().Message);

        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(20, sink.Lines.Count);
        time.Advance(TimeSpan.FromMilliseconds(1));
        var summary = sink.Lines.Last();
        Assert.Equal((Server, LogLevel.Information, 95), (summary.Category, summary.Level, summary.EventId));
        Assert.Equal("Suppressed 980 lines of event id 1009 (CtiGateway.Server) within 1 s: at most 20 per second are written (Logging:RateLimitPerSecond)", summary.Message);
        Assert.Equal(21, sink.Lines.Count);
        Assert.Equal(0, time.ArmedTimers);

        // The next second starts afresh.
        logger.Log(LogLevel.Information, new EventId(1009), "hello again");
        Assert.Equal("hello again", sink.Lines.Last().Message);
    }

    [Fact]
    public void EventIdsAndCategoriesHaveTheirOwnWindowsAndTheSummaryHasTheHighestLevel()
    {
        var (factory, sink, time, _) = Create(limit: 2);
        using var _ = factory;
        var server = factory.CreateLogger(Server);
        var switching = factory.CreateLogger("CtiGateway.Switching");
        for (var i = 0; i < 5; i++)
        {
            server.Log(LogLevel.Information, new EventId(1002), "connected {N}", i);
            server.Log(i == 3 ? LogLevel.Warning : LogLevel.Information, new EventId(1003), "disconnected {N}", i);
            switching.Log(LogLevel.Warning, new EventId(4003), "hardware error {N}", i);
        }

        Assert.Equal(6, sink.Lines.Count);
        time.Advance(TimeSpan.FromSeconds(1));
        var summaries = sink.Lines.Where(l => l.EventId == 95).ToDictionary(l => (l.Category, l.Message.Split(' ')[6]), l => (l.Level, l.Message.Split(' ')[1]));
        Assert.Equal(
            new Dictionary<(string, string), (LogLevel, string)>
            {
                [(Server, "1002")] = (LogLevel.Information, "3"),
                [(Server, "1003")] = (LogLevel.Warning, "3"),
                [("CtiGateway.Switching", "4003")] = (LogLevel.Warning, "3"),
            },
            summaries);
    }

    [Fact]
    public void ALineAfterTheSecondEndedWritesTheSummaryFirstWhenTheTimerIsLate()
    {
        var clock = new SteppedClock();
        var sink = new CapturingProvider();
        var limiter = new LogRateLimiter(clock) { LinesPerSecond = 1 };
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new RateLimitedLoggerProvider(sink, limiter, new HashSet<string>())));
        var logger = factory.CreateLogger(Server);
        logger.Log(LogLevel.Information, new EventId(1002), "a");
        logger.Log(LogLevel.Information, new EventId(1002), "b");
        logger.Log(LogLevel.Information, new EventId(1002), "c");
        clock.Now += TimeSpan.FromSeconds(1);
        logger.Log(LogLevel.Information, new EventId(1002), "d");
        Assert.Equal(["a", "Suppressed 2 lines of event id 1002 (CtiGateway.Server) within 1 s: at most 1 per second are written (Logging:RateLimitPerSecond)", "d"], sink.Lines.Select(l => l.Message));
    }

    [Fact]
    public void TracesAreExemptAndALimitOfZeroWritesEverythingAtOnce()
    {
        var (factory, sink, _, limiter) = Create(limit: 3, exempt: "CtiGateway.ProtocolTrace");
        using var _ = factory;
        var trace = factory.CreateLogger("CtiGateway.ProtocolTrace");
        var server = factory.CreateLogger(Server);
        for (var i = 0; i < 100; i++)
        {
            trace.Log(LogLevel.Trace, new EventId(90), "trace {N}", i);
        }

        Assert.Equal(100, sink.Lines.Count);

        limiter.LinesPerSecond = 0;
        for (var i = 0; i < 100; i++)
        {
            server.Log(LogLevel.Information, new EventId(1002), "connected {N}", i);
        }

        Assert.Equal(200, sink.Lines.Count);
    }

    [Fact]
    public void LinesTheSinkWouldDropDoNotUseThePlaces()
    {
        var (factory, sink, _, _) = Create(limit: 2, sinkMinimum: LogLevel.Information);
        using var _ = factory;
        var logger = factory.CreateLogger(Server);
        for (var i = 0; i < 50; i++)
        {
            logger.Log(LogLevel.Debug, new EventId(1010), "poll {N}", i);
        }

        logger.Log(LogLevel.Information, new EventId(1010), "one");
        logger.Log(LogLevel.Information, new EventId(1010), "two");
        Assert.Equal(["one", "two"], sink.Lines.Select(l => l.Message));
    }

    [Fact]
    public async Task ConcurrentLinesAreAllWrittenOrCounted()
    {
        var (factory, sink, time, _) = Create(limit: 7);
        using var _ = factory;
        var logger = factory.CreateLogger(Server);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Run(
            () =>
            {
                for (var i = 0; i < 10_000; i++)
                {
                    logger.Log(LogLevel.Warning, new EventId(1007 + (t % 2)), "line {N}", i);
                }
            },
            TestContext.Current.CancellationToken)));
        time.Advance(TimeSpan.FromSeconds(1));
        var written = sink.Lines.Count(l => l.EventId != 95);
        var suppressed = sink.Lines.Where(l => l.EventId == 95).Sum(l => long.Parse(l.Message.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(14, written);
        Assert.Equal(40_000, written + suppressed);
    }

    private static (ILoggerFactory Factory, CapturingProvider Sink, VirtualTimeProvider Time, LogRateLimiter Limiter) Create(int limit, string? exempt = null, LogLevel sinkMinimum = LogLevel.Trace)
    {
        var time = new VirtualTimeProvider();
        var sink = new CapturingProvider { Minimum = sinkMinimum };
        var limiter = new LogRateLimiter(time) { LinesPerSecond = limit };
        var exemptSet = new HashSet<string>(StringComparer.Ordinal);
        if (exempt is not null)
        {
            exemptSet.Add(exempt);
        }

        var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new RateLimitedLoggerProvider(sink, limiter, exemptSet)));
        return (factory, sink, time, limiter);
    }

    /// <summary>One line as the sink received it.</summary>
    private sealed record Line(string Category, LogLevel Level, int EventId, string Message);

    /// <summary>The sink behind the limit: records every line it is given (levels below <see cref="Minimum"/> are off).</summary>
    private sealed class CapturingProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<Line> _lines = new();

        public LogLevel Minimum { get; init; } = LogLevel.Trace;

        public IReadOnlyList<Line> Lines => [.. _lines];

        public ILogger CreateLogger(string categoryName) => new Capturing(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Capturing(CapturingProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= owner.Minimum;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner._lines.Enqueue(new Line(category, logLevel, eventId.Id, formatter(state, exception)));
        }
    }

    /// <summary>A clock that moves only when set and whose timers never fire: a summary timer that is late.</summary>
    private sealed class SteppedClock : TimeProvider
    {
        public TimeSpan Now { get; set; }

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Now.Ticks;

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
