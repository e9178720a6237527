using System.Text.Json;
using System.Text.RegularExpressions;

namespace CtiGateway.Daemon.Tests;

/// <summary>
/// Orchestration in a real <c>ctigatewayd --demo</c>: the demo's calls at route point 3001 start sessions of the
/// configured strategy, <c>ctigw sessions</c> lists them with their ConnIDs over the control socket, <c>sessions show</c>
/// prints their states, data model, events and log lines, <c>sessions kill</c> ends one, <c>ctigw status</c> and the
/// Prometheus endpoint count them, each &lt;log&gt; line is a log line with the session id and the ConnID; SIGHUP loads a
/// changed strategy for new calls while running sessions keep theirs, and a broken one is rejected. A strategy that
/// does not load stops the start with exit 2 and its FILE:LINE:COL.
/// </summary>
public sealed class OrchestrationDaemonTests
{
    private const string ReadyPattern = @"ready: T-Library server on \S+, port (\d+)";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task DemoCallsStartSessionsThatAreListedShownCountedAndKilled()
    {
        using var dir = new TempConfig("{}");
        var strategy = Path.Combine(dir.Directory, "hold.scxml");
        await File.WriteAllTextAsync(strategy, TestStrategies.Hold(), TestContext.Current.CancellationToken);
        var control = ControlClient.NewSocketPath();
        var metricsPort = FreePort();

        await using var daemon = ManagedProcess.Start(RepoPaths.DaemonDll,
            ["--demo", "--TServer:Port=0", $"--Control:Socket={control}", "--Demo:CallsPerSecond=1", $"--Orchestration:DefaultStrategy={strategy}",
             $"--Metrics:Prometheus:Listen=127.0.0.1:{metricsPort}"]);
        await daemon.WaitForLineAsync(ReadyPattern, Timeout);
        await daemon.WaitForLineAsync(@"Orchestration attached to the T-Library server in process as ctigw-orchestration: 1 routing points run strategies", Timeout);

        // ctigw sessions --json: a session of hold.scxml owning the call's ConnID, in state holding.
        var (id, connId) = await WaitForHoldingSessionAsync(control);

        // Its <log> line is a log line naming the session and the ConnID (event 5003).
        await daemon.WaitForLineAsync($@"Session {id} ConnID {connId}: hold holding {connId}", Timeout);

        // The text listing: one line per session, then the count.
        var list = await CliAsync("sessions", "--control", control);
        Assert.Equal(0, list.Exit);
        Assert.Contains(list.Stdout, l => Regex.IsMatch(l, $@"^{id} hold\.scxml age \d+s: interactions {connId}; states: holding$"));
        Assert.Matches(@"^[1-9]\d* sessions?$", list.Stdout[^1]);

        // show: states, data model, last events and log lines.
        var show = await CliAsync("sessions", "show", id, "--control", control);
        Assert.Equal(0, show.Exit);
        var text = string.Join('\n', show.Stdout);
        Assert.Contains($"session: {id}", text, StringComparison.Ordinal);
        Assert.Contains("strategy: hold.scxml", text, StringComparison.Ordinal);
        Assert.Contains($"interactions: {connId}", text, StringComparison.Ordinal);
        Assert.Contains("states: holding", text, StringComparison.Ordinal);
        Assert.Contains($"\"ixnid\": \"{connId}\"", text, StringComparison.Ordinal);
        Assert.Contains("\"greeting\": \"hold strategy\"", text, StringComparison.Ordinal);
        Assert.Matches($@"(?m)^  interaction\.added .*{connId}", text);
        Assert.Matches($@"(?m)^  interaction\.present .*{connId}", text);
        Assert.Contains($"  hold: holding {connId}", text, StringComparison.Ordinal);

        var showJson = await CliAsync("sessions", "show", id, "--control", control, "--json");
        using (var json = JsonDocument.Parse(string.Join('\n', showJson.Stdout)))
        {
            Assert.Equal(["holding"], json.RootElement.GetProperty("session").GetProperty("ActiveStates").EnumerateArray().Select(s => s.GetString()));
            Assert.Equal(connId, json.RootElement.GetProperty("DataModel").GetProperty("ixnid").GetString());
        }

        // status: the sessions line with live, started, ended and failed; JSON too.
        var status = await CliAsync("status", "--control", control);
        Assert.Equal(0, status.Exit);
        Assert.Contains(status.Stdout, l => Regex.IsMatch(l, @"^sessions: [1-9]\d* live \(started [1-9]\d*, ended \d+, failed \d+ since start\)$"));
        using (var doc = await ControlClient.AskAsync(control, "status", Timeout))
        {
            var sessions = doc.RootElement.GetProperty("sessions");
            Assert.True(sessions.GetProperty("live").GetInt32() >= 1, sessions.GetRawText());
            Assert.True(sessions.GetProperty("started").GetInt64() >= sessions.GetProperty("live").GetInt32(), sessions.GetRawText());
            Assert.False(sessions.TryGetProperty("note", out _));
        }

        // kill: ends it; it is no longer listed, and a second kill or show names the unknown id (exit 1).
        var kill = await CliAsync("sessions", "kill", id, "--control", control);
        Assert.Equal(0, kill.Exit);
        Assert.Equal([$"session {id} killed"], kill.Stdout);
        await daemon.WaitForLineAsync($@"Session {id} killed by the operator", Timeout);
        await WaitAsync(async () =>
        {
            using var listing = await ControlClient.AskAsync(control, "sessions", Timeout);
            return listing.RootElement.GetProperty("sessions").EnumerateArray().All(s => s.GetProperty("Id").GetString() != id);
        }, "the killed session to leave the listing");

        var again = await CliAsync("sessions", "kill", id, "--control", control);
        Assert.Equal(1, again.Exit);
        Assert.Contains($"ctigw: the daemon refused 'sessions kill {id}': no live session '{id}'", again.Stderr);
        var unknown = await CliAsync("sessions", "show", "nosuchsession", "--control", control);
        Assert.Equal(1, unknown.Exit);
        Assert.Contains("ctigw: the daemon refused 'sessions show nosuchsession': no live session 'nosuchsession'", unknown.Stderr);

        // Prometheus: the session counters, with the killed session counted as failed.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var metrics = await http.GetStringAsync(new Uri($"http://127.0.0.1:{metricsPort}/metrics"), TestContext.Current.CancellationToken);
        Assert.Matches(@"(?m)^ctigateway_sessions_live [1-9]\d*$", metrics);
        Assert.Matches(@"(?m)^ctigateway_sessions_started_total [1-9]\d*$", metrics);
        Assert.Matches(@"(?m)^ctigateway_sessions_failed_total [1-9]\d*$", metrics);
        Assert.Matches(@"(?m)^ctigateway_sessions_ended_total \d+$", metrics);
        Assert.Matches(@"(?m)^ctigateway_sessions_routed_total \d+$", metrics);
        Assert.Matches(@"(?m)^ctigateway_sessions_time_to_route_seconds_bucket\{le=""\+Inf""\} \d+$", metrics);
        Assert.Matches(@"(?m)^ctigateway_sessions_time_to_route_seconds_count \d+$", metrics);

        daemon.Signal(Posix.SIGTERM);
        Assert.Equal(0, await daemon.WaitForExitAsync(Timeout));
        Assert.Contains(daemon.StdoutLines, l => Regex.IsMatch(l, @"Orchestration stopped: \d+ sessions were live; since start [1-9]\d* started"));
    }

