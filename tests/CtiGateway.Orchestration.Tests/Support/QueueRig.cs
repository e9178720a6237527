using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using CtiGateway.Client;
using CtiGateway.Pbx.Csta;
using CtiGateway.Pbx.Profiles;
using CtiGateway.Protocol;
using CtiGateway.Scxml;
using CtiGateway.Server;
using CtiGateway.Simulator;
using CtiGateway.Switching;
using CtiGateway.Switching.Tests.Calls;
using Microsoft.Extensions.Logging.Abstractions;

namespace CtiGateway.Orchestration.Tests.Support;

/// <summary>
/// For the queue: tests: the simulated switch tel_sw (osv-v10, demo plan) on loopback, a T-Library server, a
/// <see cref="SwitchLinkService"/> with soft agents A5001-A5005 at 5001-5005 (queue 4001) in agent group DemoAgents, and
/// an <see cref="OrchestrationService"/> attached through the server's in-process client seam, the switch layer itself
/// as its <see cref="ITargetDirectory"/>. Route point 3001 runs the test's strategy (written to a temporary folder);
/// sessions run in virtual time or on the thread pool in real time. <see cref="Agents"/> is a T-Library client on the
/// agents' DNs that makes them ready or not.
/// </summary>
internal sealed class QueueRig : IAsyncDisposable
{
    public const string Switch = "tel_sw";
    public const string RoutePoint = "3001";
    public const string Group = "DemoAgents";

    public static readonly TimeSpan Timeout = CallRig.Timeout;

    private readonly CancellationTokenSource _stop;
    private readonly Task _run;
    private readonly string _folder;

    private QueueRig(CstaSimulatorServer simulator, TlibServer server, SwitchLinkService links, OrchestrationService service, ScxmlScheduler scheduler, CallClient agents, string folder, CancellationTokenSource stop, Task run)
    {
        Simulator = simulator;
        Server = server;
        Links = links;
        Service = service;
        Scheduler = scheduler;
        Agents = agents;
        _folder = folder;
        _stop = stop;
        _run = run;
        service.LogLine += line => Log.Enqueue(line);
        service.SessionEvent += (session, name, data) => Events.Enqueue((session, name, data));
        service.SessionEnded += (session, how) => Ended[session] = how;
    }

    public CstaSimulatorServer Simulator { get; }

    public TlibServer Server { get; }

    public SwitchLinkService Links { get; }

    public OrchestrationService Service { get; }

    public ScxmlScheduler Scheduler { get; }

    /// <summary>A client registered on 5001-5005: agent requests, and the events of calls ringing there.</summary>
    public CallClient Agents { get; }

    public ConcurrentQueue<SessionLogLine> Log { get; } = new();

    public ConcurrentQueue<(string Session, string Name, string? Data)> Events { get; } = new();

    public ConcurrentDictionary<string, string> Ended { get; } = new();

    /// <summary>
    /// Starts everything with <paramref name="strategy"/> on 3001. <paramref name="ready"/> lists the agents (5001-5005)
    /// ready at start, the others start not ready. <paramref name="virtualTime"/>: sessions on a
    /// <see cref="VirtualTimeScxmlScheduler"/> (run them with <see cref="RunUntilAsync"/>), else on the thread pool.
    /// </summary>
    public static async Task<QueueRig> StartAsync(string strategy, IReadOnlyCollection<string> ready, bool virtualTime = false)
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = Directory.CreateTempSubdirectory("ctigw-queue-").FullName;
        var profile = Path.Combine(AppContext.BaseDirectory, "firmware-profiles", "osv-v10.json");
        var model = new SwitchModel(SwitchingPlan.Demo(), TimeProvider.System);
        var simulator = new CstaSimulatorServer(model, CstaSimulatorOptions.ForProfile(FirmwareProfileLoader.Load(profile)) with { HeartbeatInterval = null });
        simulator.Start(new IPEndPoint(IPAddress.Loopback, 0));
        var server = new TlibServer(new TServerOptions { Host = "127.0.0.1", Port = 0 }, NullLoggerFactory.Instance);
        var endpoint = await server.StartAsync(ct);
        var settings = new SwitchSettings
        {
            Name = Switch,
            Profile = profile,
            Links = [new SwitchLinkSettings { Host = "127.0.0.1", Port = simulator.LocalEndPoint.Port }],
            Agents = [.. AgentDns.Select(dn => new SwitchAgentSettings { AgentId = "A" + dn, Dn = dn, Queue = "4001", Ready = ready.Contains(dn) })],
        };
        var links = new SwitchLinkService(server, [settings], Path.GetDirectoryName(profile)!)
        {
            AgentGroups = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { [Group] = [.. AgentDns.Select(dn => "A" + dn)] },
        };
        var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var run = links.RunAsync(stop.Token);
        await WaitAsync(() => server.LinkStates.TryGetValue(Switch, out var up) && up && Monitored(simulator), "the link up and 5001-5099 monitored");

