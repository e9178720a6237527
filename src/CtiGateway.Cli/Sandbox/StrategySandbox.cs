using System.Net;
using CtiGateway.CallModel;
using CtiGateway.Client;
using CtiGateway.Orchestration;
using CtiGateway.Pbx.Profiles;
using CtiGateway.Scxml;
using CtiGateway.Server;
using CtiGateway.Simulator;
using CtiGateway.Switching;
using Microsoft.Extensions.Logging.Abstractions;

namespace CtiGateway.Cli.Sandbox;

/// <summary>
/// <c>ctigw strategy try</c>: an in-process gateway on the demo's simulated switches (<see cref="DemoPlan"/>: a
/// <see cref="TlibServer"/>, a <see cref="SwitchLinkService"/> linked over loopback TCP to two embedded simulators on
/// one simulated network) and an <see cref="OrchestrationService"/> attached to it through the server's in-process
/// seam, running the strategy on the route point in virtual time (<see cref="VirtualTimeScxmlScheduler"/>). One
/// inbound call is delivered to the route point; the session's events and log lines, the gateway's call events and
/// the scripted steps are printed as they happen, then <c>final: ID</c> or <c>timeout</c>.
/// </summary>
internal sealed class StrategySandbox : IAsyncDisposable
{
    /// <summary>Real time allowed for the switches to come up, and for any one wait on them.</summary>
    public static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);

    /// <summary>Real time the whole run may spend waiting for the switches (the virtual clock does not move meanwhile).</summary>
    public static readonly TimeSpan WallLimit = TimeSpan.FromSeconds(120);

    private const string ApplicationName = "ctigw-strategy-try";

    private readonly SandboxScript _script;
    private readonly TextWriter _stderr;
    private readonly VirtualTimeScxmlScheduler _scheduler = new(DateTimeOffset.UtcNow);
    private readonly SandboxOutput _output;
    private readonly SandboxActivity _activity;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<CstaSimulatorServer> _simulators = [];
    private readonly HashSet<string> _sessions = new(StringComparer.Ordinal);
    private TlibServer? _server;
    private SwitchLinkService? _service;
    private Task? _switches;
    private OrchestrationService? _orchestration;
    private string? _firstSession;
    private IDisposable? _sessionStart;
    private volatile string? _ended;
    private volatile bool _endedInFinal;
    private volatile bool _timedOut;

    public StrategySandbox(SandboxScript script, TextWriter stdout, TextWriter stderr)
    {
        _script = script;
        _stderr = stderr;
        _output = new SandboxOutput(stdout, _scheduler);
        _activity = new SandboxActivity(_scheduler, () => Volatile.Read(ref _service)?.PendingCrossSwitchTransfers > 0);
    }

    /// <summary>Runs the strategy on one call; returns the exit code (0 final state, 1 timeout or failure, 2 bad strategy or setup).</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var plan = SwitchingPlan.Demo();
        var switches = Switches(plan, out var model);
        var problems = SwitchSettings.Validate(switches, "strategy try", Directory.GetCurrentDirectory());
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                await _stderr.WriteLineAsync($"ctigw: {problem}");
            }

            return ExitCodes.BadUsage;
        }

        var directories = switches.ToDictionary(s => s.Name, s => SwitchDirectory.BuildDirectory(s, SwitchLinkService.LoadProfile(s, string.Empty)), StringComparer.Ordinal);
        _server = new TlibServer(new TServerOptions { Host = "127.0.0.1", Port = 0 }, NullLoggerFactory.Instance);
        await _server.StartAsync(cancellationToken);

        var calls = new SandboxCalls(_output, _activity, _scheduler, dn => SwitchOfDn(directories, dn), dn => IsStation(directories, dn), dn => Answer(model, dn), _script.AnswerAfter)
        {
            RoutePoint = _script.Dn,
        };
        var service = new SwitchLinkService(new SandboxPublisher(_server, calls.Observe), switches, string.Empty, NullLoggerFactory.Instance)
        {
            AgentGroups = AgentGroupSettings.ToLookup([DemoPlan.AgentGroup()]),
        };
        Volatile.Write(ref _service, service);
        _switches = Task.Run(() => service.RunAsync(_stop.Token), CancellationToken.None);

        var monitored = directories.Values.SelectMany(SwitchDirectory.MonitoredDns).ToList();
        if (!await WaitAsync(() => model.Invoke(m => m.MonitoredDevices.ToHashSet(StringComparer.Ordinal).IsSupersetOf(monitored)), cancellationToken))
        {
            await _stderr.WriteLineAsync($"ctigw: strategy try: the simulated switches did not come up within {StartLimit.TotalSeconds} s "
                + $"({string.Join(", ", service.GetStatus().Select(s => $"{s.Switch} {s.State}"))})");
            return ExitCodes.RuntimeFailure;
        }

        if (!await SetAgentsAsync(model, service, cancellationToken))
        {
            return ExitCodes.RuntimeFailure;
        }

        // The switch layer is orchestration's view of agents and DNs, as in the daemon.
        var started = await StartOrchestrationAsync(service, cancellationToken);
        if (started != ExitCodes.Success)
        {
            return started;
        }

        if (_script.UserData.Count > 0)
        {
            var userData = new KeyValueList();
            foreach (var (key, value) in _script.UserData)
            {
                userData.Add(key, value);
            }

            service.ExpectInboundCall(_script.Switch, _script.Dn, userData);
        }

        return await RunCallAsync(model, calls, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_orchestration is not null)
        {
            await _orchestration.DisposeAsync();
        }

        await _stop.CancelAsync();
        if (_switches is not null)
        {
            await _switches.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        foreach (var simulator in _simulators)
        {
            await simulator.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _activity.Dispose();
        _stop.Dispose();
    }

    /// <summary>The demo's two switches with their embedded simulators (and the route point of --dn when the plan has none there).</summary>
    private List<SwitchSettings> Switches(SwitchingPlan plan, out CstaSimulatorServer model)
    {
        var extraRoutePoint = !plan.TryGet(_script.Dn, out _);
        if (extraRoutePoint)
        {
            plan.Add(new SimDevice(_script.Dn, _script.Switch, SimDeviceKind.RoutePoint));
        }

        var network = new SwitchModel(plan, TimeProvider.System) { AutomaticDistribution = true };
        var profile = DemoPlan.FindProfile(DemoPlan.Profile);
        var profile1 = DemoPlan.FindProfile(DemoPlan.Profile1);
        model = StartSimulator(network, profile);
        var simulator1 = StartSimulator(network, profile1);
        List<SwitchSettings> switches =
        [
            DemoPlan.SwitchSettings(profile, "127.0.0.1", model.LocalEndPoint.Port),
            DemoPlan.Switch1Settings(profile1, "127.0.0.1", simulator1.LocalEndPoint.Port),
        ];
        foreach (var sw in switches)
        {
            if (extraRoutePoint && sw.Name == _script.Switch)
            {
                sw.Dns.Add(new SwitchDnSettings { Number = _script.Dn, Type = nameof(DnKind.RoutingPoint) });
                sw.RoutePoints.Add(new RoutePointSettings { Dn = _script.Dn, DefaultDestination = sw.Name == DemoPlan.Switch ? DemoPlan.Queue : string.Empty });
            }

            // Calls wait at a route point in real time while the strategy runs in virtual time: the router timeout must
            // not take the call away from the session.
            foreach (var routePoint in sw.RoutePoints)
            {
                routePoint.RouterTimeoutSeconds = RoutePointSettings.MaxRouterTimeoutSeconds;
            }
        }

        return switches;
    }

    private CstaSimulatorServer StartSimulator(SwitchModel network, string profilePath)
    {
        var simulator = new CstaSimulatorServer(network, CstaSimulatorOptions.ForProfile(FirmwareProfileLoader.Load(profilePath)), TimeProvider.System, NullLogger.Instance);
        _simulators.Add(simulator);
        simulator.Start(new IPEndPoint(IPAddress.Loopback, 0));
        return simulator;
    }

    /// <summary>--agents-busy / --agent-ready: the agents of DemoAgents not meant to be ready go not ready, and the gateway sees it.</summary>
    private async Task<bool> SetAgentsAsync(CstaSimulatorServer model, SwitchLinkService service, CancellationToken cancellationToken)
    {
        if (_script.ReadyAgents is not { } ready)
        {
            return true;
        }

        foreach (var agent in DemoPlan.AgentIds.Where(a => !ready.Contains(a)))
        {
            var result = model.Invoke(m => m.SetAgentState(DemoPlan.DnOfAgent(agent), "notReady"));
            if (result.IsError)
            {
                await _stderr.WriteLineAsync($"ctigw: strategy try: agent {agent} could not be made not ready: {result}");
                return false;
            }
        }

        if (!await WaitAsync(() => DemoPlan.AgentIds.All(a => service.FindAgent(a).IsReady == ready.Contains(a)), cancellationToken))
        {
            await _stderr.WriteLineAsync($"ctigw: strategy try: the gateway did not see the agents' states within {StartLimit.TotalSeconds} s");
            return false;
        }

        _output.Line("script", ready.Count == 0
            ? $"no agent of {DemoPlan.Group} is ready"
            : $"ready agents of {DemoPlan.Group}: {string.Join(", ", DemoPlan.AgentIds.Where(ready.Contains))}; the others are not ready");
        return true;
    }

    private async Task<int> StartOrchestrationAsync(ITargetDirectory targets, CancellationToken cancellationToken)
    {
        var server = _server!;
        var options = new OrchestrationOptions
        {
            Strategies = [new StrategyBinding(_script.Dn + "@" + _script.Switch, _script.File)],
            SessionTimeToLive = _script.Timeout + TimeSpan.FromHours(1),
            ApplicationName = ApplicationName,
            Dialect = _script.Dialect,
        };
        var client = new TServerClientOptions
        {
            SocketFactory = _ => ValueTask.FromResult(server.ConnectInProcess(ApplicationName)),
            ApplicationName = ApplicationName,
        };
        try
        {
            _orchestration = new OrchestrationService(options, client, _scheduler, targets, new SandboxLoggerFactory(_output));
        }
        catch (OrchestrationConfigException ex)
        {
            // The strategy was checked before; what is left is a problem of its includes or of the options.
            foreach (var problem in ex.Problems)
            {
                await _stderr.WriteLineAsync(problem);
            }

            return ExitCodes.BadUsage;
        }

        _orchestration.LogLine += line => _output.Line(Tag("log", line.SessionId), line.Label is null ? line.Text : line.Label + ": " + line.Text);
        _orchestration.SessionEvent += (session, name, json) => _output.Line(Tag("event", session), json is null ? name : name + " " + json);
        _orchestration.SessionEnded += OnSessionEnded;
        await _orchestration.StartAsync(cancellationToken);
        return ExitCodes.Success;
    }

    private async Task<int> RunCallAsync(CstaSimulatorServer model, SandboxCalls calls, CancellationToken cancellationToken)
    {
        // The clock waits for the call's session to start.
        _sessionStart = _activity.Expect(null, SandboxCalls.OutcomeLimit);
        var callId = model.Invoke(m => m.DeliverInboundCall(_script.Ani, _script.Dn, _script.Dnis));
        if (callId is null)
        {
            _sessionStart.Dispose();
            await _stderr.WriteLineAsync($"ctigw: strategy try: {_script.Dn} is busy; the call was not delivered");
            return ExitCodes.RuntimeFailure;
        }

        _output.Line("script", $"inbound call from {_script.Ani} to {_script.Dn}@{_script.Switch}"
            + (_script.Dnis is { } dnis ? $" (dialled {dnis})" : string.Empty)
            + (_script.UserData.Count > 0 ? " with user data " + string.Join(", ", _script.UserData.Select(p => p.Key + "=" + p.Value)) : string.Empty));
        if (_script.AbandonAfter is { } abandon)
        {
            _scheduler.Schedule(abandon, () =>
            {
                var released = _activity.Expect(e => e.Type is MessageType.EventAbandoned or MessageType.EventReleased, SandboxCalls.OutcomeLimit);
                var hungUp = model.Invoke(m => m.ExternalPartyHangsUp(callId));
                if (!hungUp)
                {
                    released.Dispose();
                }

                _output.Line("script", hungUp ? $"the caller {_script.Ani} hangs up" : $"the caller {_script.Ani} would hang up, but is no longer on the call");
            });
        }

        _scheduler.Schedule(_script.Timeout, () => _timedOut = true);
        var finished = await Task.Factory.StartNew(
            () => _scheduler.RunUntil(() => _ended is not null || _timedOut || cancellationToken.IsCancellationRequested, _script.Timeout + TimeSpan.FromSeconds(1), WallLimit),
            cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        cancellationToken.ThrowIfCancellationRequested();

        // What the switches still do for the last steps (a call ringing after the session ended) is shown too. The end
        // of a session is reported after its final state (off the scheduler's thread), perhaps only once the clock
        // reached the timeout: one quiet period lets that report arrive.
        _activity.Touch();
        await _activity.WaitQuietAsync(TimeSpan.FromSeconds(5), cancellationToken);
        finished = finished || _ended is not null;
        if (calls.InboundConnId is null)
        {
            await _stderr.WriteLineAsync($"ctigw: strategy try: the call never reached {_script.Dn}@{_script.Switch} on the gateway");
        }

        if (finished && _ended is { } how)
        {
            _output.Plain(_endedInFinal ? "final: " + how : how);
            return _endedInFinal ? ExitCodes.Success : ExitCodes.RuntimeFailure;
        }

        if (!_timedOut)
        {
            await _stderr.WriteLineAsync($"ctigw: strategy try: {WallLimit.TotalSeconds} s of real time passed and virtual time did not reach the timeout: the session never let the clock move (an event it sends itself with no delay, in a loop?) or the switches kept it waiting");
        }

        _output.Plain("timeout");
        return ExitCodes.RuntimeFailure;
    }

    private void OnSessionEnded(string sessionId, string how)
    {
        if (sessionId != Volatile.Read(ref _firstSession))
        {
            _output.Line(Tag("session", sessionId), "ended: " + how);
            return;
        }

        _endedInFinal = _orchestration!.Counters().Ended > 0;
        _ended = how;
    }

    /// <summary>The kind of a line, naming the session when it is not the first one.</summary>
    private string Tag(string kind, string sessionId)
    {
        lock (_sessions)
        {
            if (_sessions.Add(sessionId))
            {
                var first = Interlocked.CompareExchange(ref _firstSession, sessionId, null) is null;
                _output.Line("session", first ? $"{sessionId} runs {_script.File}" : $"{sessionId} (another session)");
                if (first)
                {
                    _sessionStart?.Dispose();
                }
            }
        }

        return sessionId == Volatile.Read(ref _firstSession) ? kind : kind + " " + sessionId;
    }

    /// <summary>--answer: the station that rings answers (the switch's AnswerCall of its alerting connection); false when it did not.</summary>
    private bool Answer(CstaSimulatorServer model, string dn)
    {
        var answered = model.Invoke(m =>
        {
            var ringing = m.LiveConnections().FirstOrDefault(c => c.Connection.DeviceId == dn && c.LocalConnectionState == "alerting");
            return ringing is not null && !m.AnswerCall(ringing.Connection).IsError;
        });
        _output.Line("script", answered ? $"{dn} answers" : $"{dn} would answer, but no call rings there any more");
        return answered;
    }

    private static string? SwitchOfDn(IReadOnlyDictionary<string, DnDirectory> directories, string dn) =>
        directories.FirstOrDefault(d => d.Value.TryGetKind(dn, out _)).Key;

    private static bool IsStation(IReadOnlyDictionary<string, DnDirectory> directories, string dn) =>
        directories.Values.Any(d => d.TryGetKind(dn, out var kind) && kind is DnKind.Extension or DnKind.ACDPosition);

    private static async Task<bool> WaitAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        var deadline = Environment.TickCount64 + (long)StartLimit.TotalMilliseconds;
        while (!condition())
        {
            if (Environment.TickCount64 > deadline)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }

        return true;
    }
}
