using System.Net;
using CtiGateway.Pbx.Profiles;
using CtiGateway.Server;
using CtiGateway.Simulator;
using CtiGateway.Switching;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CtiGateway.Daemon;

/// <summary>
/// Runs the switch links of the configured switches. With <c>--demo</c> (and no <c>Switches</c> configured) it
/// configures the demo's two switches over real loopback TCP: <c>tel_sw</c> (profile osv-v10, OSV-style) and
/// <c>tel_sw_1</c> (profile avaya-aes-dmcc-8, an Avaya AES with an ECMA-354 application session). Both run on one
/// embedded simulated network (one <see cref="SwitchModel"/> with the demo plan, one simulator server per switch and
/// dialect), unless <c>Demo:Simulator</c> / <c>Demo:Simulator1</c> name simulators that are already running. Starts
/// after the T-Library server, so the ready line comes first.
/// </summary>
internal sealed class SwitchLinksHostedService : IHostedService, IAsyncDisposable
{
    private readonly TlibServer _server;
    private readonly GatewaySettings _settings;
    private readonly DaemonCommandLine _commandLine;
    private readonly ILoggerFactory _loggerFactory;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger<SwitchLinksHostedService> _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<IDisposable> _probeRegistrations = [];
    private readonly LivenessRegistry? _liveness;
    private readonly List<CstaSimulatorServer> _simulators = [];
    private readonly List<SwitchSettings> _demoSwitches = [];
    private SwitchModel? _demoModel;
    private Task? _demoTraffic;
    private SwitchLinkService? _service;
    private Task? _run;

    public SwitchLinksHostedService(TlibServer server, GatewaySettings settings, DaemonCommandLine commandLine, ILoggerFactory loggerFactory, IHostApplicationLifetime lifetime, ILogger<SwitchLinksHostedService> logger, LivenessRegistry? liveness = null)
    {
        _liveness = liveness;
        _server = server;
        _settings = settings;
        _commandLine = commandLine;
        _loggerFactory = loggerFactory;
        _lifetime = lifetime;
        _logger = logger;
    }

    /// <summary>The switches that run: the configured ones, or with none configured the demo's.</summary>
    public IReadOnlyList<SwitchSettings> RunningSwitches => _settings.Switches.Count > 0 ? _settings.Switches : _demoSwitches;

