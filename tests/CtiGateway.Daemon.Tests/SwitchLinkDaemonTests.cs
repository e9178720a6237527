using System.Net;
using System.Text.Json;
using CtiGateway.Simulator;

namespace CtiGateway.Daemon.Tests;

/// <summary>The daemon's switch links: config validation of Switches/Demo and --demo against an external simulator.</summary>
public sealed class SwitchLinkDaemonTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task InvalidSwitchesAndDemoSettingsExit2WithOneLinePerProblem()
    {
        var serial = JsonSerializer.Serialize(Path.Combine(RepoPaths.Root, "firmware-profiles", "serial-lapb-csta.json"));
        using var config = new TempConfig($$"""
            {
              "TServer": { "Port": 0 },
              "Switches": [
                { "Name": "tel_sw", "Profile": "no-such-profile.json", "Links": [ { "Host": "pbx", "Port": 0 } ] },
                { "Name": "tel_sw", "Profile": {{serial}}, "Links": [ { "Host": "pbx", "Port": 1040 } ] }
              ],
              "Demo": { "Simulator": "nonsense", "Simulator1": "pbx:99999", "CallsPerSecond": -1, "AbandonRate": 2, "RoutingTimeout": -5, "DirectCallDn": "4001", "DirectCallInterval": 0.5 }
            }
            """);
        await using var daemon = ManagedProcess.Start(RepoPaths.DaemonDll, ["--config", config.Path]);
        Assert.Equal(2, await daemon.WaitForExitAsync(Timeout));
        var errors = daemon.StderrLines.ToList();
        Assert.Contains(errors, l => l.Contains("Switches:0:Profile:", StringComparison.Ordinal) && l.Contains("not found", StringComparison.Ordinal));
        Assert.Contains(errors, l => l.Contains("Switches:0:Links:0:Port:", StringComparison.Ordinal));
        Assert.Contains(errors, l => l.Contains("Switches:1:Name: duplicate switch name 'tel_sw'", StringComparison.Ordinal));
        Assert.Contains(errors, l => l.Contains("Switches:1:Links:0:Host: not used by serial profile", StringComparison.Ordinal));
        Assert.Contains(errors, l => l.Contains("Switches:1:Links:0:Device: a serial device is required", StringComparison.Ordinal));
        Assert.Contains(errors, l => l.Contains("Demo:Simulator:", StringComparison.Ordinal) && l.Contains("nonsense", StringComparison.Ordinal));
        Assert.Contains(errors, l => l.Contains("Demo:CallsPerSecond:", StringComparison.Ordinal));
        Assert.Contains(errors, l => l.Contains("Demo:Simulator1: 'pbx:99999' is not HOST:PORT", StringComparison.Ordinal));
        Assert.Contains(errors, l => l.Contains("Demo:AbandonRate: 2 must be a fraction from 0 to 1", StringComparison.Ordinal));
        Assert.Contains(errors, l => l.Contains("Demo:RoutingTimeout: -5 must be a number of seconds", StringComparison.Ordinal));
        Assert.Contains(errors, l => l.Contains("Demo:DirectCallDn: '4001' is not an extension of switch tel_sw in the demo plan (5001-5099)", StringComparison.Ordinal));
        Assert.Contains(errors, l => l.Contains("Demo:DirectCallInterval: 0.5 must be 0 (no direct calls) or a number of seconds from 1 to 86400", StringComparison.Ordinal));
        Assert.DoesNotContain(daemon.StdoutLines, l => l.Contains("ready", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DemoWithSimulatorSettingLinksToThatSimulatorAndTelSw1StaysEmbedded()
    {
        await using var simulator = new CstaSimulatorServer(new SwitchModel(SwitchingPlan.Demo(), TimeProvider.System));
        simulator.Start(new IPEndPoint(IPAddress.Loopback, 0));
        await using var daemon = ManagedProcess.Start(
            RepoPaths.DaemonDll,
            ["--demo", "--TServer:Port=0", $"--Demo:Simulator=127.0.0.1:{simulator.LocalEndPoint.Port}"]);
        var ready = await daemon.WaitForLineAsync(@"ready: T-Library server on \S+, port (\d+)", Timeout);
        var server = "127.0.0.1:" + ready.Groups[1].Value;

        var deadline = DateTime.UtcNow + Timeout;
        var text = string.Empty;
        static bool BothUp(string t) =>
            t.Contains("link tel_sw: connected", StringComparison.Ordinal) && t.Contains("link tel_sw_1: connected", StringComparison.Ordinal);
        while (DateTime.UtcNow < deadline && !BothUp(text))
        {
            await using var cli = ManagedProcess.Start(RepoPaths.CliDll, ["--server", server, "server-info"]);
            Assert.Equal(0, await cli.WaitForExitAsync(Timeout));
            text = string.Join('\n', cli.StdoutLines);
            if (!BothUp(text))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken);
            }
        }

        Assert.True(BothUp(text), text);
        Assert.Equal(1, simulator.LinkCount);
        Assert.Contains(daemon.StdoutLines, l => l.Contains($"127.0.0.1:{simulator.LocalEndPoint.Port}", StringComparison.Ordinal));
        Assert.Contains(daemon.StdoutLines, l => l.Contains("switch tel_sw_1 uses the embedded PBX simulator", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DemoWithSimulator1SettingLinksTelSw1ToAnAesSimulatorWithASession()
    {
        var model = new SwitchModel(SwitchingPlan.Demo(), TimeProvider.System);
        await using var aes = new CstaSimulatorServer(
            model,
            new CstaSimulatorOptions
            {
                Flavour = CtiGateway.Pbx.Csta.CstaDialectFlavour.DmccEd3,
                HeartbeatInterval = null,
                ApplicationSession = new SimApplicationSessionOptions(),
                ReportAgentEvents = false,
            });
        aes.Start(new IPEndPoint(IPAddress.Loopback, 0));
        await using var daemon = ManagedProcess.Start(
            RepoPaths.DaemonDll,
            ["--demo", "--TServer:Port=0", $"--Demo:Simulator1=127.0.0.1:{aes.LocalEndPoint.Port}"]);
        var ready = await daemon.WaitForLineAsync(@"ready: T-Library server on \S+, port (\d+)", Timeout);
        var server = "127.0.0.1:" + ready.Groups[1].Value;

        var deadline = DateTime.UtcNow + Timeout;
        var text = string.Empty;
        while (DateTime.UtcNow < deadline && !text.Contains("link tel_sw_1: connected", StringComparison.Ordinal))
        {
            await using var cli = ManagedProcess.Start(RepoPaths.CliDll, ["--server", server, "server-info"]);
            Assert.Equal(0, await cli.WaitForExitAsync(Timeout));
            text = string.Join('\n', cli.StdoutLines);
            if (!text.Contains("link tel_sw_1: connected", StringComparison.Ordinal))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken);
            }
        }

        Assert.Contains("link tel_sw_1: connected", text, StringComparison.Ordinal);
        Assert.Equal((1, 1), (aes.LinkCount, aes.SessionsStarted));
        // The log line comes by another path (the daemon's stdout) than server-info: wait for it too.
        await daemon.WaitForLineAsync(@"application session.*tel_sw_1/1 up|tel_sw_1/1 up.*application session", Timeout);
    }
}
