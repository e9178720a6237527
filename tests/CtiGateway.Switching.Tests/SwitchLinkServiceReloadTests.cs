using System.Net;
using System.Text.Json.Nodes;
using CtiGateway.Protocol;
using CtiGateway.Server;
using CtiGateway.Simulator;
using Microsoft.Extensions.Logging.Abstractions;

namespace CtiGateway.Switching.Tests;

/// <summary><see cref="SwitchLinkService.ApplyAsync"/> against real simulators and a real T-Library server and client.</summary>
public sealed class SwitchLinkServiceReloadTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private static bool IsLinkEvent(TlibMessage m, MessageType type, string switchName) =>
        m.Type == type && m.Extensions is { } e && e.TryGetValue("switch", out var s) && s.ToString() == switchName;

    [Fact]
    public async Task ApplyAddsRestartsAndRemovesSwitchesOneByOne()
    {
        var ct = TestContext.Current.CancellationToken;
        var dir = Path.Combine(Path.GetTempPath(), "ctigw-reload-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        await using var simA = new CstaSimulatorServer(new SwitchModel(SwitchingPlan.Demo(), TimeProvider.System), new CstaSimulatorOptions { HeartbeatInterval = null });
        simA.Start(new IPEndPoint(IPAddress.Loopback, 0));
        await using var simB = new CstaSimulatorServer(new SwitchModel(SwitchingPlan.Demo(), TimeProvider.System), new CstaSimulatorOptions { HeartbeatInterval = null });
        simB.Start(new IPEndPoint(IPAddress.Loopback, 0));
        var server = new TlibServer(new TServerOptions { Host = "127.0.0.1", Port = 0 }, NullLoggerFactory.Instance);
        var endpoint = await server.StartAsync(ct);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Task? run = null;
        try
        {
            var profileB = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "firmware-profiles", "osv-v10.json"), ct))!.AsObject();
            profileB.Remove("$schema");
            profileB["id"] = "osv-v10-b";
            profileB["numbering-plan"] = JsonNode.Parse("""[ { "from": "7001", "to": "7005", "type": "extension" } ]""");
            var profileBPath = Path.Combine(dir, "osv-v10-b.json");
            await File.WriteAllTextAsync(profileBPath, profileB.ToJsonString(), ct);

            var telSw = new SwitchSettings { Name = "tel_sw", Profile = "firmware-profiles/osv-v10.json", Links = [new SwitchLinkSettings { Host = "127.0.0.1", Port = simA.LocalEndPoint.Port }] };
            var swB = new SwitchSettings { Name = "sw_b", Profile = profileBPath, Links = [new SwitchLinkSettings { Host = "127.0.0.1", Port = simB.LocalEndPoint.Port }] };
            await using var client = await RawTlibClient.ConnectRegisteredAsync(endpoint, Timeout);
            var service = new SwitchLinkService(server, [telSw], AppContext.BaseDirectory);
            run = service.RunAsync(stop.Token);
            await client.WaitForAsync(m => IsLinkEvent(m, MessageType.EventLinkConnected, "tel_sw"), Timeout, "EventLinkConnected for tel_sw");

            // Nothing changed: nothing restarts.
            var same = await service.ApplyAsync([telSw], AppContext.BaseDirectory, ct);
            Assert.Equal(["tel_sw"], same.Unchanged);
            Assert.Empty(same.Restarted);

            // Added switch: started, the other untouched.
            var added = await service.ApplyAsync([telSw, swB], AppContext.BaseDirectory, ct);
            Assert.Equal(["sw_b"], added.Added);
            Assert.Equal(["tel_sw"], added.Unchanged);
            await client.WaitForAsync(m => IsLinkEvent(m, MessageType.EventLinkConnected, "sw_b"), Timeout, "EventLinkConnected for sw_b");
            Assert.Equal(["sw_b", "tel_sw"], service.SwitchNames.Order(StringComparer.Ordinal));

            // Links of tel_sw changed: only tel_sw restarts.
            var telSw2 = new SwitchSettings { Name = "tel_sw", Profile = telSw.Profile, Links = [new SwitchLinkSettings { Host = "127.0.0.1", Port = simA.LocalEndPoint.Port, Priority = 2 }] };
            var restarted = await service.ApplyAsync([telSw2, swB], AppContext.BaseDirectory, ct);
            Assert.Equal(["tel_sw"], restarted.Restarted);
            Assert.Equal(["sw_b"], restarted.Unchanged);
            var down = await client.WaitForAsync(m => IsLinkEvent(m, MessageType.EventLinkDisconnected, "tel_sw"), Timeout, "EventLinkDisconnected for tel_sw");
            Assert.Contains("links changed", down.ErrorMessage, StringComparison.Ordinal);
            await client.WaitForAsync(m => IsLinkEvent(m, MessageType.EventLinkConnected, "tel_sw"), Timeout, "EventLinkConnected for tel_sw after the restart");

            // The profile file of sw_b changed: only sw_b restarts.
            profileB["keep-alive"]!["kpl-interval"] = 5;
            await File.WriteAllTextAsync(profileBPath, profileB.ToJsonString(), ct);
            var changed = await service.ApplyAsync([telSw2, swB], AppContext.BaseDirectory, ct);
            Assert.Equal(["sw_b"], changed.Restarted);
            var downB = await client.WaitForAsync(m => IsLinkEvent(m, MessageType.EventLinkDisconnected, "sw_b"), Timeout, "EventLinkDisconnected for sw_b");
            Assert.Contains("profile file changed", downB.ErrorMessage, StringComparison.Ordinal);
            await client.WaitForAsync(m => IsLinkEvent(m, MessageType.EventLinkConnected, "sw_b"), Timeout, "EventLinkConnected for sw_b after the restart");
            Assert.Equal(5, server.LinkDetails!("sw_b")!.TryGetValue("keep-alive-seconds", out var kpl) ? kpl.AsInt() : -1);

            // A broken profile: nothing changes.
            await File.WriteAllTextAsync(profileBPath, "{ \"id\": ", ct);
            await Assert.ThrowsAsync<SwitchConfigException>(() => service.ApplyAsync([telSw2, swB], AppContext.BaseDirectory, ct));
            Assert.True(server.LinkStates["sw_b"]);
            Assert.Equal(["sw_b", "tel_sw"], service.SwitchNames.Order(StringComparer.Ordinal));

            // Removed switch: stopped and declared disconnected with the reason.
            var removed = await service.ApplyAsync([telSw2], AppContext.BaseDirectory, ct);
            Assert.Equal(["sw_b"], removed.Removed);
            var gone = await client.WaitForAsync(m => IsLinkEvent(m, MessageType.EventLinkDisconnected, "sw_b"), Timeout, "EventLinkDisconnected for the removed sw_b");
            Assert.Contains("removed from the configuration", gone.ErrorMessage, StringComparison.Ordinal);
            Assert.False(server.LinkStates["sw_b"]);
            Assert.True(server.LinkStates["tel_sw"]);
            Assert.Equal(["tel_sw"], service.SwitchNames);
            Assert.All(service.GetStatus(), s => Assert.Equal("tel_sw", s.Switch));
        }
        finally
        {
            await stop.CancelAsync();
            if (run is not null)
            {
                await run.WaitAsync(Timeout, CancellationToken.None);
            }

            await server.StopAsync(CancellationToken.None);
            Directory.Delete(dir, recursive: true);
        }
    }
}
