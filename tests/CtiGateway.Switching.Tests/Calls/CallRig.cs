using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using CtiGateway.CallModel;
using CtiGateway.Pbx.Csta;
using CtiGateway.Protocol;
using CtiGateway.Server;
using CtiGateway.Simulator;
using Microsoft.Extensions.Logging.Abstractions;

namespace CtiGateway.Switching.Tests.Calls;

/// <summary>
/// The simulated switch tel_sw (osv-v10, demo plan) on loopback, a T-Library server and a <see cref="SwitchLinkService"/>
/// linking them with a copy of the osv-v10 profile (edited by the test, written to a temp folder), running until
/// disposed. T-Library clients connect with <see cref="ClientAsync"/>.
/// </summary>
internal sealed class CallRig : IAsyncDisposable
{
    /// <summary>The switch's name.</summary>
    public const string Switch = "tel_sw";

    /// <summary>Overall bound of every wait: generous, for a loaded 2-core box.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly CancellationTokenSource _stop;
    private readonly Task _run;
    private readonly string _directory;
    private readonly List<CallClient> _clients = [];

    private CallRig(CstaSimulatorServer simulator, TlibServer server, IPEndPoint endpoint, SwitchLinkService service, string directory, string profileId)
    {
        Simulator = simulator;
        Server = server;
        Endpoint = endpoint;
        Service = service;
        ProfileId = profileId;
        _directory = directory;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        _run = service.RunAsync(_stop.Token);
    }

    public CstaSimulatorServer Simulator { get; }

    public TlibServer Server { get; }

    public IPEndPoint Endpoint { get; }

    public SwitchLinkService Service { get; }

    /// <summary>The id of the profile the gateway runs (the test's copy).</summary>
    public string ProfileId { get; }

    /// <summary>Whether the T-Library server reports the switch's link connected.</summary>
    public bool LinkConnected => Server.LinkStates.TryGetValue(Switch, out var up) && up;

