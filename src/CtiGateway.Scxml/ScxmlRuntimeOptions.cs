using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CtiGateway.Scxml;

/// <summary>Settings shared by every session of a <see cref="ScxmlRuntime"/>: sandbox limits, extensions, I/O.</summary>
public sealed class ScxmlRuntimeOptions
{
    /// <summary>Longest time one expression or script may run before it is stopped (error.execution).</summary>
    public TimeSpan ScriptTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Most statements one expression or script may run before it is stopped (error.execution).</summary>
    public int MaxStatements { get; init; } = 10_000_000;

    /// <summary>
    /// Most bytes one expression or script may allocate before it is stopped (error.execution "memory limit
    /// exceeded"): a strategy that builds strings or arrays in a loop cannot take the gateway's memory within its
    /// <see cref="ScriptTimeout"/>. 0 turns the limit off.
    /// </summary>
    public long MaxScriptMemoryBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Deepest script call recursion allowed.</summary>
    public int MaxRecursionDepth { get; init; } = 256;

    /// <summary>Most microsteps one macrostep may take; a session going past it (an endless eventless loop) is stopped.</summary>
    public int MaxMicrostepsPerMacrostep { get; init; } = 10_000_000;

    /// <summary>How invoked documents and <c>src</c> references are read (allowed folders, size limit, dialect).</summary>
    public ScxmlLoadOptions LoadOptions { get; init; } = new();

    /// <summary>Handlers for custom executable content, by XML namespace.</summary>
    public IReadOnlyList<IScxmlActionHandler> ActionHandlers { get; init; } = [];

    /// <summary>Objects added to every session's data model as read-only globals.</summary>
    public IReadOnlyList<ScxmlHostObject> HostObjects { get; init; } = [];

    /// <summary>Start the BasicHTTP Event I/O Processor on 127.0.0.1 (a free port) and offer it in <c>_ioprocessors</c>.</summary>
    public bool EnableBasicHttp { get; init; }

    /// <summary>Receives <c>&lt;log&gt;</c> output: session id, label, value.</summary>
    public Action<string, string?, string>? LogSink { get; init; }

    /// <summary>
    /// Receives every <c>&lt;log&gt;</c> line with its ORS <c>level</c> (1 to 4, or null). Called in addition to
    /// <see cref="LogSink"/>; either may be left unset.
    /// </summary>
    public Action<ScxmlLogEntry>? LogEntrySink { get; init; }

    /// <summary>
    /// Park idle data models: when a session has finished a macrostep and waits for an external event or a timer, and
    /// its document and values allow an exact restore (see docs/scxml.md, "Parked data models"), store the values of its
    /// variables compactly and release its script engine until the next event needs one. On by default.
    /// </summary>
    public bool ParkIdleDataModels { get; init; } = true;

    /// <summary>
    /// How long a session must have been idle before its data model is parked. Zero (the default) parks as soon as the
    /// session waits; a session that gets an event every few milliseconds may do better keeping its engine (re-creating
    /// one costs about 20-25 microseconds, see docs/performance.md).
    /// </summary>
    public TimeSpan ParkIdleDataModelsAfter { get; init; } = TimeSpan.Zero;

    /// <summary>Where the runtime's own log lines go.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;
}
