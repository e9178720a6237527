using CtiGateway.Client;
using CtiGateway.Orchestration;
using CtiGateway.Scxml;
using CtiGateway.Server;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CtiGateway.Daemon;

/// <summary>
/// Runs orchestration (<see cref="OrchestrationService"/>): the routing strategies of the routing points, one SCXML
/// session per call. It starts after the T-Library server and the switch links, and attaches to the server as an
/// in-process T-Library client (<see cref="TlibServer.ConnectInProcess"/>), as ORS attaches to a T-Server; sessions run
/// on a <see cref="ThreadPoolScxmlScheduler"/>. It runs when <c>Orchestration:Enabled</c> and at least one routing
/// point has a strategy (in <c>--demo</c> with no switches configured, the demo strategy, <see cref="DemoStrategy"/>,
/// is the default strategy, so 3001 on tel_sw runs it, unless <c>Orchestration:DefaultStrategy</c> names another). SIGHUP (<see cref="ApplyAsync"/>)
/// loads the strategies again: running sessions keep their document, a strategy that does not load is logged with its
/// problems and the running ones stay. Stopped first on shutdown (registered last), before the server.
/// </summary>
internal sealed class OrchestrationHostedService : IHostedService, IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);

    private readonly TlibServer _server;
    private readonly GatewaySettings _settings;
    private readonly DaemonCommandLine _commandLine;
    private readonly SwitchLinksHostedService _links;
    private readonly ILoggerFactory _loggerFactory;
    private readonly TimeProvider _time;
    private readonly ILogger<OrchestrationHostedService> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private OrchestrationService? _service;
    private ThreadPoolScxmlScheduler? _scheduler;
    private string _notRunning = "not started yet";
    private string? _demoStrategy;
    private bool _demoStrategyLooked;
    private bool _stopped;

    public OrchestrationHostedService(TlibServer server, GatewaySettings settings, DaemonCommandLine commandLine, SwitchLinksHostedService links, ILoggerFactory loggerFactory, TimeProvider time, ILogger<OrchestrationHostedService> logger)
    {
        _commandLine = commandLine;
        _server = server;
        _settings = settings;
        _links = links;
        _loggerFactory = loggerFactory;
        _time = time;
        _logger = logger;
    }

    /// <summary>The running orchestration, or null (see <see cref="NotRunningReason"/>).</summary>
    public OrchestrationService? Service => Volatile.Read(ref _service);

    /// <summary>Why orchestration does not run (for <c>ctigw status</c> and <c>ctigw sessions</c>); null while it runs.</summary>
    public string? NotRunningReason => Service is null ? Volatile.Read(ref _notRunning) : null;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_server.LocalEndPoint is null)
        {
            // The T-Library server did not start; the host is stopping.
            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await StartLockedAsync(_settings, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// SIGHUP: the strategies and limits of <paramref name="next"/> (already validated). Starts orchestration when it
    /// did not run and the new configuration gives routing points strategies; otherwise reloads the running one.
    /// <c>Orchestration:Enabled</c> itself needs a restart. Never throws for a strategy problem: it is logged and the
    /// running strategies stay.
    /// </summary>
    public async Task ApplyAsync(GatewaySettings next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_stopped || _server.LocalEndPoint is null)
            {
                return;
            }

            var service = Volatile.Read(ref _service);
            if (service is null)
            {
                if (_settings.Orchestration.Enabled && await StartLockedAsync(next, cancellationToken).ConfigureAwait(false))
                {
                    OrchestrationHostLog.StartedByReload(_logger);
                }

                return;
            }

            var options = Options(next);
            try
            {
                await service.ReloadAsync(options, cancellationToken).ConfigureAwait(false);
            }
            catch (OrchestrationConfigException ex)
            {
                foreach (var problem in ex.Problems)
                {
                    OrchestrationHostLog.ReloadRejected(_logger, problem);
                }
            }
            catch (Exception ex) when (ex is TServerErrorException or TServerConnectionException or TimeoutException)
            {
                OrchestrationHostLog.ReloadRejected(_logger, $"a routing point cannot be registered: {ex.Message}");
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _stopped = true;
            Volatile.Write(ref _notRunning, "the daemon is stopping");
            await StopServiceAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopServiceAsync().ConfigureAwait(false);
        _gate.Dispose();
    }

    private async Task StopServiceAsync()
    {
        var service = Interlocked.Exchange(ref _service, null);
        if (service is not null)
        {
            var counters = service.Counters();
            await service.DisposeAsync().ConfigureAwait(false);
            OrchestrationHostLog.Stopped(_logger, counters.Live, counters.Started, counters.Ended, counters.Failed);
        }

        Interlocked.Exchange(ref _scheduler, null)?.Dispose();
    }

    /// <summary>Starts orchestration for <paramref name="settings"/> when it should run; false (with the reason logged) when it does not.</summary>
    private async Task<bool> StartLockedAsync(GatewaySettings settings, CancellationToken cancellationToken)
    {
        if (!settings.Orchestration.Enabled)
        {
            Volatile.Write(ref _notRunning, "Orchestration:Enabled is false");
            OrchestrationHostLog.Disabled(_logger);
            return false;
        }

        var options = Options(settings);
        if (!OrchestrationPlan.HasStrategies(options))
        {
            Volatile.Write(ref _notRunning, "no routing point has a strategy");
            OrchestrationHostLog.NoStrategies(_logger);
            return false;
        }

        if (OrchestrationTargets.Of(_links.Service) is not { } targets)
        {
            Volatile.Write(ref _notRunning, "the switch layer offers no agent and DN directory");
            OrchestrationHostLog.NoTargets(_logger);
            return false;
        }

        var scheduler = new ThreadPoolScxmlScheduler(_time);
        OrchestrationService service;
        try
        {
            service = new OrchestrationService(options, ClientOptions(options), scheduler, targets, _loggerFactory, _time);
        }
        catch (OrchestrationConfigException ex)
        {
            scheduler.Dispose();
            foreach (var problem in ex.Problems)
            {
                OrchestrationHostLog.StrategyProblem(_logger, problem);
            }

            Volatile.Write(ref _notRunning, "its strategies do not load (see the log)");
            OrchestrationHostLog.StartFailed(_logger, "its strategies do not load");
            return false;
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(StartTimeout);
        try
        {
            await service.StartAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The daemon is stopping while it starts (SIGTERM during start-up): no error, the host stops cleanly.
            await service.DisposeAsync().ConfigureAwait(false);
            scheduler.Dispose();
            Volatile.Write(ref _notRunning, "the daemon is stopping");
            return false;
        }
        catch (Exception ex) when (ex is TServerErrorException or TServerConnectionException or TimeoutException or InvalidOperationException or IOException
            or OperationCanceledException)
        {
            var reason = ex is OperationCanceledException
                ? $"the T-Library server did not answer within {StartTimeout.TotalSeconds:0} s"
                : ex.Message;
            await service.DisposeAsync().ConfigureAwait(false);
            scheduler.Dispose();
            Volatile.Write(ref _notRunning, "it could not start: " + reason);
            OrchestrationHostLog.StartFailed(_logger, reason);
            return false;
        }

        _scheduler = scheduler;
        Volatile.Write(ref _service, service);
        OrchestrationHostLog.Attached(_logger, OrchestrationPlan.ApplicationName, service.RoutePoints.Count);
        return true;
    }

    /// <summary>The options for <paramref name="settings"/>, with the demo strategy as the fallback default of the demo's switches.</summary>
    private OrchestrationOptions Options(GatewaySettings settings)
    {
        string? fallback = null;
        if (_commandLine.Demo && settings.Switches.Count == 0 && settings.Orchestration.DefaultStrategy.Length == 0)
        {
            if (!_demoStrategyLooked)
            {
                _demoStrategyLooked = true;
                _demoStrategy = DemoStrategy.Find();
                if (_demoStrategy is null)
                {
                    OrchestrationHostLog.DemoStrategyMissing(_logger, $"{DemoStrategy.SourcePath} is not found next to {AppContext.BaseDirectory} or in a parent folder, nor {DemoStrategy.InstalledPath} under share/ctigateway");
                }
            }

            fallback = _demoStrategy;
        }

        return OrchestrationPlan.Build(settings.Orchestration, _links.RunningSwitches, settings.ProfileBaseDirectory, fallback);
    }

    private TServerClientOptions ClientOptions(OrchestrationOptions options) => new()
    {
        SocketFactory = _ => ValueTask.FromResult(_server.ConnectInProcess(OrchestrationPlan.ApplicationName)),
        ApplicationName = OrchestrationPlan.ApplicationName,
        RequestTimeout = options.RequestTimeout,
    };
}
