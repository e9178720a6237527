using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CtiGateway.Server.Tests;

/// <summary>One captured log line.</summary>
internal sealed record LogEntry(LogLevel Level, int EventId, string EventName, string Message);

/// <summary>An ILoggerFactory that keeps every line (Debug and up) for assertions.</summary>
internal sealed class LogCapture : ILoggerFactory
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyCollection<LogEntry> Entries => _entries;

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    public IEnumerable<LogEntry> WithId(int eventId) => _entries.Where(e => e.EventId == eventId);

    /// <summary>Waits (polling, bounded by <paramref name="timeout"/>) for a line with the id that matches.</summary>
    public async Task<LogEntry> WaitForAsync(int eventId, Func<LogEntry, bool>? match = null, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TestClient.DefaultTimeout;
        var until = DateTime.UtcNow + limit;
        while (true)
        {
            var hit = _entries.FirstOrDefault(e => e.EventId == eventId && (match is null || match(e)));
            if (hit is not null)
            {
                return hit;
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"No log line with EventId {eventId} within {limit.TotalSeconds} s. Lines: "
                    + string.Join(" | ", _entries.Select(e => $"{e.EventId} {e.Message}")));
            }

            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }

    private sealed class CapturingLogger(LogCapture owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._entries.Enqueue(new LogEntry(logLevel, eventId.Id, eventId.Name ?? string.Empty, formatter(state, exception)));
    }
}
