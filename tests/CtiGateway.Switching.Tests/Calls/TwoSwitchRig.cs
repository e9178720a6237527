using System.Globalization;
using System.Net;
using CtiGateway.Pbx.Profiles;
using CtiGateway.Server;
using CtiGateway.Simulator;
using Microsoft.Extensions.Logging.Abstractions;

namespace CtiGateway.Switching.Tests.Calls;

/// <summary>
/// The demo's two switches as the daemon's --demo runs them: one simulated network (the demo plan, with its trunk
/// between the switches), a simulator per switch (tel_sw on osv-v10, tel_sw_1 on avaya-aes-dmcc-8 with its application
/// session and GetDeviceId), a T-Library server and a <see cref="SwitchLinkService"/> with both switches and their
/// access numbers, running until disposed. Clients connect with <see cref="ClientAsync"/>.
/// </summary>
internal sealed class TwoSwitchRig : IAsyncDisposable
{
    public const string Switch = "tel_sw";

    public const string Switch1 = "tel_sw_1";

    private readonly CancellationTokenSource _stop;
    private readonly Task _run;
    private readonly List<CallClient> _clients = [];

    private TwoSwitchRig(SwitchModel network, CstaSimulatorServer simulator, CstaSimulatorServer simulator1, TlibServer server, IPEndPoint endpoint, SwitchLinkService service)
    {
        Network = network;
        Simulator = simulator;
        Simulator1 = simulator1;
        Server = server;
        Endpoint = endpoint;
        Service = service;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        _run = service.RunAsync(_stop.Token);
    }

    /// <summary>The simulated network both simulators serve.</summary>
    public SwitchModel Network { get; }

    /// <summary>tel_sw's simulator.</summary>
    public CstaSimulatorServer Simulator { get; }

    /// <summary>tel_sw_1's simulator.</summary>
    public CstaSimulatorServer Simulator1 { get; }

    public TlibServer Server { get; }

    public IPEndPoint Endpoint { get; }

    public SwitchLinkService Service { get; }

    /// <summary>
    /// Starts everything and waits until both switches are connected and every station is monitored.
    /// <paramref name="monitorRetrySeconds"/> is tel_sw's Switches:N:MonitorRetrySeconds, <paramref name="consultUserData"/>
    /// tel_sw's Switches:N:ConsultUserData.
    /// </summary>
    public static async Task<TwoSwitchRig> StartAsync(int monitorRetrySeconds = SwitchSettings.DefaultMonitorRetrySeconds, string consultUserData = "inherited")
    {
        var ct = TestContext.Current.CancellationToken;
        var profiles = Path.Combine(AppContext.BaseDirectory, "firmware-profiles");
        var osv = Path.Combine(profiles, "osv-v10.json");
        var dmcc = Path.Combine(profiles, "avaya-aes-dmcc-8.json");
        var network = new SwitchModel(SwitchingPlan.Demo(), TimeProvider.System);
        var simulator = new CstaSimulatorServer(network, CstaSimulatorOptions.ForProfile(FirmwareProfileLoader.Load(osv)) with { HeartbeatInterval = null });
        simulator.Start(new IPEndPoint(IPAddress.Loopback, 0));
        var simulator1 = new CstaSimulatorServer(network, CstaSimulatorOptions.ForProfile(FirmwareProfileLoader.Load(dmcc)) with { HeartbeatInterval = null });
        simulator1.Start(new IPEndPoint(IPAddress.Loopback, 0));
        var server = new TlibServer(new TServerOptions { Host = "127.0.0.1", Port = 0 }, NullLoggerFactory.Instance);
        var endpoint = await server.StartAsync(ct);
        SwitchSettings[] settings =
        [
            new()
            {
                Name = Switch,
                Profile = osv,
                Links = [new SwitchLinkSettings { Host = "127.0.0.1", Port = simulator.LocalEndPoint.Port }],
                AccessNumbers = [new SwitchAccessNumber { Switch = Switch1, Code = SwitchingPlan.DemoAccessToSwitch1 }],
                MonitorRetrySeconds = monitorRetrySeconds,
                ConsultUserData = consultUserData,
            },
            new()
            {
                Name = Switch1,
                Profile = dmcc,
                Links = [new SwitchLinkSettings { Host = "127.0.0.1", Port = simulator1.LocalEndPoint.Port }],
                Session = new SwitchSessionSettings { CmName = "CM1" },
                AccessNumbers = [new SwitchAccessNumber { Switch = Switch, Code = SwitchingPlan.DemoAccessToSwitch }],
            },
        ];
        Assert.Empty(SwitchSettings.Validate(settings, "Switches", profiles));
        var service = new SwitchLinkService(server, settings, profiles);
        var rig = new TwoSwitchRig(network, simulator, simulator1, server, endpoint, service);
        await rig.WaitUntilAsync(() => rig.Connected(Switch) && rig.Connected(Switch1) && rig.Monitored(), "both switches up and their stations monitored");
        return rig;
    }

    /// <summary>Whether the server reports <paramref name="switchName"/> connected.</summary>
    public bool Connected(string switchName) => Server.LinkStates.TryGetValue(switchName, out var up) && up;

    /// <summary>Whether the network has a monitor for every station 5001-5099 and 7001-7999.</summary>
    public bool Monitored()
    {
        var monitored = Simulator.Invoke(m => m.MonitoredDevices).ToHashSet(StringComparer.Ordinal);
        return Enumerable.Range(5001, 99).Concat(Enumerable.Range(7001, 999)).All(n => monitored.Contains(n.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>A client registered on <paramref name="dns"/> (as written: bare or DN@switch).</summary>
    public async Task<CallClient> ClientAsync(string name, params IReadOnlyCollection<string> dns)
    {
        var client = await CallClient.ConnectAsync(Endpoint, name, CallRig.Timeout);
        _clients.Add(client);
        if (dns.Count > 0)
        {
            await client.RegisterAsync(dns, CallRig.Timeout);
        }

        return client;
    }

    /// <summary>The gateway's calls of both switches.</summary>
    public async Task<IReadOnlyList<SwitchCall>> CallsAsync() => await Service.ListCallsAsync(TestContext.Current.CancellationToken);

    /// <summary>Waits until <paramref name="condition"/> holds (checked every 20 ms, within <see cref="CallRig.Timeout"/>).</summary>
    public async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + CallRig.Timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds for the gateway's calls.</summary>
    public async Task WaitForCallsAsync(Func<IReadOnlyList<SwitchCall>, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + CallRig.Timeout;
        while (!condition(await CallsAsync()))
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

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
        await Simulator1.DisposeAsync();
        _stop.Dispose();
    }
}
