using CtiGateway.Server;
using System.Collections.Concurrent;
using CtiGateway.Client;
using CtiGateway.Scxml;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CtiGateway.Orchestration;

/// <summary>
/// Runs routing strategies next to the switch, as Genesys ORS does next to a T-Server. It attaches to the T-Server as a
/// T-Library client (through the socket factory of its <see cref="TServerClientOptions"/>, the server's in-process
/// seam in the daemon), registers the route points that have strategies, starts one SCXML session per call arriving
/// there (EventRouteRequest) and turns the call's events into <c>interaction.*</c> events and the sessions'
/// <c>ixn:</c> and <c>queue:</c> actions into T-Library requests. It knows nothing of switch links.
/// </summary>
public sealed partial class OrchestrationService : IAsyncDisposable
{
    private const string SessionKey = "OP-Session-ID";

    private readonly TServerClient _client;
    private readonly ScxmlRuntime _runtime;
    private readonly ITargetDirectory _targets;
    private readonly QueueActions _queue;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Interaction> _interactions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, OrchestrationSession> _sessions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _registered = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly LatencyHistogram _timeToRoute = new(OrchestrationCounters.TimeToRouteBounds);
    private OrchestrationOptions _options;
    private StrategySet _strategies;
    private Task? _eventLoop;
    private long _sessionCounter;
    private long _started;
    private long _ended;
    private long _failed;
    private long _routed;