    /// <summary>
    /// Starts everything and waits until the link is up and every extension 5001-5099 is monitored.
    /// <paramref name="editProfile"/> changes the copy of osv-v10.json the gateway loads, <paramref name="editSettings"/>
    /// the switch's settings; <paramref name="time"/> is the gateway's clock (virtual for router timeouts),
    /// <paramref name="plan"/> the simulator's switching plan (default the demo plan) and
    /// <paramref name="automaticDistribution"/> lets its ACD queues hand calls to ready agents; <paramref name="publisher"/>
    /// stands between the switch layer and the T-Library server (a test's look at what is published), given the server.
    /// </summary>
    public static async Task<CallRig> StartAsync(
        Action<JsonObject>? editProfile = null,
        CstaSimulatorOptions? simulatorOptions = null,
        Action<SwitchSettings>? editSettings = null,
        TimeProvider? time = null,
        SwitchingPlan? plan = null,
        bool automaticDistribution = false,
        Func<TlibServer, ITlibPublisher>? publisher = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var directory = Directory.CreateTempSubdirectory("ctigw-calls-").FullName;
        var json = (JsonObject)JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "firmware-profiles", "osv-v10.json"), ct))!;
        editProfile?.Invoke(json);
        var profilePath = Path.Combine(directory, (string)json["id"]! + ".json"); // the id must match the file name
        await File.WriteAllTextAsync(profilePath, json.ToJsonString(), ct);

        var model = new SwitchModel(plan ?? SwitchingPlan.Demo(), TimeProvider.System) { AutomaticDistribution = automaticDistribution };
        var simulator = new CstaSimulatorServer(model, simulatorOptions ?? new CstaSimulatorOptions { HeartbeatInterval = null });
        simulator.Start(new IPEndPoint(IPAddress.Loopback, 0));
        var server = new TlibServer(new TServerOptions { Host = "127.0.0.1", Port = 0 }, NullLoggerFactory.Instance);
        var endpoint = await server.StartAsync(ct);
        var settings = new SwitchSettings
        {
            Name = Switch,
            Profile = profilePath,
            Links = [new SwitchLinkSettings { Host = "127.0.0.1", Port = simulator.LocalEndPoint.Port }],
        };
        editSettings?.Invoke(settings);
        var service = new SwitchLinkService(publisher?.Invoke(server) ?? server, [settings], directory, timeProvider: time);
        var rig = new CallRig(simulator, server, endpoint, service, directory, (string)json["id"]!);
        await rig.WaitUntilAsync(() => rig.LinkConnected && rig.MonitorsStarted(), "link up and 5001-5099 monitored");
        return rig;
    }

    /// <summary>The extensions 5001..(5001 + count - 1).</summary>
    public static IReadOnlyList<string> Extensions(int first, int count) =>
        [.. Enumerable.Range(first, count).Select(n => n.ToString(CultureInfo.InvariantCulture))];

    /// <summary>A client registered on <paramref name="dns"/>.</summary>
    public async Task<CallClient> ClientAsync(string name, params IReadOnlyCollection<string> dns)
    {
        var client = await CallClient.ConnectAsync(Endpoint, name, Timeout);
        _clients.Add(client);
        if (dns.Count > 0)
        {
            await client.RegisterAsync(dns, Timeout);
        }

        return client;
    }

    /// <summary>Whether the simulator has a monitor for every extension 5001-5099.</summary>
    public bool MonitorsStarted()
    {
        var monitored = Simulator.Invoke(m => m.MonitoredDevices).ToHashSet(StringComparer.Ordinal);
        return Extensions(5001, 99).All(monitored.Contains);
    }

    /// <summary>The switch places a call <paramref name="caller"/> -> <paramref name="called"/> (answered when asked) and returns its callID.</summary>
    public string PlaceCall(string caller, string called, bool answer = true) =>
        Simulator.Invoke(m =>
        {
            var made = m.MakeCall(caller, called);
            Assert.False(made.IsError, $"MakeCall {caller} -> {called}: {made.Reason}");
            var callId = made.CallingConnection!.Value.CallId;
            if (answer)
            {
                var answered = m.AnswerCall(new CstaConnectionId(callId, called));
                Assert.False(answered.IsError, $"AnswerCall {called}: {answered.Reason}");
            }

            return callId;
        });

    /// <summary>The gateway's calls (read on the switch's call-model loop).</summary>
    public async Task<IReadOnlyList<CallInfo>> CallsAsync() =>
        [.. (await Service.ListCallsAsync(TestContext.Current.CancellationToken)).Select(c => c.Call)];

    /// <summary>The gateway's call with the switch's <paramref name="callId"/>; fails when there is none.</summary>
    public async Task<CallInfo> CallAsync(string callId) =>
        (await CallsAsync()).SingleOrDefault(c => c.CallId == callId) ?? throw new Xunit.Sdk.XunitException($"the gateway has no call with callID {callId}");

    /// <summary>
    /// The simulator's calls as "callID: DN state, DN state" lines (parties and lines sorted), in ECMA-269 local
    /// connection states. The gateway's T-Library party states read the same (<see cref="GatewayTableAsync"/>).
    /// </summary>
    public IReadOnlyList<string> SimulatorTable() =>
        [.. Simulator.Invoke(m => m.LiveConnections())
            .GroupBy(i => i.Connection.CallId, StringComparer.Ordinal)
            .Select(g => Line(g.Key, g.Select(i => (i.Connection.DeviceId, SimulatorState(i.LocalConnectionState)))))
            .Order(StringComparer.Ordinal)];

    /// <summary>
    /// The gateway's calls in the form of <see cref="SimulatorTable"/>. A caller is Dialing while the call rings at the
    /// other end, where the switch says its connection is connected: that reads "connected" too, only then.
    /// </summary>
    public async Task<IReadOnlyList<string>> GatewayTableAsync() =>
        [.. (await CallsAsync())
            .Select(c => Line(c.CallId, c.Parties.Select(p => (p.Dn, GatewayState(p.State, c.Parties)))))
            .Order(StringComparer.Ordinal)];

    /// <summary>Waits until <paramref name="condition"/> holds (checked every 20 ms).</summary>
    public async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Waits until the gateway's call table equals the simulator's; fails with both tables otherwise.</summary>
    public async Task WaitForSameTablesAsync(string when)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            var truth = SimulatorTable();
            var gateway = await GatewayTableAsync();
            if (truth.SequenceEqual(gateway, StringComparer.Ordinal))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"{when}: the gateway's calls differ from the switch's.{Environment.NewLine}{Difference(truth, gateway)}");
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>The lines only one of the two tables has.</summary>
    public static string Difference(IReadOnlyList<string> truth, IReadOnlyList<string> gateway) =>
        $"switch only: {string.Join(" | ", truth.Except(gateway, StringComparer.Ordinal))}{Environment.NewLine}gateway only: {string.Join(" | ", gateway.Except(truth, StringComparer.Ordinal))}";

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }

        await _stop.CancelAsync();
        await _run.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        await Server.StopAsync(CancellationToken.None);
        await Simulator.DisposeAsync();
        _stop.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static string Line(string callId, IEnumerable<(string Dn, string State)> parties) =>
        $"{callId}: {string.Join(", ", parties.Select(p => $"{p.Dn} {p.State}").Order(StringComparer.Ordinal))}";

    private static string SimulatorState(string local) => local switch
    {
        "hold" => "held",
        _ => local,
    };

    private static string GatewayState(PartyState state, IReadOnlyList<PartyInfo> parties) => state switch
    {
        PartyState.Dialing when parties.Any(p => p.State is PartyState.Alerting or PartyState.Queued) => "connected",
        PartyState.Dialing => "dialing",
        PartyState.Connected => "connected",
        PartyState.Alerting => "alerting",
        PartyState.Held => "held",
        PartyState.Queued => "queued",
        PartyState.Initiated => "initiated",
        PartyState.Failed => "fail",
        _ => state.ToString(),
    };
}