    [Fact]
    public async Task SighupLoadsAChangedStrategyForNewCallsWhileRunningSessionsKeepTheirsAndABrokenOneIsRejected()
    {
        using var config = new TempConfig("""{ "Orchestration": { "DefaultStrategy": "hold.scxml" } }""");
        var strategy = Path.Combine(config.Directory, "hold.scxml");
        await File.WriteAllTextAsync(strategy, TestStrategies.Hold("holding"), TestContext.Current.CancellationToken);
        var control = ControlClient.NewSocketPath();

        await using var daemon = ManagedProcess.Start(RepoPaths.DaemonDll,
            ["--demo", "--config", config.Path, "--TServer:Port=0", $"--Control:Socket={control}", "--Demo:CallsPerSecond=1"]);
        await daemon.WaitForLineAsync(ReadyPattern, Timeout);
        var (first, _) = await WaitForHoldingSessionAsync(control);

        // A broken strategy: the reload is rejected with the document's FILE:LINE:COL, and everything keeps running.
        await File.WriteAllTextAsync(strategy, TestStrategies.Broken, TestContext.Current.CancellationToken);
        daemon.Signal(Posix.SIGHUP);
        await daemon.WaitForLineAsync($@"Reload rejected, the running configuration stays in force: .*Orchestration:DefaultStrategy: {Regex.Escape(strategy)}:4:\d+: ", Timeout);
        Assert.False(daemon.HasExited);

        // A changed strategy: new calls run it (state held2), the running session keeps its document (state holding).
        await File.WriteAllTextAsync(strategy, TestStrategies.Hold("held2"), TestContext.Current.CancellationToken);
        daemon.Signal(Posix.SIGHUP);
        await daemon.WaitForLineAsync(@"Orchestration: strategies reloaded; 1 route points run strategies", Timeout);
        await WaitAsync(async () =>
        {
            using var listing = await ControlClient.AskAsync(control, "sessions", Timeout);
            return listing.RootElement.GetProperty("sessions").EnumerateArray().Any(s => States(s) == "held2");
        }, "a session of the reloaded strategy (state held2)");

        using (var listing = await ControlClient.AskAsync(control, "sessions", Timeout))
        {
            var kept = Assert.Single(listing.RootElement.GetProperty("sessions").EnumerateArray(), s => s.GetProperty("Id").GetString() == first);
            Assert.Equal("holding", States(kept));
        }

        daemon.Signal(Posix.SIGTERM);
        Assert.Equal(0, await daemon.WaitForExitAsync(Timeout));
    }