    /// <summary>Creates the service; <see cref="StartAsync"/> connects it.</summary>
    /// <exception cref="OrchestrationConfigException">A strategy does not load; the message lists every problem.</exception>
    public OrchestrationService(OrchestrationOptions options, TServerClientOptions clientOptions, ScxmlScheduler scheduler, ITargetDirectory targets,
        ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clientOptions);
        ArgumentNullException.ThrowIfNull(scheduler);
        _options = options;
        _targets = targets ?? throw new ArgumentNullException(nameof(targets));
        _time = timeProvider ?? TimeProvider.System;
        var factory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = factory.CreateLogger("CtiGateway.Orchestration");
        _strategies = StrategySet.Load(options);
        _client = new TServerClient(clientOptions, factory.CreateLogger("CtiGateway.Orchestration.Client"));
        _runtime = new ScxmlRuntime(scheduler, new ScxmlRuntimeOptions
        {
            ActionHandlers = [new InteractionActions(this), new DialogActions(), new SessionModuleActions(), _queue = new QueueActions(this)],
            LogSink = OnLog,
            Logger = factory.CreateLogger("CtiGateway.Scxml"),
            LoadOptions = StrategySet.LoadOptionsFor(options),
        });
    }

    /// <summary>Every &lt;log&gt; line of every session (the sandbox prints them).</summary>
    public event Action<SessionLogLine>? LogLine;

    /// <summary>Every event delivered to a session: session id, event name, data JSON.</summary>
    public event Action<string, string, string?>? SessionEvent;

    /// <summary>A session ended: session id, how (final state id, or "cancelled"/"failed: ...").</summary>
    public event Action<string, string>? SessionEnded;

    /// <summary>The scheduler the sessions run on.</summary>
    public ScxmlScheduler Scheduler => _runtime.Scheduler;

    /// <summary>The route points (bare DNs) that run a strategy now.</summary>
    public IReadOnlyCollection<string> RoutePoints => _strategies.RoutePoints;

    internal ITargetDirectory Targets => _targets;

    internal QueueActions Queue => _queue;

    internal OrchestrationOptions Options => Volatile.Read(ref _options);

    internal TimeProvider Time => _time;

    internal ILogger Logger => _logger;

    internal TServerClient Client => _client;

    /// <summary>Connects to the T-Server, registers the route points with strategies and starts reading events.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _client.ConnectAsync(cancellationToken).ConfigureAwait(false);
        _eventLoop = Task.Run(() => ReadEventsAsync(_stop.Token), CancellationToken.None);
        foreach (var dn in _strategies.RoutePoints)
        {
            await EnsureRegisteredAsync(dn, cancellationToken).ConfigureAwait(false);
        }

        OrchestrationLog.Started(_logger, _strategies.RoutePoints.Count, _strategies.Describe());
    }

    /// <summary>
    /// Loads new strategies (SIGHUP). Sessions already running keep their document; new calls get the new ones. Route
    /// points that got a strategy are registered. Throws, and keeps the old strategies, when one does not load.
    /// </summary>
    /// <exception cref="OrchestrationConfigException">A strategy does not load.</exception>
    public async Task ReloadAsync(OrchestrationOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var strategies = StrategySet.Load(options);
        Volatile.Write(ref _options, options);
        Volatile.Write(ref _strategies, strategies);
        foreach (var dn in strategies.RoutePoints)
        {
            await EnsureRegisteredAsync(dn, cancellationToken).ConfigureAwait(false);
        }

        OrchestrationLog.Reloaded(_logger, strategies.RoutePoints.Count, strategies.Describe());
    }

    /// <summary>Checks the strategies of <paramref name="options"/> without running anything: one line per problem.</summary>
    public static IReadOnlyList<string> Validate(OrchestrationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            StrategySet.Load(options);
            return [];
        }
        catch (OrchestrationConfigException ex)
        {
            return ex.Problems;
        }
    }

    /// <summary>The counters.</summary>
    public OrchestrationCounters Counters()
    {
        int interactions;
        lock (_gate)
        {
            interactions = _interactions.Count;
        }

        return new OrchestrationCounters(_sessions.Count, Interlocked.Read(ref _started), Interlocked.Read(ref _ended), Interlocked.Read(ref _failed),
            interactions, Interlocked.Read(ref _routed), _timeToRoute.SumSeconds, _timeToRoute.Cumulative());
    }

    /// <summary>Stops every session and the T-Server connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        foreach (var session in _sessions.Values)
        {
            session.AbandonPending();
            session.Handle?.Cancel();
        }

        await _client.DisposeAsync().ConfigureAwait(false);
        if (_eventLoop is not null)
        {
            try
            {
                await _eventLoop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        _runtime.Dispose();
        _stop.Dispose();
    }

    internal async Task EnsureRegisteredAsync(string dn, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_registered.Add(dn))
            {
                return;
            }
        }

        try
        {
            await _client.RegisterAddressAsync(dn, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TServerErrorException or TimeoutException or TServerConnectionException)
        {
            lock (_gate)
            {
                _registered.Remove(dn);
            }

            OrchestrationLog.RegisterFailed(_logger, dn, ex.Message);
            throw;
        }
    }

    internal void NoteRouted(Interaction interaction)
    {
        Interlocked.Increment(ref _routed);
        if (interaction.ArrivalTimestamp != 0)
        {
            var elapsed = _time.GetElapsedTime(interaction.ArrivalTimestamp);
            _timeToRoute.Record(elapsed);
        }
    }

    private string NewSessionId()
    {
        // ORS session ids are 32 characters; ours: 16 random hex digits and a 16-digit counter, unique for the process.
        var counter = Interlocked.Increment(ref _sessionCounter);
        return string.Create(32, counter, static (span, n) =>
        {
            Random.Shared.NextInt64().TryFormat(span[..16], out _, "X16", System.Globalization.CultureInfo.InvariantCulture);
            n.TryFormat(span[16..], out _, "X16", System.Globalization.CultureInfo.InvariantCulture);
        });
    }

    private void OnLog(string sessionId, string? label, string text)
    {
        _sessions.TryGetValue(sessionId, out var session);
        var connId = session?.FirstConnId;
        session?.NoteLog(label is null ? text : label + ": " + text);
        OrchestrationLog.StrategyLog(_logger, sessionId, connId ?? "-", label ?? string.Empty, text);
        LogLine?.Invoke(new SessionLogLine(sessionId, connId, label, text));
    }

}
