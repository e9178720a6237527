using Microsoft.Extensions.Logging;

namespace CtiGateway.Cli.Sandbox;

/// <summary>
/// The sandbox's loggers: what a strategy author needs from the engine's log goes to the printed lines, the rest is
/// dropped. An SCXML error event raised in a session (event 6002: <c>error.execution</c> with its line, column and
/// reason) becomes an <c>error:</c> line, a session stopped by the engine (6003) too, and the orchestration's
/// warnings (a request the T-Server refused, a session that could not start) become <c>warning:</c> lines.
/// </summary>
internal sealed class SandboxLoggerFactory(SandboxOutput output) : ILoggerFactory
{
    private const string ScxmlCategory = "CtiGateway.Scxml";
    private const string OrchestrationCategory = "CtiGateway.Orchestration";

    public ILogger CreateLogger(string categoryName) => categoryName switch
    {
        ScxmlCategory => new Forwarder(output, LogLevel.Debug, static id => id is 6002 or 6003, "error"),
        OrchestrationCategory => new Forwarder(output, LogLevel.Warning, static _ => true, "warning"),
        _ => Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance,
    };

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Forwarder(SandboxOutput output, LogLevel minimum, Func<int, bool> events, string kind) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel) && events(eventId.Id))
            {
                output.Line(kind, formatter(state, exception));
            }
        }
    }
}