    [Fact]
    public async Task AStrategyThatDoesNotLoadStopsTheStartWithExit2AndItsFileLineColumn()
    {
        using var config = new TempConfig($$"""
            {
              "TServer": { "Port": 0 },
              "Switches": [ { "Name": "tel_sw", "Profile": "{{Path.Combine(RepoPaths.Root, "firmware-profiles", "osv-v10.json")}}",
                              "Links": [ { "Host": "127.0.0.1", "Port": 1040 } ],
                              "RoutePoints": [ { "Dn": "3001", "Strategy": "bad.scxml" } ] } ]
            }
            """);
        var bad = Path.Combine(config.Directory, "bad.scxml");
        await File.WriteAllTextAsync(bad, TestStrategies.Broken, TestContext.Current.CancellationToken);

        await using var daemon = ManagedProcess.Start(RepoPaths.DaemonDll, ["--config", config.Path]);
        Assert.Equal(2, await daemon.WaitForExitAsync(Timeout));
        var line = Assert.Single(daemon.StderrLines);
        Assert.Matches($@"^{Regex.Escape(config.Path)}:\d+:\d+: Switches:0:RoutePoints:0:Strategy: {Regex.Escape(bad)}:4:\d+: .*nowhere", line);
        Assert.DoesNotContain(daemon.StdoutLines, l => l.Contains("ready", StringComparison.Ordinal));
    }

    private static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static string States(JsonElement session) => string.Join(",", session.GetProperty("ActiveStates").EnumerateArray().Select(s => s.GetString()));

    /// <summary>Polls <c>ctigw sessions --json</c> until a session in state holding owns a ConnID; returns its id and ConnID.</summary>
    private static async Task<(string Id, string ConnId)> WaitForHoldingSessionAsync(string control)
    {
        string? id = null;
        string? connId = null;
        await WaitAsync(async () =>
        {
            var run = await CliAsync("sessions", "--control", control, "--json");
            if (run.Exit != 0)
            {
                return false;
            }

            using var json = JsonDocument.Parse(string.Join('\n', run.Stdout));
            foreach (var s in json.RootElement.GetProperty("sessions").EnumerateArray())
            {
                var interactions = s.GetProperty("Interactions").EnumerateArray().ToList();
                if (States(s) == "holding" && interactions.Count == 1)
                {
                    id = s.GetProperty("Id").GetString();
                    connId = interactions[0].GetProperty("ConnID").GetString();
                    Assert.Equal("hold.scxml", s.GetProperty("Strategy").GetString());
                    Assert.Matches("^[0-9a-f]{16}$", connId);
                    Assert.True(s.GetProperty("AgeSeconds").GetDouble() >= 0);
                    return true;
                }
            }

            return false;
        }, "a session of hold.scxml in state holding (ctigw sessions --json)");
        return (id!, connId!);
    }

    private static async Task<(int Exit, string[] Stdout, string Stderr)> CliAsync(params string[] args)
    {
        await using var cli = ManagedProcess.Start(RepoPaths.CliDll, args);
        var exit = await cli.WaitForExitAsync(Timeout);
        return (exit, [.. cli.StdoutLines], string.Join('\n', cli.StderrLines));
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"no {what} within {Timeout}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(300), TestContext.Current.CancellationToken);
        }
    }
}
