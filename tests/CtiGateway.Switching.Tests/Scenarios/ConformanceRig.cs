using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using CtiGateway.Client;
using CtiGateway.Pbx.Profiles;
using CtiGateway.Protocol;
using CtiGateway.Server;
using CtiGateway.Simulator;
using CtiGateway.Transport.Serial;
using CtiGateway.Transport.Serial.Tests;
using Microsoft.Extensions.Logging.Abstractions;

namespace CtiGateway.Switching.Tests;

/// <summary>
/// The gateway in process on one firmware profile: the PBX simulator (the demo plan) on loopback TCP, or behind a
/// serial link layer on one end of a socat pseudo-terminal pair; a <see cref="TlibServer"/> on 127.0.0.1; and a
/// <see cref="SwitchLinkService"/> linking the switch to the simulator. Kept for every scenario of the profile;
/// <see cref="ResetAsync"/> clears what a scenario left.
/// </summary>
internal sealed class ConformanceRig : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _stop = new();
    private Task? _run;
    private SocatPtyPair? _pty;
    private SerialDuplexPipe? _simulatorLine;
    private SerialSimulatorBridge? _bridge;
    private string? _directory;

    private ConformanceRig(ConformanceProfile profile, CstaSimulatorServer simulator, TlibServer server)
    {
        Profile = profile;
        Simulator = simulator;
        Server = server;
    }

    public ConformanceProfile Profile { get; }

    public CstaSimulatorServer Simulator { get; }

    public TlibServer Server { get; }

    public IPEndPoint Endpoint { get; private set; } = null!;

    public SwitchLinkService Service { get; private set; } = null!;

    public static async Task<ConformanceRig> StartAsync(ConformanceProfile profile, CancellationToken ct)
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "firmware-profiles", profile.ProfileFile);
        var firmware = FirmwareProfileLoader.Load(shipped);
        SocatPtyPair? pty = profile.Serial ? await SocatPtyPair.StartAsync(ct) : null;
        var plan = SwitchingPlan.Demo();
        plan.Add(new SimDevice(profile.TimedRoutePoint, profile.SwitchName, SimDeviceKind.RoutePoint));
        var simulator = new CstaSimulatorServer(new SwitchModel(plan, TimeProvider.System), CstaSimulatorOptions.ForProfile(firmware));
        var server = new TlibServer(new TServerOptions { Host = "127.0.0.1", Port = 0 }, NullLoggerFactory.Instance);
        var rig = new ConformanceRig(profile, simulator, server) { _pty = pty };
        try
        {
            await rig.StartCoreAsync(shipped, firmware, ct);
            return rig;
        }
        catch
        {
            await rig.DisposeAsync();
            throw;
        }
    }

    private async Task StartCoreAsync(string shipped, FirmwareProfile firmware, CancellationToken ct)
    {
        var directory = AppContext.BaseDirectory;
        var profilePath = Path.Combine("firmware-profiles", Profile.ProfileFile);
        if (Profile.PlanSize is { } size)
        {
            // The shipped profile with a small numbering plan: fewer monitors to start (a DMCC GetDeviceId each, a serial line).
            _directory = Directory.CreateTempSubdirectory("ctigw-e2e-").FullName;
            var json = JsonNode.Parse(await File.ReadAllTextAsync(shipped, ct))!;
            var plan = new JsonArray(new JsonObject
            {
                ["from"] = Profile.FirstDn.ToString(CultureInfo.InvariantCulture),
                ["to"] = (Profile.FirstDn + size - 1).ToString(CultureInfo.InvariantCulture),
                ["type"] = "extension",
            });
            if (Profile.KeepsQueue)
            {
                // CM-AGENT-STATE's queue: a soft-agent switch checks that the agent logs in to an ACD queue it has.
                plan.Add(new JsonObject { ["from"] = Profile.QueueDn, ["to"] = Profile.QueueDn, ["type"] = "acd-queue" });
            }

            json["numbering-plan"] = plan;
            await File.WriteAllTextAsync(Path.Combine(_directory, Profile.ProfileFile), json.ToJsonString(), ct);
            directory = _directory;
            profilePath = Profile.ProfileFile;
        }

        SwitchLinkSettings link;
        if (_pty is { } pty)
        {
            _simulatorLine = await SerialTransport.OpenAsync(new SerialLinkSettings { PortName = pty.PathA, BaudRate = firmware.Transport.Serial!.Baud }, ct);
            _bridge = await SerialSimulatorBridge.StartAsync(Simulator, _simulatorLine, firmware, cancellationToken: ct);
            link = new SwitchLinkSettings { Device = pty.PathB };
        }
        else
        {
            Simulator.Start(new IPEndPoint(IPAddress.Loopback, 0));
            link = new SwitchLinkSettings { Host = "127.0.0.1", Port = Simulator.LocalEndPoint.Port };
        }

        var settings = new SwitchSettings
        {
            Name = Profile.SwitchName,
            Profile = profilePath,
            Links = [link],
            Session = new SwitchSessionSettings { CmName = Profile.CmName ?? string.Empty },
            Dns = [.. Profile.RoutePoints.Select(rp => new SwitchDnSettings { Number = rp, Type = "RoutingPoint" })],
            RoutePoints =
            [
                new RoutePointSettings { Dn = Profile.RoutePoint, DefaultDestination = Profile.PartyDns[3], RouterTimeoutSeconds = RoutePointSettings.MaxRouterTimeoutSeconds },
                new RoutePointSettings { Dn = Profile.TimedRoutePoint, DefaultDestination = Profile.PartyDns[3], RouterTimeoutSeconds = 1 },
            ],
        };
        Assert.Empty(SwitchSettings.Validate([settings], "Switches", directory));
        Endpoint = await Server.StartAsync(ct);
        Service = new SwitchLinkService(Server, [settings], directory);
        _run = Service.RunAsync(_stop.Token);

        // Up when the link is connected and the simulator has a monitor on every DN the scenarios use (a first link-up
        // takes no SnapshotDevice round, so nothing of the start-up can reach the call model later).
        string[] used = [.. Profile.PartyDns, .. Profile.RoutePoints, Profile.ProbeDn, Profile.ProbeCalleeDn];
        await WaitUntilAsync(
            () => Server.LinkStates.TryGetValue(Profile.SwitchName, out var up) && up && used.All(Simulator.Invoke(m => m.MonitoredDevices).Contains),
            $"switch {Profile.SwitchName} linked to the simulator ({Profile.Id}) with monitors on {string.Join(' ', used)}",
            ct);

        // The switch's call model has the link once a request gets past it to the model's planning: a ConnID that names
        // no call is then refused with TERR_INV_CONNID, not TERR_NO_SWITCH.
        var options = new TServerClientOptions { ApplicationName = "e2e-ready", AutoReconnect = false, RequestTimeout = Timeout }.AddEndpoint(Endpoint);
        await using var client = new TServerClient(options);
        await client.ConnectAsync(ct);
        await client.RegisterAddressAsync(Profile.ProbeDn, ct);
        await WaitUntilAsync(
            async () =>
            {
                try
                {
                    await client.RequestAsync(new TlibMessage(MessageType.RequestReleaseCall) { ThisDN = Profile.ProbeDn, ConnID = new ConnId(1) }, ct);
                    return true;
                }
                catch (TServerErrorException refused)
                {
                    return refused.ErrorCode != (int)ErrorCode.TERR_NO_SWITCH;
                }
            },
            $"the call model of switch {Profile.SwitchName} to take requests (not TERR_NO_SWITCH)",
            ct);
    }

    /// <summary>
    /// Clears every call the simulator still has on the DNs the scenarios use and the network's busy number, then waits
    /// until the gateway's call table is empty too.
    /// </summary>
    public async Task ResetAsync(CancellationToken ct)
    {
        string[] used = [.. Profile.PartyDns, .. Profile.RoutePoints, Profile.ProbeDn, Profile.ProbeCalleeDn];
        Simulator.Invoke(m =>
        {
            m.SetNetworkBusy(Profile.ExternalNumber, busy: false);
            foreach (var dn in used)
            {
                foreach (var item in m.SnapshotDevice(dn).Snapshot ?? [])
                {
                    m.ClearCall(item.Connection);
                }
            }
        });
        IReadOnlyList<SwitchCall> calls = [];
        await WaitUntilAsync(
            async () => (calls = await Service.ListCallsAsync(ct)).Count == 0,
            "an empty call table in the gateway after clearing the simulator's calls",
            ct,
            () => string.Join("; ", calls.Select(c => $"{c.Call.ConnId} {c.Call.CallId}: {string.Join(' ', c.Call.Parties.Select(p => $"{p.Dn}/{p.State}"))}")));
    }

    /// <summary>The CSTA callID of a gateway call, for what the switch does on its own (the far end answers, hangs up).</summary>
    public async Task<string> CallIdOfAsync(ConnId connId, CancellationToken ct)
    {
        var calls = await Service.ListCallsAsync(ct);
        var call = calls.FirstOrDefault(c => c.Call.ConnId == connId);
        Assert.True(call is not null, $"the gateway has no call {connId}");
        return call.Call.CallId;
    }

    private static Task WaitUntilAsync(Func<bool> condition, string what, CancellationToken ct) =>
        WaitUntilAsync(() => Task.FromResult(condition()), what, ct);

    // Polls a condition (every 20 ms) until it holds, failing with what was awaited after Timeout.
    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, CancellationToken ct, Func<string>? detail = null)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out after {Timeout.TotalSeconds} s waiting for {what}{(detail is null ? "" : ": " + detail())}");
            await Task.Delay(TimeSpan.FromMilliseconds(20), ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
        {
            await _run.WaitAsync(Timeout, CancellationToken.None);
        }

        await Server.StopAsync(CancellationToken.None);
        if (_bridge is not null)
        {
            await _bridge.DisposeAsync();
        }

        await Simulator.DisposeAsync();
        if (_simulatorLine is not null)
        {
            await _simulatorLine.DisposeAsync();
        }

        _pty?.Dispose();
        _stop.Dispose();
        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
