using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CtiGateway.Client.Tests.Support;

/// <summary>Keeps every log line the client writes (event id and formatted text), for the tests to read.</summary>
public sealed class ListLogger : ILogger
{
    private readonly ConcurrentQueue<(int EventId, string Message)> _lines = new();

    /// <summary>The lines so far, oldest first.</summary>
    public IReadOnlyList<(int EventId, string Message)> Lines => [.. _lines];

    /// <inheritdoc />
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    /// <inheritdoc />
    public bool IsEnabled(LogLevel logLevel) => true;

    /// <inheritdoc />
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        _lines.Enqueue((eventId.Id, formatter(state, exception)));
    }
}
