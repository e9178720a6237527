using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using CtiGateway.Protocol;
using CtiGateway.Server;
using CtiGateway.Simulator;
using Microsoft.Extensions.Logging.Abstractions;
using Nerdbank.Streams;

namespace CtiGateway.Switching.Tests;

/// <summary>Serial and dial-in (gateway as TCP server) links: configuration checks and a real dial-in over loopback.</summary>
public sealed class SerialAndDialInLinkTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private static readonly string ProfileDirectory = AppContext.BaseDirectory;

    private static bool IsSwitchEvent(TlibMessage m, MessageType type) =>
        m.Type == type && m.Extensions is { } e && e.TryGetValue("switch", out var s) && s.ToString() == "tel_sw";

    [Fact]
    public void SerialLinkKeysAreCheckedWithTheirKeyPaths()
    {
        var problems = SwitchSettings.Validate(
            [
                new SwitchSettings
                {
                    Name = "tel_sw",
                    Profile = "firmware-profiles/serial-lapb-csta.json",
                    Links =
                    [
                        new SwitchLinkSettings(),
                        new SwitchLinkSettings { Device = "/dev/ttyS1", Baud = 12345, DataBits = 9, Parity = "sometimes", StopBits = "3", FlowControl = "dtr" },
                        new SwitchLinkSettings { Device = "/dev/ttyS1", Host = "pbx", Port = 1040 },
                        new SwitchLinkSettings { Device = "ttyS2" },
                        new SwitchLinkSettings { Device = "/dev/ttyS3", DataBits = 6, StopBits = "1.5" },
                    ],
                },
                new SwitchSettings
                {
                    Name = "tel_sw_1",
                    Profile = "firmware-profiles/avaya-aes-dmcc-8.json",
                    Links = [new SwitchLinkSettings { Host = "aes", Port = 4721, Device = "/dev/ttyS0" }],
                },
            ],
            "Switches",
            ProfileDirectory);
        Assert.Contains(problems, p => p.StartsWith("Switches:0:Links:0:Device: a serial device is required", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Switches:0:Links:1:Baud: 12345 is not a standard rate", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Switches:0:Links:1:DataBits: 9", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Switches:0:Links:1:Parity: 'sometimes'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Switches:0:Links:1:StopBits: '3'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Switches:0:Links:1:FlowControl: 'dtr'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Switches:0:Links:2:Host: not used by serial profile", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Switches:0:Links:2:Port: not used by serial profile", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Switches:0:Links:2:Device: '/dev/ttyS1' is already the device of Switches:0:Links:1", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Switches:0:Links:3:Device: 'ttyS2' is not an absolute device path", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Switches:0:Links:4: serial stop-bits 1.5 needs 5 data bits", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Switches:1:Links:0: Device, Baud", StringComparison.Ordinal));
        Assert.Equal(12, problems.Count(p => p.Contains(":Links:", StringComparison.Ordinal)));
    }

    [Fact]
    public void AGoodSerialLinkHasNoProblems()
    {
        var problems = SwitchSettings.Validate(
            [new SwitchSettings { Name = "tel_sw", Profile = "firmware-profiles/serial-bsc-csta.json", Links = [new SwitchLinkSettings { Device = "/dev/ttyUSB0", Baud = 115200, Parity = "even" }] }],
            "Switches",
            ProfileDirectory);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task ADialInPbxConnectsToTheGatewaysListeningEndpoint()
    {
        var ct = TestContext.Current.CancellationToken;
        var directory = Directory.CreateTempSubdirectory("ctigw-dial-in-");
        try
        {
            // Test-only profile: osv-v10 with the gateway as TCP server (the PBX dials in).
            var profile = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(ProfileDirectory, "firmware-profiles", "osv-v10.json"), ct))!;
            profile["id"] = "osv-v10-dial-in";
            profile.AsObject().Remove("$schema");
            profile["transport"]!["role"] = "server";
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "osv-v10-dial-in.json"), profile.ToJsonString(), ct);
            var settings = new SwitchSettings { Name = "tel_sw", Profile = "osv-v10-dial-in.json", Links = [new SwitchLinkSettings { Host = "127.0.0.1", Port = 0 }] };
            Assert.Empty(SwitchSettings.Validate([settings], "Switches", directory.FullName));

            await using var simulator = new CstaSimulatorServer(new SwitchModel(SwitchingPlan.Demo(), TimeProvider.System), new CstaSimulatorOptions { HeartbeatInterval = null });
            var server = new TlibServer(new TServerOptions { Host = "127.0.0.1", Port = 0 }, NullLoggerFactory.Instance);
            var endpoint = await server.StartAsync(ct);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            Task? run = null;
            try
            {
                await using var client = await RawTlibClient.ConnectRegisteredAsync(endpoint, Timeout);
                var service = new SwitchLinkService(server, [settings], directory.FullName);
                var status = Assert.Single(service.GetStatus());
                Assert.StartsWith("listen 127.0.0.1:", status.Endpoint, StringComparison.Ordinal);
                var listen = IPEndPoint.Parse(status.Endpoint["listen ".Length..]);
                Assert.NotEqual(0, listen.Port);
                run = service.RunAsync(stop.Token);

                // The PBX dials in: the simulator serves the accepted connection.
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(listen, ct);
                var first = new NetworkStream(socket, ownsSocket: true).UsePipe(cancellationToken: ct);
                simulator.AttachLink(first);
                await client.WaitForAsync(m => IsSwitchEvent(m, MessageType.EventLinkConnected), Timeout, "EventLinkConnected after the PBX dialled in");
                Assert.True(server.LinkStates["tel_sw"]);
                await WaitForAsync(() => service.GetStatus()[0].FramesIn > 0, "frames from the dialled-in PBX");

                // The PBX hangs up and dials in again: the same endpoint takes the new connection.
                await simulator.DisconnectAllAsync();
                await first.Input.CompleteAsync(); // with Output completed too, UsePipe closes the socket
                await first.Output.CompleteAsync();
                await client.WaitForAsync(m => IsSwitchEvent(m, MessageType.EventLinkDisconnected), Timeout, "EventLinkDisconnected after the PBX hung up");
                var again = new Socket(SocketType.Stream, ProtocolType.Tcp);
                await again.ConnectAsync(listen, ct);
                simulator.AttachLink(new NetworkStream(again, ownsSocket: true).UsePipe(cancellationToken: ct));
                await client.WaitForAsync(m => IsSwitchEvent(m, MessageType.EventLinkConnected), Timeout, "EventLinkConnected after the second dial-in");
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
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(TimeSpan.FromMilliseconds(50), TestContext.Current.CancellationToken);
        }
    }
}
