using System.Net;
using CtiGateway.Protocol;
using CtiGateway.Server;
using CtiGateway.Simulator;
using Microsoft.Extensions.Logging.Abstractions;

namespace CtiGateway.Switching.Tests;

/// <summary>
/// <c>Switches:N:Dns</c> at run time, against a real simulator, T-Library server and client: the switch's own DNs are
/// monitored like its plan's (trunks are not), and a change of the entries restarts that switch on reload.
/// </summary>
public sealed class SwitchDnReloadTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ADnsChangeRestartsTheSwitchAndItsNewDnsAreMonitored()
    {
        var ct = TestContext.Current.CancellationToken;
        var plan = SwitchingPlan.Demo();
        plan.Add(new SimDevice("4002", "tel_sw", SimDeviceKind.AcdQueue));
        await using var simulator = new CstaSimulatorServer(new SwitchModel(plan, TimeProvider.System), new CstaSimulatorOptions { HeartbeatInterval = null });
        simulator.Start(new IPEndPoint(IPAddress.Loopback, 0));
        var server = new TlibServer(new TServerOptions { Host = "127.0.0.1", Port = 0 }, NullLoggerFactory.Instance);
        var endpoint = await server.StartAsync(ct);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Task? run = null;
        try
        {
            await using var client = await RawTlibClient.ConnectRegisteredAsync(endpoint, Timeout);
            var link = new SwitchLinkSettings { Host = "127.0.0.1", Port = simulator.LocalEndPoint.Port };
            var before = new SwitchSettings { Name = "tel_sw", Profile = "firmware-profiles/osv-v10.json", Links = [link] };
            var service = new SwitchLinkService(server, [before], AppContext.BaseDirectory);
            run = service.RunAsync(stop.Token);
            await client.WaitForAsync(m => IsLinkEvent(m, MessageType.EventLinkConnected), Timeout, "EventLinkConnected for tel_sw");
            var planOnly = await WaitForMonitorsAsync(simulator, 101, ct);
            Assert.DoesNotContain("4002", planOnly);

            // The same switch with its own entries: an added queue, a plan DN retyped, a trunk (never monitored).
            var after = new SwitchSettings
            {
                Name = "tel_sw",
                Profile = before.Profile,
                Links = [link],
                Dns = [SwitchDirectoryTests.Dn("4002", "ACDQueue"), SwitchDirectoryTests.Dn("5050", "ACDPosition"), SwitchDirectoryTests.Dn("T9", "Trunk")],
            };
            var applied = await service.ApplyAsync([after], AppContext.BaseDirectory, ct);
            Assert.Equal(["tel_sw"], applied.Restarted);
            var down = await client.WaitForAsync(m => IsLinkEvent(m, MessageType.EventLinkDisconnected), Timeout, "EventLinkDisconnected for tel_sw");
            Assert.Contains("DN entries changed", down.ErrorMessage, StringComparison.Ordinal);
            await client.WaitForAsync(m => IsLinkEvent(m, MessageType.EventLinkConnected), Timeout, "EventLinkConnected for tel_sw after the restart");
            var withEntries = await WaitForMonitorsAsync(simulator, 102, ct);
            Assert.Contains("4002", withEntries);
            Assert.Contains("5050", withEntries);
            Assert.DoesNotContain("T9", withEntries);

            // The same entries again: nothing restarts.
            var same = await service.ApplyAsync([after], AppContext.BaseDirectory, ct);
            Assert.Equal(["tel_sw"], same.Unchanged);
            Assert.Empty(same.Restarted);

            // Entries that validation refuses: the reload is refused and the switch keeps running.
            var bad = new SwitchSettings { Name = "tel_sw", Profile = before.Profile, Links = [link], Dns = [SwitchDirectoryTests.Dn("4002", "Queue")] };
            var refused = await Assert.ThrowsAsync<SwitchConfigException>(() => service.ApplyAsync([bad], AppContext.BaseDirectory, ct));
            Assert.Contains("Switches:0:Dns:0:Type: 'Queue' is not a DN type", refused.Message, StringComparison.Ordinal);
            Assert.Equal("up", Assert.Single(service.GetStatus()).State);
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
    }

    private static bool IsLinkEvent(TlibMessage m, MessageType type) =>
        m.Type == type && m.Extensions is { } e && e.TryGetValue("switch", out var s) && s.ToString() == "tel_sw";

    /// <summary>Waits until the simulator holds exactly <paramref name="count"/> monitors (one per DN) and returns their devices.</summary>
    private static async Task<IReadOnlyList<string>> WaitForMonitorsAsync(CstaSimulatorServer simulator, int count, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + Timeout;
        var devices = simulator.Invoke(m => m.MonitoredDevices);
        while (devices.Count != count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, ct);
            devices = simulator.Invoke(m => m.MonitoredDevices);
        }

        Assert.Equal(count, devices.Count);
        Assert.Equal(count, devices.Distinct(StringComparer.Ordinal).Count());
        return devices;
    }
}
