using System.Net;
using CtiGateway.Protocol;
using CtiGateway.Server;
using CtiGateway.Simulator;
using Microsoft.Extensions.Logging.Abstractions;

namespace CtiGateway.Switching.Tests;

public sealed class SwitchLinkServiceTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private static readonly string ProfileDirectory = AppContext.BaseDirectory;

    private static KeyValue Value(KeyValueList? list, string key)
    {
        Assert.NotNull(list);
        Assert.True(list.TryGetValue(key, out var value), $"key '{key}' missing");
        return value;
    }

    private static bool IsSwitchEvent(TlibMessage m, MessageType type) =>
        m.Type == type && m.Extensions is { } e && e.TryGetValue("switch", out var s) && s.ToString() == "tel_sw";

    [Fact]
    public async Task LinkEventsHardwareErrorsAndReconnectReachClients()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var rig = await OsvLinkRig.StartAsync(ProfileDirectory, Timeout, ct);
        var (simulator, server, client, service) = (rig.Simulator, rig.Server, rig.Client, rig.Service);

        await client.WaitForAsync(m => IsSwitchEvent(m, MessageType.EventLinkConnected), Timeout, "EventLinkConnected for tel_sw");
        Assert.True(server.LinkStates["tel_sw"]);
        var status = Assert.Single(service.GetStatus());
        Assert.Equal("up", status.State);
        Assert.True(status.Active);

        await simulator.SendSystemStatusAsync("messagesLost");
        var lost = await client.WaitForAsync(m => m.Type == MessageType.EventHardwareError, Timeout, "EventHardwareError for messagesLost");
        Assert.Equal("tel_sw", Value(lost.Extensions!, "switch").ToString());
        Assert.Equal("messagesLost", Value(lost.Extensions, "cause").ToString());
        Assert.Equal("tel_sw/1", Value(lost.Extensions, "link").ToString());
        Assert.False(string.IsNullOrEmpty(lost.ErrorMessage));

        await simulator.InjectGarbageAsync(new byte[] { 0x01, 0x02, 0xFF, 0x7F, 0x00, 0x00, 0x00, 0x03 });
        var garbage = await client.WaitForAsync(m => m.Type == MessageType.EventHardwareError, Timeout, "EventHardwareError for garbage bytes");
        Assert.Equal("tel_sw", Value(garbage.Extensions!, "switch").ToString());
        Assert.NotEqual("messagesLost", Value(garbage.Extensions, "cause").ToString());

        await simulator.DisconnectAllAsync();
        await client.WaitForAsync(m => IsSwitchEvent(m, MessageType.EventLinkDisconnected), Timeout, "EventLinkDisconnected after the switch closed the link");
        await client.WaitForAsync(m => IsSwitchEvent(m, MessageType.EventLinkConnected), Timeout, "EventLinkConnected after the reconnect");
        Assert.True(server.LinkStates["tel_sw"]);
        Assert.True(service.GetStatus()[0].Reconnects >= 1);
    }

    [Fact]
    public async Task AStormOfBadFramesReachesClientsAsTheProfileRatePerSecondPlusOneCountedSummary()
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new VirtualTimeProvider();
        await using var rig = await OsvLinkRig.StartAsync(ProfileDirectory, Timeout, ct, time);
        var (simulator, client, service) = (rig.Simulator, rig.Client, rig.Service);
        await client.WaitForAsync(m => IsSwitchEvent(m, MessageType.EventLinkConnected), Timeout, "EventLinkConnected for tel_sw");

        // 300 frames whose XML does not parse, in one write: osv-v10 lets 10 per second through (the default).
        var frame = new System.Buffers.ArrayBufferWriter<byte>();
        for (var i = 0; i < 300; i++)
        {
            Pbx.Csta.CstaFrameWriter.Write(Pbx.Csta.CstaWire.EventInvokeId, "<DeliveredEvent><unclosed>"u8, frame);
        }

        await simulator.InjectGarbageAsync(frame.WrittenMemory);
        var deadline = DateTime.UtcNow + Timeout;
        while (service.GetStatus()[0].HardwareErrors < 300 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10, ct);
        }

        Assert.Equal(300, service.GetStatus()[0].HardwareErrors);
        var single = new List<TlibMessage>();
        for (var i = 0; i < 10; i++)
        {
            single.Add(await client.WaitForAsync(m => m.Type == MessageType.EventHardwareError, Timeout, $"EventHardwareError {i + 1} of 10"));
        }

        Assert.All(single, m => Assert.False(m.Extensions!.TryGetValue("suppressed", out _)));
        Assert.All(single, m => Assert.Equal("bad-xml", Value(m.Extensions, "cause").ToString()));

        // The second ends on the link's clock: one summary stands for the other 290.
        time.Advance(TimeSpan.FromSeconds(1));
        var summary = await client.WaitForAsync(m => m.Type == MessageType.EventHardwareError, Timeout, "the summary EventHardwareError");
        Assert.Equal(290, Value(summary.Extensions, "suppressed").AsInt());
        Assert.Equal("bad-xml", Value(summary.Extensions, "cause").ToString());
        Assert.Equal("tel_sw/1", Value(summary.Extensions, "link").ToString());
        Assert.StartsWith("290 more 'bad-xml' hardware errors on link tel_sw/1 within one second were not sent one by one (at most 10 per second per cause)", summary.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("up", service.GetStatus()[0].State);
    }

    [Fact]
    public async Task AReconnectReissuesMonitorStartAndSnapshotDeviceAndFindsTheCallInProgress()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var rig = await OsvLinkRig.StartAsync(ProfileDirectory, Timeout, ct);
        var (simulator, server, client, service) = (rig.Simulator, rig.Server, rig.Client, rig.Service);
        await client.WaitForAsync(m => IsSwitchEvent(m, MessageType.EventLinkConnected), Timeout, "EventLinkConnected for tel_sw");

        // The first activation only monitors: no snapshot round yet.
        Assert.Equal(0, Value(server.LinkDetails!.Invoke("tel_sw"), "snapshot-devices").AsInt());

        // A call between two monitored extensions, then the link drops and comes back while it is in progress.
        var call = simulator.Invoke(m => m.MakeCall("5001", "5002"));
        Assert.False(call.IsError, call.ToString());
        await simulator.DisconnectAllAsync();
        await client.WaitForAsync(m => IsSwitchEvent(m, MessageType.EventLinkDisconnected), Timeout, "EventLinkDisconnected after the switch closed the link");
        await client.WaitForAsync(m => IsSwitchEvent(m, MessageType.EventLinkConnected), Timeout, "EventLinkConnected after the reconnect");

        var details = server.LinkDetails!.Invoke("tel_sw");
        var deadline = DateTime.UtcNow + Timeout;
        while (Value(details, "snapshot-devices").AsInt() == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, ct);
            details = server.LinkDetails!.Invoke("tel_sw");
        }

        // Every DN of the profile's plan answered; the two parties of the call are its connections in progress.
        var telSw = new SwitchSettings { Name = "tel_sw", Profile = "firmware-profiles/osv-v10.json" };
        Assert.Equal(SwitchDirectory.MonitoredDns(SwitchDirectory.BuildDirectory(telSw, SwitchLinkService.LoadProfile(telSw, ProfileDirectory))).Count, Value(details, "snapshot-devices").AsInt());
        Assert.Equal(2, Value(details, "snapshot-connections").AsInt());
        Assert.Equal(0, Value(details, "snapshot-failed").AsInt());
    }

    [Fact]
    public async Task ServerInfoCarriesPerSwitchStateAndCounters()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var rig = await OsvLinkRig.StartAsync(ProfileDirectory, Timeout, ct);
        var (simulator, server, client, service) = (rig.Simulator, rig.Server, rig.Client, rig.Service);
        await client.WaitForAsync(m => IsSwitchEvent(m, MessageType.EventLinkConnected), Timeout, "EventLinkConnected for tel_sw");

        // The link is Up as soon as TCP connects; the first frames (monitor starts, switch answers) follow it.
        // Wait for them to be counted rather than assuming they already were.
        var details = server.LinkDetails?.Invoke("tel_sw");
        var deadline = DateTime.UtcNow + Timeout;
        while (details is not null && (Value(details, "frames-in").AsInt() == 0 || Value(details, "frames-out").AsInt() == 0) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, ct);
            details = server.LinkDetails?.Invoke("tel_sw");
        }

        Assert.NotNull(details);
        Assert.Equal("tel_sw/1", Value(details, "active-link").ToString());
        Assert.True(Value(details, "frames-in").AsInt() > 0);
        Assert.True(Value(details, "frames-out").AsInt() > 0);
        Assert.Equal(0, Value(details, "hardware-errors").AsInt());
        Assert.Null(server.LinkDetails!.Invoke("unknown_sw"));
    }

    [Theory]
    [InlineData("firmware-profiles/serial-lapb-csta.json")]
    [InlineData("firmware-profiles/serial-bsc-csta.json")]
    public void SerialProfilesAreWired(string profile)
    {
        var loaded = SwitchLinkService.LoadProfile(new SwitchSettings { Name = "tel_sw", Profile = profile }, ProfileDirectory);
        Assert.Equal(Pbx.Profiles.TransportKind.Serial, loaded.Transport.Kind);
    }

    [Fact]
    public void ValidationNamesEveryProblemWithItsKeyPath()
    {
        var problems = SwitchSettings.Validate(
            [
                new SwitchSettings { Name = "tel_sw", Profile = "firmware-profiles/osv-v10.json", Links = [new SwitchLinkSettings { Host = "pbx", Port = 70000 }] },
                new SwitchSettings { Name = "tel_sw", Profile = "firmware-profiles/osv-v10.json", Links = [new SwitchLinkSettings { Host = "pbx", Port = 1040 }] },
                new SwitchSettings { Name = "tel_sw_2", Profile = "no-such.json", Links = [] },
            ],
            "Switches",
            ProfileDirectory);
        Assert.Contains(problems, p => p.StartsWith("Switches:0:Links:0:Port:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Switches:1:Name: duplicate switch name 'tel_sw'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Switches:2:Profile:", StringComparison.Ordinal) && p.Contains("not found", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Switches:2:Links:", StringComparison.Ordinal));
    }

    [Fact]
    public void OverlappingNumberingPlansAreRejected()
    {
        var problems = SwitchSettings.Validate(
            [
                new SwitchSettings { Name = "tel_sw", Profile = "firmware-profiles/osv-v10.json", Links = [new SwitchLinkSettings { Host = "pbx", Port = 1040 }] },
                new SwitchSettings { Name = "tel_sw_b", Profile = "firmware-profiles/osv-v10.json", Links = [new SwitchLinkSettings { Host = "pbx2", Port = 1040 }] },
            ],
            "Switches",
            ProfileDirectory);
        var overlap = Assert.Single(problems, p => p.StartsWith("Switches:1:Profile:", StringComparison.Ordinal));
        Assert.StartsWith("Switches:1:Profile: the numbering plan of switch tel_sw_b overlaps switch tel_sw: 5001-5099 overlaps 5001-5099, ", overlap, StringComparison.Ordinal);
    }

    [Fact]
    public void MonitoredDnsFollowTheNumberingPlan()
    {
        var telSw = new SwitchSettings { Name = "tel_sw", Profile = "firmware-profiles/osv-v10.json" };
        var dns = SwitchDirectory.MonitoredDns(SwitchDirectory.BuildDirectory(telSw, SwitchLinkService.LoadProfile(telSw, ProfileDirectory)));
        Assert.Equal(101, dns.Count);
        Assert.Contains("5001", dns);
        Assert.Contains("5099", dns);
        Assert.Contains("4001", dns);
        Assert.Contains("3001", dns);
    }

    [Fact]
    public async Task ADmccProfileOpensTheApplicationSessionBeforeTheLinkIsUpAndMonitorsItsPlan()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var aes = new CstaSimulatorServer(
            new SwitchModel(SwitchingPlan.Demo(), TimeProvider.System),
            new CstaSimulatorOptions
            {
                Flavour = CtiGateway.Pbx.Csta.CstaDialectFlavour.DmccEd3,
                HeartbeatInterval = null,
                ApplicationSession = new SimApplicationSessionOptions { AcceptedProtocolVersions = ["http://www.ecma-international.org/standards/ecma-323/csta/ed3/priv7"] },
                ReportAgentEvents = false,
            });
        aes.Start(new IPEndPoint(IPAddress.Loopback, 0));
        var server = new TlibServer(new TServerOptions { Host = "127.0.0.1", Port = 0 }, NullLoggerFactory.Instance);
        var endpoint = await server.StartAsync(ct);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Task? run = null;
        try
        {
            await using var client = await RawTlibClient.ConnectRegisteredAsync(endpoint, Timeout);
            var service = new SwitchLinkService(
                server,
                [new SwitchSettings
                {
                    Name = "tel_sw_1",
                    Profile = "firmware-profiles/avaya-aes-dmcc-8.json",
                    Links = [new SwitchLinkSettings { Host = "127.0.0.1", Port = aes.LocalEndPoint.Port }],
                    Session = new SwitchSessionSettings { CmName = "CM1" },
                }],
                ProfileDirectory);
            run = service.RunAsync(stop.Token);

            await client.WaitForAsync(
                m => m.Type == MessageType.EventLinkConnected && m.Extensions is { } e && e.TryGetValue("switch", out var s) && s.ToString() == "tel_sw_1",
                Timeout,
                "EventLinkConnected for tel_sw_1");
            Assert.Equal(1, aes.SessionsStarted);

            // GetDeviceId and then MonitorStart for 7001-7999 follow the session: 2 x 999 answers (no CSTAErrorCode for "no session").
            var deadline = DateTime.UtcNow + Timeout;
            while (service.GetStatus()[0].FramesIn < 1 + (2 * 999) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20, ct);
            }

            var status = Assert.Single(service.GetStatus());
            Assert.Equal(("up", 1 + (2 * 999), 0), (status.State, (int)status.FramesIn, (int)status.HardwareErrors));
            Assert.Equal(999, service.DeviceIds("tel_sw_1")?.Count);
        }
        finally
        {
            await stop.CancelAsync();
            if (run is not null)
            {
                await run.WaitAsync(Timeout, CancellationToken.None);
            }

            await server.StopAsync(CancellationToken.None);
        }

        Assert.Equal(1, aes.SessionsStopped);
    }
}