    /// <summary>The running switch links, or null when there are none (or they could not start).</summary>
    public SwitchLinkService? Service => Volatile.Read(ref _service);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_server.LocalEndPoint is null)
        {
            // The T-Library server did not start; the host is stopping.
            return Task.CompletedTask;
        }

        var switches = new List<SwitchSettings>(_settings.Switches);
        try
        {
            if (_commandLine.Demo && switches.Count == 0)
            {
                _demoSwitches.Add(DemoSwitchSettings());
                _demoSwitches.Add(DemoSwitch1Settings());
                switches.AddRange(_demoSwitches);
            }

            if (switches.Count == 0)
            {
                return Task.CompletedTask;
            }

            var service = new SwitchLinkService(_server, switches, _settings.ProfileBaseDirectory, _loggerFactory);
            service.AgentGroups = AgentGroupSettings.ToLookup(AgentGroupsOf(_settings.AgentGroups));
            Volatile.Write(ref _service, service);
            SyncLoopProbes(service);
            _run = Task.Run(() => service.RunAsync(_stop.Token), CancellationToken.None);
        }
        catch (SwitchConfigException ex)
        {
            DaemonLog.SwitchLinksFailed(_logger, ex.Message);
            Environment.ExitCode = ExitCodes.Failure;
            _lifetime.StopApplication();
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        SyncLoopProbes(null);

        await _stop.CancelAsync().ConfigureAwait(false);
        if (_run is not null)
        {
            await _run.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        if (_demoTraffic is not null)
        {
            await _demoTraffic.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        CstaSimulatorServer[] simulators;
        lock (_simulators)
        {
            simulators = [.. _simulators];
            _simulators.Clear();
        }

        foreach (var simulator in simulators)
        {
            await simulator.DisposeAsync().ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    /// <summary>
    /// SIGHUP: applies a new switch list. Only switches whose profile (file content or path) or links changed restart;
    /// added ones start, removed ones stop. With --demo and no configured switches, the demo switch stays as it is.
    /// Returns null when nothing runs (the T-Library server did not start).
    /// </summary>
    /// <exception cref="SwitchConfigException">A profile cannot be used; the running switches are untouched.</exception>
    public async Task<SwitchApplyResult?> ApplyAsync(IReadOnlyList<SwitchSettings> configured, string profileBaseDirectory, CancellationToken cancellationToken)
    {
        if (_server.LocalEndPoint is null || _stop.IsCancellationRequested)
        {
            return null;
        }

        var switches = new List<SwitchSettings>(configured);
        if (switches.Count == 0)
        {
            switches.AddRange(_demoSwitches);
        }

        var service = Volatile.Read(ref _service);
        if (service is not null)
        {
            var applied = await service.ApplyAsync(switches, profileBaseDirectory, cancellationToken).ConfigureAwait(false);
            SyncLoopProbes(service);
            return applied;
        }

        if (switches.Count == 0)
        {
            return new SwitchApplyResult([], [], [], []);
        }

        // Started with no switches: the first reload that configures some starts the service.
        service = new SwitchLinkService(_server, switches, profileBaseDirectory, _loggerFactory);
        service.AgentGroups = AgentGroupSettings.ToLookup(AgentGroupsOf(_settings.AgentGroups));
        Volatile.Write(ref _service, service);
        SyncLoopProbes(service);
        _run = Task.Run(() => service.RunAsync(_stop.Token), CancellationToken.None);
        return new SwitchApplyResult([.. service.SwitchNames], [], [], []);
    }

    /// <summary>SIGHUP: the agent groups of the new config (the demo's group when it has none and the demo runs).</summary>
    public void ApplyAgentGroups(IReadOnlyList<AgentGroupSettings> groups)
    {
        _settings.AgentGroups = [.. groups];
        if (Volatile.Read(ref _service) is { } service)
        {
            service.AgentGroups = AgentGroupSettings.ToLookup(AgentGroupsOf(groups));
        }
    }

    /// <summary>
    /// Registers the liveness probe of every current link supervisor with the watchdog, replacing the previous set
    /// (a reload may have replaced or removed links). A replaced link's probe answers at once once its supervisor
    /// ended, so the swap never makes the watchdog miss a round.
    /// </summary>
    private void SyncLoopProbes(SwitchLinkService? service)
    {
        if (_liveness is not { } liveness)
        {
            return;
        }

        lock (_probeRegistrations)
        {
            foreach (var registration in _probeRegistrations)
            {
                registration.Dispose();
            }

            _probeRegistrations.Clear();
            if (service is null)
            {
                return;
            }

            foreach (var (name, probe) in service.LoopProbes())
            {
                _probeRegistrations.Add(liveness.Register(name, probe));
            }
        }
    }

    private SwitchSettings DemoSwitchSettings()
    {
        var profile = DemoPlan.FindProfile(DemoPlan.Profile);
        string host;
        int port;
        if (_settings.Demo.Simulator.Length > 0)
        {
            SwitchSettings.TryParseEndpoint(_settings.Demo.Simulator, out host, out port);
            DaemonLog.DemoExternalSimulator(_logger, _settings.Demo.Simulator);
        }
        else
        {
            var simulator = StartSimulator(profile);
            var traffic = _settings.Demo.Traffic();
            var routed = traffic.ToOptions();
            var direct = _settings.Demo.DirectCalls();
            if (routed is not null || direct is not null)
            {
                _demoTraffic = Task.Run(() => StartTrafficWhenMonitoredAsync(simulator, routed, direct, _stop.Token), CancellationToken.None);
            }

            host = "127.0.0.1";
            port = simulator.LocalEndPoint.Port;
            DaemonLog.DemoSimulatorStarted(_logger, profile, simulator.LocalEndPoint.ToString(), _settings.Demo.CallsPerSecond);
            DaemonLog.DemoTraffic(_logger, traffic.Describe());
        }

        // Route point 3001 is the gateway's: a router registered on it gets EventRouteRequest; without one (or after its
        // 10 s timeout) the gateway sends the call to ACD queue 4001. The simulator's own routing timeout is a safety net.
        return DemoPlan.SwitchSettings(profile, host, port);
    }

    // The configured groups; with the demo's switches and none configured, the demo's group.
    private IEnumerable<AgentGroupSettings> AgentGroupsOf(IReadOnlyList<AgentGroupSettings> configured) =>
        configured.Count > 0 || _demoSwitches.Count == 0 ? configured : [DemoPlan.AgentGroup()];

    private SwitchSettings DemoSwitch1Settings()
    {
        var profile = DemoPlan.FindProfile(DemoPlan.Profile1);
        string host;
        int port;
        if (_settings.Demo.Simulator1.Length > 0)
        {
            SwitchSettings.TryParseEndpoint(_settings.Demo.Simulator1, out host, out port);
            DaemonLog.DemoSwitchSimulator(_logger, DemoPlan.Switch1, "external", _settings.Demo.Simulator1, profile);
        }
        else
        {
            var simulator = StartSimulator(profile);
            host = "127.0.0.1";
            port = simulator.LocalEndPoint.Port;
            DaemonLog.DemoSwitchSimulator(_logger, DemoPlan.Switch1, "embedded", simulator.LocalEndPoint.ToString(), profile);
        }

        return DemoPlan.Switch1Settings(profile, host, port);
    }

    /// <summary>
    /// Starts the demo's scripted calls once the gateway monitors every DN on their path (the route point, the queue
    /// its unrouted calls go to, that queue's agents, and the extension of the direct calls), so clients see each call
    /// from its first event and the call model never meets a call it did not see arrive. Polls the simulator every
    /// 100 ms until then.
    /// </summary>
    private async Task StartTrafficWhenMonitoredAsync(CstaSimulatorServer simulator, InboundTrafficOptions? routed, InboundTrafficOptions? direct, CancellationToken cancellationToken)
    {
        var path = simulator.Invoke(m => (string[])
        [
            .. routed is null ? [] : (string[])[routed.TargetDn, routed.DefaultDestination, .. m.Plan.Agents.Where(a => a.Group == routed.DefaultDestination).Select(a => a.DeviceId)],
            .. direct is null ? [] : (string[])[direct.TargetDn],
        ]);
        path = [.. path.Distinct(StringComparer.Ordinal)];
        try
        {
            while (!simulator.Invoke(m => m.MonitoredDevices.ToHashSet(StringComparer.Ordinal).IsSupersetOf(path)))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }

        simulator.Invoke(m =>
        {
            m.StopInboundTraffic();
            if (routed is not null)
            {
                m.AddInboundTraffic(routed);
            }

            if (direct is not null)
            {
                m.AddInboundTraffic(direct);
            }
        });
        if (routed is not null)
        {
            DaemonLog.DemoTrafficStarted(_logger, path.Length, routed.TargetDn, routed.DefaultDestination);
        }

        if (direct is not null)
        {
            DaemonLog.DemoDirectCallsStarted(_logger, direct.TargetDn, 1 / direct.CallsPerSecond, (direct.FirstCallAfter ?? TimeSpan.Zero).TotalSeconds);
        }
    }

    /// <summary>Starts an embedded simulator server for a profile's dialect on the demo's shared simulated network.</summary>
    private CstaSimulatorServer StartSimulator(string profilePath)
    {
        FirmwareProfile profile;
        try
        {
            profile = FirmwareProfileLoader.Load(profilePath);
        }
        catch (FirmwareProfileException ex)
        {
            throw new SwitchConfigException($"demo firmware profile '{profilePath}' is invalid: {ex.Message.ReplaceLineEndings("; ")}", ex);
        }

        // The demo's ACD queue 4001 hands its calls to the ready agents 5001-5020 by itself, as a real switch does.
        _demoModel ??= new SwitchModel(SwitchingPlan.Demo(), TimeProvider.System) { AutomaticDistribution = true };
        var simulator = new CstaSimulatorServer(
            _demoModel, CstaSimulatorOptions.ForProfile(profile), TimeProvider.System, _loggerFactory.CreateLogger("CtiGateway.Simulator"));
        lock (_simulators)
        {
            _simulators.Add(simulator);
        }

        simulator.Start(new IPEndPoint(IPAddress.Loopback, 0));
        return simulator;
    }
}
