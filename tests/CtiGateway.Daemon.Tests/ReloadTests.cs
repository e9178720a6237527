using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using CtiGateway.Protocol;
using CtiGateway.Simulator;

namespace CtiGateway.Daemon.Tests;

/// <summary>
/// SIGHUP against a real ctigatewayd with two switches, each linked to its own PBX simulator, and a real T-Library
/// client registered on a DN: a changed profile restarts only its switch's links; a broken one is rejected and
/// changes nothing. In both cases the client stays connected, keeps its registration and sees every sequence number.
/// </summary>
public sealed class ReloadTests
{
    private const string ReadyPattern = @"ready: T-Library server on \S+, port (\d+)";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ChangedProfileRestartsOnlyItsSwitchAndClientsKeepEverything()
    {
        await using var rig = await Rig.StartAsync();
        var before = await rig.WaitForLinksAsync(a => a == "connected", b => b == "connected");
        Assert.Equal(10, before["sw_a"]["keep-alive-seconds"]);
        var bFramesBefore = before["sw_b"]["frames-in"];
        var mark = rig.Client.Received.Count;

        rig.WriteProfileA(keepAliveSeconds: 7);
        rig.Daemon.Signal(Posix.SIGHUP);
        await rig.Daemon.WaitForLineAsync(@"Switch links reloaded: restarted \[sw_a\], added \[\], removed \[\], unchanged \[sw_b\]", Timeout);
        await rig.Client.WaitForAsync(m => m.Type == MessageType.EventLinkDisconnected && SwitchOf(m) == "sw_a", Timeout, "EventLinkDisconnected of sw_a", mark);
        await rig.Client.WaitForAsync(m => m.Type == MessageType.EventLinkConnected && SwitchOf(m) == "sw_a", Timeout, "EventLinkConnected of sw_a", mark);

        // The change is visible: the new keep-alive is in server-info, and sw_b was never restarted.
        var after = await rig.WaitForLinksAsync(a => a == "connected", b => b == "connected", a => a["keep-alive-seconds"] == 7);
        Assert.True(after["sw_b"]["frames-in"] >= bFramesBefore, "sw_b's link counters were reset: its link was restarted");
        var disconnected = rig.Client.Received.Skip(mark).First(m => m.Type == MessageType.EventLinkDisconnected);
        Assert.Contains("restarting links (profile file changed)", disconnected.ErrorMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(rig.Client.Received.Skip(mark), m => m.Type is MessageType.EventLinkConnected or MessageType.EventLinkDisconnected && SwitchOf(m) == "sw_b");
        Assert.DoesNotContain(rig.Daemon.StdoutLines, l => l.Contains("Switch sw_b: link", StringComparison.Ordinal) && l.Contains(" down ", StringComparison.Ordinal));

        await rig.AssertClientKeptEverythingAsync();
    }

    [Fact]
    public async Task BrokenProfileIsRejectedAndTheRunningOneStays()
    {
        await using var rig = await Rig.StartAsync();
        var before = await rig.WaitForLinksAsync(a => a == "connected", b => b == "connected");
        var mark = rig.Client.Received.Count;

        var text = await File.ReadAllTextAsync(rig.ProfileA, TestContext.Current.CancellationToken);
        Assert.Contains("\"kpl-interval\":10", text, StringComparison.Ordinal);
        await File.WriteAllTextAsync(rig.ProfileA, text.Replace("\"kpl-interval\":10", "\"kpl-interval\":\"often\"", StringComparison.Ordinal), TestContext.Current.CancellationToken);
        rig.Daemon.Signal(Posix.SIGHUP);
        await rig.Daemon.WaitForLineAsync(@"Reload rejected, the running configuration stays in force: \S+\.json:\d+:\d+: Switches:0:Profile: firmware profile .*osv-v10-a\.json' is invalid: .*kpl-interval: expected an integer", Timeout);

        // A server-info round trip: anything the reload had published would arrive before the answer.
        var after = await rig.WaitForLinksAsync(a => a == "connected", b => b == "connected");
        Assert.Equal(10, after["sw_a"]["keep-alive-seconds"]);
        Assert.True(after["sw_a"]["frames-in"] >= before["sw_a"]["frames-in"], "sw_a's link counters were reset: its link was restarted");
        Assert.DoesNotContain(rig.Client.Received.Skip(mark), m => m.Type is MessageType.EventLinkConnected or MessageType.EventLinkDisconnected);
        Assert.DoesNotContain(rig.Daemon.StdoutLines, l => l.Contains("restarting its links", StringComparison.Ordinal) || l.Contains("Switch links reloaded", StringComparison.Ordinal));
        Assert.Equal(1, rig.SimulatorA.LinkCount);

        // Fixing the file and reloading again applies the fixed profile (only sw_a restarts).
        rig.WriteProfileA(keepAliveSeconds: 12);
        rig.Daemon.Signal(Posix.SIGHUP);
        await rig.Daemon.WaitForLineAsync(@"Switch links reloaded: restarted \[sw_a\]", Timeout);
        await rig.WaitForLinksAsync(a => a == "connected", b => b == "connected", a => a["keep-alive-seconds"] == 12);
        await rig.AssertClientKeptEverythingAsync();
    }

    [Fact]
    public async Task DemoWithoutConfigFileRereadsItsProfileOnSighupAndKeepsRunning()
    {
        await using var daemon = ManagedProcess.Start(RepoPaths.DaemonDll, ["--demo", "--TServer:Port=0", "--Demo:CallsPerSecond=0"]);
        await daemon.WaitForLineAsync(ReadyPattern, Timeout);
        await daemon.WaitForLineAsync(@"Switch tel_sw: MonitorStart sent for \d+ DNs", Timeout);
        daemon.Signal(Posix.SIGHUP);
        await daemon.WaitForLineAsync("SIGHUP received with no config file \\(demo\\): re-reading the firmware profiles", Timeout);
        await daemon.WaitForLineAsync(@"Switch links reloaded: restarted \[\], added \[\], removed \[\], unchanged \[tel_sw, tel_sw_1\]", Timeout);
        Assert.False(daemon.HasExited);
        daemon.Signal(Posix.SIGTERM);
        Assert.Equal(0, await daemon.WaitForExitAsync(TimeSpan.FromSeconds(5)));
    }

    private static string? SwitchOf(TlibMessage m) =>
        m.Extensions is { } e && e.TryGetValue("switch", out var v) && v.Type == KeyValueType.String ? v.AsString() : null;

    /// <summary>Daemon + two simulators + one registered client.</summary>
    private sealed class Rig : IAsyncDisposable
    {
        private readonly TempConfig _config;
        private readonly JsonObject _profileTemplate;

        private Rig(TempConfig config, JsonObject profileTemplate, CstaSimulatorServer a, CstaSimulatorServer b)
        {
            _config = config;
            _profileTemplate = profileTemplate;
            SimulatorA = a;
            SimulatorB = b;
        }

        public CstaSimulatorServer SimulatorA { get; }

        public CstaSimulatorServer SimulatorB { get; }

        public ManagedProcess Daemon { get; private set; } = null!;

        public TlibEventRecorder Client { get; private set; } = null!;

        public string ProfileA => Path.Combine(_config.Directory, "osv-v10-a.json");

        public static async Task<Rig> StartAsync()
        {
            var template = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "firmware-profiles", "osv-v10.json")))!.AsObject();
            template.Remove("$schema");
            var a = new CstaSimulatorServer(new SwitchModel(SwitchingPlan.Demo(), TimeProvider.System));
            a.Start(new IPEndPoint(IPAddress.Loopback, 0));
            var b = new CstaSimulatorServer(new SwitchModel(SwitchingPlan.Demo(), TimeProvider.System));
            b.Start(new IPEndPoint(IPAddress.Loopback, 0));
            var config = new TempConfig("{}");
            var rig = new Rig(config, template, a, b);
            rig.WriteProfileA(keepAliveSeconds: 10);
            var pb = template.DeepClone().AsObject();
            pb["id"] = "osv-v10-b";
            pb["numbering-plan"] = JsonNode.Parse("""[ { "from": "7001", "to": "7010", "type": "extension" } ]""");
            await File.WriteAllTextAsync(Path.Combine(config.Directory, "osv-v10-b.json"), pb.ToJsonString());
            config.Rewrite($$"""
                {
                  "TServer": { "Host": "127.0.0.1", "Port": 0 },
                  "Logging": { "Level": "Information" },
                  "Switches": [
                    { "Name": "sw_a", "Profile": "osv-v10-a.json", "Links": [ { "Host": "127.0.0.1", "Port": {{a.LocalEndPoint.Port}} } ] },
                    { "Name": "sw_b", "Profile": "osv-v10-b.json", "Links": [ { "Host": "127.0.0.1", "Port": {{b.LocalEndPoint.Port}} } ] }
                  ]
                }
                """);
            rig.Daemon = ManagedProcess.Start(RepoPaths.DaemonDll, ["--config", config.Path]);
            var ready = await rig.Daemon.WaitForLineAsync(ReadyPattern, Timeout);
            rig.Client = await TlibEventRecorder.ConnectRegisteredAsync(int.Parse(ready.Groups[1].Value, CultureInfo.InvariantCulture), Timeout);
            await rig.Client.RequestAsync(new TlibMessage(MessageType.RequestRegisterAddress) { ThisDN = "5001" }, MessageType.EventRegistered, Timeout);
            return rig;
        }

        public void WriteProfileA(int keepAliveSeconds)
        {
            var pa = _profileTemplate.DeepClone().AsObject();
            pa["id"] = "osv-v10-a";
            pa["keep-alive"]!["kpl-interval"] = keepAliveSeconds;
            File.WriteAllText(ProfileA, pa.ToJsonString());
        }

        /// <summary>Polls EventServerInfo until the link states (and optional details of sw_a) match; returns sw_a's and sw_b's int details.</summary>
        public async Task<Dictionary<string, Dictionary<string, int>>> WaitForLinksAsync(Func<string, bool> a, Func<string, bool> b, Func<Dictionary<string, int>, bool>? aDetails = null)
        {
            var deadline = DateTime.UtcNow + Timeout;
            var last = string.Empty;
            while (DateTime.UtcNow < deadline)
            {
                var info = await Client.RequestAsync(new TlibMessage(MessageType.RequestQueryServer), MessageType.EventServerInfo, Timeout);
                var links = info.Extensions!.TryGetValue("links", out var l) ? l.AsList() : new KeyValueList();
                last = links.ToString();
                var result = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
                var states = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (name, value) in links)
                {
                    // A plain "connected"/"disconnected" string until the switch service has attached its details.
                    var details = value.Type == KeyValueType.List ? value.AsList() : new KeyValueList().Add("state", value.ToString());
                    result[name] = details.Where(d => d.Value.Type == KeyValueType.Int).ToDictionary(d => d.Key, d => d.Value.AsInt(), StringComparer.Ordinal);
                    states[name] = details.TryGetValue("state", out var s) ? s.AsString() : string.Empty;
                }

                if (states.TryGetValue("sw_a", out var sa) && a(sa) && states.TryGetValue("sw_b", out var sb) && b(sb)
                    && result["sw_a"].ContainsKey("frames-in") && result["sw_b"].ContainsKey("frames-in")
                    && (aDetails is null || aDetails(result["sw_a"])))
                {
                    return result;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100));
            }

            throw new TimeoutException($"Links never reached the expected state; last server-info links: {last}\n{Daemon.Output}");
        }

        /// <summary>The client is still connected, still registered on 5001, and saw every sequence number.</summary>
        public async Task AssertClientKeptEverythingAsync()
        {
            var mark = Client.Received.Count;
            var userData = new KeyValueList().Add("check", "after-reload");
            await Client.RequestAsync(new TlibMessage(MessageType.RequestDistributeUserEvent) { ThisDN = "5001", UserData = userData }, MessageType.EventACK, Timeout);
            await Client.WaitForAsync(m => m.Type == MessageType.EventUserEvent && m.ThisDN == "5001", Timeout, "EventUserEvent on 5001 (registration kept)", mark);
            Assert.Null(Client.ClosedReason);

            var sequence = Client.Received.Select(m => m.EventSequenceNumber ?? -1).ToList();
            Assert.DoesNotContain(-1, sequence);
            var sorted = sequence.Order().ToList();
            var gaps = sorted.Zip(sorted.Skip(1)).Where(p => p.Second != p.First + 1).Select(p => $"{p.First}->{p.Second}").ToList();
            Assert.True(gaps.Count == 0, $"sequence gaps or repeats: {string.Join(", ", gaps)}; stream: {Client.Describe()}");
        }

        public async ValueTask DisposeAsync()
        {
            if (Client is not null)
            {
                await Client.DisposeAsync();
            }

            if (Daemon is not null)
            {
                await Daemon.DisposeAsync();
            }

            await SimulatorA.DisposeAsync();
            await SimulatorB.DisposeAsync();
            _config.Dispose();
        }
    }
}