        var file = Path.Combine(folder, "strategy.scxml");
        await File.WriteAllTextAsync(file, strategy, ct);
        var options = new OrchestrationOptions { Strategies = [new StrategyBinding(RoutePoint + "@" + Switch, file)] };
        ScxmlScheduler scheduler = virtualTime ? new VirtualTimeScxmlScheduler(DateTimeOffset.UtcNow) : new ThreadPoolScxmlScheduler();
        var client = new TServerClientOptions
        {
            ApplicationName = options.ApplicationName,
            SocketFactory = _ => ValueTask.FromResult(server.ConnectInProcess(options.ApplicationName)),
        };
        var service = new OrchestrationService(options, client, scheduler, links, NullLoggerFactory.Instance);
        await service.StartAsync(ct);
        var agents = await CallClient.ConnectAsync(endpoint, "agents", Timeout);
        await agents.RegisterAsync(AgentDns, Timeout);
        return new QueueRig(simulator, server, links, service, scheduler, agents, folder, stop, run);
    }

    /// <summary>The agents' DNs, 5001-5005.</summary>
    public static IReadOnlyList<string> AgentDns { get; } = [.. Enumerable.Range(5001, 5).Select(n => n.ToString(CultureInfo.InvariantCulture))];

    /// <summary>
    /// A strategy for 3001: on interaction.present it keeps the interaction id in <c>ixnid</c> and enters state
    /// <c>submit</c>, which runs <paramref name="submit"/> (a queue:submit, or other actions); queue.submit.done goes to
    /// <paramref name="afterDone"/> (default the final state <c>routed</c>; <c>linger</c> waits for the routed call's
    /// interaction.notcontrolled first; <c>hold</c> stays) with the event's data in <c>done</c>;
    /// error.queue.submit to the final state <c>failed</c>. Every event is logged "EVENT name data". <paramref name="more"/>
    /// adds states.
    /// </summary>
    public static string Strategy(string submit, string afterDone = "routed", string more = "", string transitions = "") => $"""
        <scxml version="1.0" xmlns="http://www.w3.org/2005/07/scxml" xmlns:queue="http://www.genesyslab.com/modules/queue"
               xmlns:ixn="http://www.genesyslab.com/modules/interaction" xmlns:dialog="http://www.genesyslab.com/modules/dialog"
               xmlns:session="http://www.genesyslab.com/modules/session" initial="waiting" profile="ecmascript">
          <datamodel>
            <data id="ixnid"/>
            <data id="req"/>
            <data id="done"/>
            <data id="other"/>
            <data id="gone" expr="false"/>
          </datamodel>
          <state id="main" initial="waiting">
            <transition event="interaction.notcontrolled">
              <assign location="gone" expr="true"/>
            </transition>
            <transition event="*">
              <log expr="'EVENT ' + _event.name + ' ' + JSON.stringify(_event.data)"/>
            </transition>
            <state id="waiting">
              <transition event="interaction.present" target="submit">
                <assign location="ixnid" expr="_event.data.interactionid"/>
              </transition>
            </state>
            <state id="submit">
              <onentry>{submit}</onentry>
              {transitions}
              <transition event="queue.submit.requestid">
                <log expr="'EVENT ' + _event.name + ' ' + JSON.stringify(_event.data)"/>
              </transition>
              <transition event="queue.submit.done" target="{afterDone}">
                <log expr="'EVENT ' + _event.name + ' ' + JSON.stringify(_event.data)"/>
                <assign location="done" expr="_event.data"/>
              </transition>
              <transition event="error.queue.submit" target="failed">
                <log expr="'EVENT ' + _event.name + ' ' + JSON.stringify(_event.data)"/>
              </transition>
            </state>
            <state id="hold"/>
            <state id="linger">
              <transition cond="gone" target="routed"/>
              <transition event="interaction.notcontrolled" target="routed"/>
            </state>
            {more}
          </state>
          <final id="routed"/>
          <final id="failed"/>
          <final id="ok"/>
        </scxml>
        """;

    /// <summary>A call from <paramref name="from"/> arrives at 3001; returns the simulator's call id.</summary>
    public string DeliverCall(string from = "+4930123456") =>
        Simulator.Invoke(m => m.DeliverInboundCall(from, RoutePoint)) ?? throw new InvalidOperationException("3001 is busy");

    /// <summary>Makes the agent at <paramref name="dn"/> ready (or not ready) and waits for its event.</summary>
    public async Task SetReadyAsync(string dn, bool ready)
    {
        var request = new TlibMessage(ready ? MessageType.RequestAgentReady : MessageType.RequestAgentNotReady) { ThisDN = dn };
        request.Set(AttributeId.AgentWorkMode, (int)(ready ? AgentWorkMode.ManualIn : AgentWorkMode.AuxWork));
        var reference = await Agents.SendAsync(request);
        var expected = ready ? MessageType.EventAgentReady : MessageType.EventAgentNotReady;
        await Agents.WaitForAsync(m => m.ReferenceID == reference && m.Type == expected, Timeout, $"{expected} at {dn}");
        // The switch layer's copy of the agents follows the event.
        await WaitAsync(() => Links.FindAgent("A" + dn).IsReady == ready, $"agent A{dn} {(ready ? "ready" : "not ready")} in the switch layer");
    }

    /// <summary>Runs the sessions until <paramref name="condition"/> holds; in virtual time the clock moves at most <paramref name="maxVirtual"/>.</summary>
    public async Task RunUntilAsync(Func<bool> condition, string what, TimeSpan? maxVirtual = null)
    {
        var deadline = DateTime.UtcNow + Timeout;
        var start = Scheduler.Now;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            if (Scheduler is VirtualTimeScxmlScheduler virtualTime)
            {
                var left = (maxVirtual ?? TimeSpan.Zero) - (Scheduler.Now - start);
                if (virtualTime.RunUntil(condition, left > TimeSpan.Zero ? left : TimeSpan.Zero, TimeSpan.FromSeconds(1)))
                {
                    return;
                }
            }

            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>The sessions in the order they got their first event.</summary>
    public IReadOnlyList<string> Sessions() => [.. Events.Select(e => e.Session).Distinct()];

    /// <summary>The data of the first event <paramref name="name"/> of <paramref name="session"/>, or null.</summary>
    public JsonObject? EventData(string session, string name) =>
        Events.FirstOrDefault(e => e.Session == session && e.Name == name) is { Data: { } data } ? (JsonObject?)JsonNode.Parse(data) : null;

    /// <summary>The names of the events <paramref name="session"/> got, in order.</summary>
    public IReadOnlyList<string> EventNames(string session) => [.. Events.Where(e => e.Session == session).Select(e => e.Name)];

    /// <summary>The session's log lines, in order.</summary>
    public IReadOnlyList<string> LogOf(string session) => [.. Log.Where(l => l.SessionId == session).Select(l => l.Text)];

    /// <summary>Waits until the call rings at <paramref name="dn"/> (EventRinging to the agents' client).</summary>
    public Task<TlibMessage> RingingAtAsync(string dn) =>
        Agents.WaitForAsync(m => m.Type == MessageType.EventRinging && m.ThisDN == dn, Timeout, $"EventRinging at {dn}");

    /// <summary>Places a call <paramref name="caller"/> -> <paramref name="called"/>, answered.</summary>
    public void PlaceAnsweredCall(string caller, string called) =>
        Simulator.Invoke(m =>
        {
            var made = m.MakeCall(caller, called);
            Assert.False(made.IsError, $"MakeCall {caller} -> {called}: {made.Reason}");
            var answered = m.AnswerCall(new CstaConnectionId(made.CallingConnection!.Value.CallId, called));
            Assert.False(answered.IsError, $"AnswerCall {called}: {answered.Reason}");
        });

    public static async Task WaitAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }

    private static bool Monitored(CstaSimulatorServer simulator)
    {
        var monitored = simulator.Invoke(m => m.MonitoredDevices).ToHashSet(StringComparer.Ordinal);
        return Enumerable.Range(5001, 99).All(n => monitored.Contains(n.ToString(CultureInfo.InvariantCulture)));
    }

    public async ValueTask DisposeAsync()
    {
        await Service.DisposeAsync();
        (Scheduler as IDisposable)?.Dispose();
        await Agents.DisposeAsync();
        await _stop.CancelAsync();
        await _run.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        await Server.StopAsync(CancellationToken.None);
        await Simulator.DisposeAsync();
        _stop.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
