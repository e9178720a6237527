using System.Collections.Concurrent;
using CtiGateway.Scxml.Model;
using CtiGateway.Scxml.Runtime;

namespace CtiGateway.Scxml;

/// <summary>
/// Hosts SCXML sessions: starts them from prepared documents, routes events between them (SCXML Event I/O processor,
/// BasicHTTP on loopback), and runs them on a <see cref="ScxmlScheduler"/>.
/// </summary>
public sealed class ScxmlRuntime : IDisposable
{
    private long _dataModelsParked;

    private readonly ConcurrentDictionary<string, ScxmlSession> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ScxmlDocument> _documentCache = new(StringComparer.Ordinal);
    private readonly string _idPrefix = Convert.ToHexString(BitConverter.GetBytes(Random.Shared.NextInt64()))[..8].ToLowerInvariant();
    private readonly Lock _httpLock = new();
    private long _sessionCounter;
    private BasicHttpProcessor? _http;
    private bool _disposed;

    /// <summary>Creates a runtime on <paramref name="scheduler"/>.</summary>
    public ScxmlRuntime(ScxmlScheduler scheduler, ScxmlRuntimeOptions? options = null)
    {
        Scheduler = scheduler;
        Options = options ?? new ScxmlRuntimeOptions();
    }

    /// <summary>The scheduler sessions run on.</summary>
    public ScxmlScheduler Scheduler { get; }

    /// <summary>The runtime's settings.</summary>
    public ScxmlRuntimeOptions Options { get; }

    /// <summary>Sessions currently running (top-level and invoked).</summary>
    public int SessionCount => _sessions.Count;

    /// <summary>How many times a session of this runtime parked its data model (tests and benchmarks read it).</summary>
    internal long DataModelsParked => Interlocked.Read(ref _dataModelsParked);

    internal void NoteParked() => Interlocked.Increment(ref _dataModelsParked);

    internal BasicHttpProcessor? Http
    {
        get
        {
            if (!Options.EnableBasicHttp || _disposed)
            {
                return null;
            }

            lock (_httpLock)
            {
                return _http ??= BasicHttpProcessor.Start(this);
            }
        }
    }

    /// <summary>Starts a top-level session of <paramref name="document"/>.</summary>
    public ScxmlSessionHandle Start(ScxmlDocument document) => Start(document, null);

    /// <summary>Starts a top-level session of <paramref name="document"/> with its own host objects and id.</summary>
    /// <exception cref="ArgumentException">The requested session id is already in use.</exception>
    public ScxmlSessionHandle Start(ScxmlDocument document, ScxmlSessionOptions? options)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var session = CreateSession(document, null, null, null, options);
        session.Start();
        return new ScxmlSessionHandle(session);
    }

    /// <summary>Stops the BasicHTTP listener; running sessions are cancelled.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var session in _sessions.Values)
        {
            session.Cancel();
        }

        lock (_httpLock)
        {
            _http?.Dispose();
            _http = null;
        }
    }

    internal ScxmlSession CreateSession(ScxmlDocument document, ScxmlSession? parent, string? invokeId, IReadOnlyDictionary<string, DataValue>? values,
        ScxmlSessionOptions? options = null)
    {
        var id = options?.SessionId ?? _idPrefix + "-" + Interlocked.Increment(ref _sessionCounter).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var session = new ScxmlSession(this, document, id, parent, invokeId, values, options?.HostObjects);
        if (!_sessions.TryAdd(id, session))
        {
            throw new ArgumentException($"A session with id '{id}' is already running.", nameof(options));
        }

        return session;
    }

    internal ScxmlSession? Find(string sessionId) => _sessions.TryGetValue(sessionId, out var session) && !session.IsFinished ? session : null;

    internal void Unregister(ScxmlSession session) => _sessions.TryRemove(session.Id, out _);

    internal IReadOnlyDictionary<string, string> IoProcessorsFor(string sessionId)
    {
        var scxml = "#_scxml_" + sessionId;
        var processors = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ScxmlEvent.ScxmlProcessorType] = scxml,
            ["scxml"] = scxml,
        };
        if (Http is { } http)
        {
            var location = http.LocationFor(sessionId);
            processors[ScxmlEvent.BasicHttpProcessorType] = location;
            processors["basichttp"] = location;
        }

        return processors;
    }

    /// <summary>Loads an invoked document from a <c>src</c> reference relative to the invoking document (cached).</summary>
    internal ScxmlDocument LoadReferencedDocument(string src, ScxmlDocument from, SourcePosition position)
    {
        if (!PathPolicy.TryResolve(src, from.BaseDirectory, from.LoadOptions.AllowedRoots, out var path, out var problem))
        {
            throw new ScxmlExecutionException("invoke: " + problem, position);
        }

        var key = from.LoadOptions.Dialect + "|" + path;
        if (_documentCache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var diagnostics = new List<ScxmlDiagnostic>();
        var document = ScxmlLoader.TryLoadFile(path, from.LoadOptions, diagnostics)
            ?? throw new ScxmlExecutionException("invoke: " + string.Join("; ", diagnostics.Where(d => !d.IsWarning).Select(d => d.ToString())), position);
        _documentCache.TryAdd(key, document);
        return document;
    }

    /// <summary>Loads an invoked document given as text (from <c>&lt;content expr&gt;</c>), cached by its text.</summary>
    internal ScxmlDocument LoadInlineDocument(string xml, ScxmlDocument from, SourcePosition position)
    {
        var key = "inline|" + from.BaseDirectory + "|" + xml;
        if (_documentCache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var diagnostics = new List<ScxmlDiagnostic>();
        var document = ScxmlLoader.TryLoadText(xml, from.File + " (invoke content)", from.BaseDirectory, from.LoadOptions, diagnostics)
            ?? throw new ScxmlExecutionException("invoke content: " + string.Join("; ", diagnostics.Where(d => !d.IsWarning).Select(d => d.Message)), position);
        if (_documentCache.Count < 1024)
        {
            _documentCache.TryAdd(key, document);
        }

        return document;
    }
}
