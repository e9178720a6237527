using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CtiGateway.Daemon;

/// <summary>
/// One category's logger behind the <see cref="LogRateLimiter"/>: a line that the sink would write takes a place in
/// its event id's window or is counted as suppressed. Cost per line: the sink's level check, a dictionary look-up by
/// event id and a short lock; nothing is formatted for a suppressed line.
/// </summary>
internal sealed class RateLimitedLogger(ILogger inner, string category, LogRateLimiter limiter) : ILogger
{
    private readonly ConcurrentDictionary<int, LogLineWindow> _windows = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!inner.IsEnabled(logLevel))
        {
            return;
        }

        var limit = limiter.LinesPerSecond;
        if (limit <= 0)
        {
            inner.Log(logLevel, eventId, state, exception, formatter);
            return;
        }

        var time = limiter.Time;
        var now = time.GetTimestamp();
        if (!_windows.TryGetValue(eventId.Id, out var window))
        {
            window = _windows.GetOrAdd(eventId.Id, new LogLineWindow(inner, category, eventId.Id, now));
        }

        var write = window.Take(time, now, limit, logLevel, out var ended, out var firstHeld);
        limiter.WriteSummary(window, ended);
        if (write)
        {
            inner.Log(logLevel, eventId, state, exception, formatter);
        }
        else if (firstHeld)
        {
            limiter.Schedule(window);
        }
    }
}
