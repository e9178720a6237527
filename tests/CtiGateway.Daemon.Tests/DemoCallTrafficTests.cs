using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using CtiGateway.Protocol;

namespace CtiGateway.Daemon.Tests;

/// <summary>
/// Issue 9's demo and visibility, against real processes: <c>ctigatewayd --demo</c> carries live call traffic that
/// reaches agent 5001 (its direct line rings every 15 s, besides the calls route point 3001's strategy may send it),
/// <c>ctigw monitor 5001</c> beside it prints
/// that DN's calls, <c>ctigw request RequestMakeCall ThisDN=5050 OtherDN=5051</c> makes a call both DNs see, and the
/// call shows in <c>ctigw calls</c>, in the counts of <c>ctigw status</c> and in the Prometheus metrics.
/// </summary>
public sealed class DemoCallTrafficTests
{
    private const string ReadyPattern = @"ready: T-Library server on \S+, port (\d+)";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task TheDemoCallsReach5001AndAMakeCallIsSeenByBothDnsListedCountedAndMeasured()
    {
        var control = ControlClient.NewSocketPath();
        var metricsPort = FreePort();

        // The demo's own traffic and timing: 5001's direct line rings 1 s after the traffic starts and then every 15 s
        // (a call that finds 5001 busy with a routed call is not offered, but then that call rings 5001), so the monitor
        // sees a whole call of 5001 within about 15 s + 12 s of registering, well inside the generous timeout.
        await using var daemon = ManagedProcess.Start(RepoPaths.DaemonDll,
            ["--demo", "--TServer:Port=0", $"--Control:Socket={control}", $"--Metrics:Prometheus:Listen=127.0.0.1:{metricsPort}"]);
        var port = int.Parse((await daemon.WaitForLineAsync(ReadyPattern, Timeout)).Groups[1].Value, CultureInfo.InvariantCulture);
        var server = $"127.0.0.1:{port}";

        // ctigw monitor 5001 beside the demo prints one whole call of agent 5001: ringing, answered, released.
        await using var monitor = ManagedProcess.Start(RepoPaths.CliDll, ["--server", server, "monitor", "5001"]);
        var ringing = await monitor.WaitForLineAsync(@"^EventRinging ConnID=(?<conn>[0-9a-f]{16}) .*CallType=Inbound .*ThisDN=5001 ", Timeout);
        var agentCall = ringing.Groups["conn"].Value;
        await monitor.WaitForLineAsync($@"^EventEstablished ConnID={agentCall} .*ThisDN=5001 ", Timeout);
        await monitor.WaitForLineAsync($@"^EventReleased ConnID={agentCall} .*ThisDN=5001 ", Timeout);

        // RequestMakeCall from 5050 to 5051: the request exits 0 with EventDialing, and 5051 rings on the same ConnID.
        await using var at5050 = await RegisteredAsync(port, "5050");
        await using var at5051 = await RegisteredAsync(port, "5051");
        await using (var request = ManagedProcess.Start(RepoPaths.CliDll, ["--server", server, "request", "RequestMakeCall", "ThisDN=5050", "OtherDN=5051"]))
        {
            Assert.True(await request.WaitForExitAsync(Timeout) == 0, request.Output);
            Assert.Contains(request.StdoutLines, l => l.StartsWith("EventDialing ", StringComparison.Ordinal) && l.Contains("ThisDN=5050", StringComparison.Ordinal));
        }

        var dialing = await at5050.WaitForAsync(m => m.Type == MessageType.EventDialing && m.ThisDN == "5050", Timeout, "EventDialing on 5050");
        var rang = await at5051.WaitForAsync(m => m.Type == MessageType.EventRinging && m.ThisDN == "5051", Timeout, "EventRinging on 5051");
        Assert.NotNull(dialing.ConnID);
        Assert.Equal(dialing.ConnID, rang.ConnID);
        var madeCall = dialing.ConnID.Value.ToString();
        Assert.Matches("^[0-9a-f]{16}$", madeCall);

        // ctigw calls --json lists it with both parties; every ConnID is 16 lowercase hex digits.
        await using (var calls = ManagedProcess.Start(RepoPaths.CliDll, ["calls", "--control", control, "--json"]))
        {
            Assert.True(await calls.WaitForExitAsync(Timeout) == 0, calls.Output);
            using var json = JsonDocument.Parse(string.Join('\n', calls.StdoutLines));
            var root = json.RootElement;
            Assert.True(root.GetProperty("ok").GetBoolean());
            Assert.False(root.GetProperty("truncated").GetBoolean());
            var listed = root.GetProperty("calls").EnumerateArray().ToList();
            Assert.Equal(root.GetProperty("count").GetInt32(), listed.Count);
            Assert.All(listed, c => Assert.Matches("^[0-9a-f]{16}$", c.GetProperty("ConnID").GetString()));
            var made = Assert.Single(listed, c => c.GetProperty("ConnID").GetString() == madeCall);
            Assert.Equal("tel_sw", made.GetProperty("Switch").GetString());
            Assert.Equal("Internal", made.GetProperty("CallType").GetString());
            Assert.Equal("ringing", made.GetProperty("Phase").GetString());
            Assert.True(made.GetProperty("AgeSeconds").GetDouble() >= 0);
            var parties = made.GetProperty("Parties").EnumerateArray()
                .Select(p => (p.GetProperty("DN").GetString(), p.GetProperty("PartyState").GetString(), p.GetProperty("Role").GetString())).ToList();
            Assert.Equal([("5050", "Dialing", "Origination"), ("5051", "Alerting", "Destination")], parties);
            Assert.Empty(made.GetProperty("UserDataKeys").EnumerateArray());
        }

        // The text form: one line per call, then the count.
        await using (var calls = ManagedProcess.Start(RepoPaths.CliDll, ["calls", "--control", control]))
        {
            Assert.True(await calls.WaitForExitAsync(Timeout) == 0, calls.Output);
            Assert.Contains(calls.StdoutLines, l => Regex.IsMatch(l, $@"^{madeCall} tel_sw Internal Ok age \d+s: 5050 Dialing \(Origination\), 5051 Alerting \(Destination\); user data: none$"));
            Assert.Matches(@"^[1-9]\d* calls?$", calls.StdoutLines.Last());
        }

        // ctigw status counts the calls by state: the call 5051 never answers keeps ringing.
        await using (var status = ManagedProcess.Start(RepoPaths.CliDll, ["status", "--control", control]))
        {
            Assert.True(await status.WaitForExitAsync(Timeout) == 0, status.Output);
            var text = string.Join('\n', status.StdoutLines);
            Assert.Matches(@"(?m)^calls: [1-9]\d* \(dialing \d+, ringing [1-9]\d*, queued \d+, established \d+, held \d+, failed \d+, other \d+\)$", text);
            Assert.Matches(@"(?m)^  switch tel_sw: [1-9]\d* \(dialing \d+, ringing [1-9]\d*, ", text);
            Assert.Matches(@"(?m)^  switch tel_sw_1: \d+ \(dialing ", text);
        }

        using (var status = await ControlClient.AskAsync(control, "status", Timeout))
        {
            var calls = status.RootElement.GetProperty("calls");
            Assert.True(calls.GetProperty("byState").GetProperty("ringing").GetInt64() >= 1, calls.GetRawText());
            var states = calls.GetProperty("byState").EnumerateObject().Select(p => p.Name).ToList();
            Assert.Equal(["dialing", "ringing", "queued", "established", "held", "failed", "other"], states);
            Assert.Equal(calls.GetProperty("count").GetInt64(), calls.GetProperty("byState").EnumerateObject().Sum(p => p.Value.GetInt64()));
            var telSw = Assert.Single(calls.GetProperty("switches").EnumerateArray(), s => s.GetProperty("switch").GetString() == "tel_sw");
            Assert.True(telSw.GetProperty("count").GetInt64() >= 1);
            Assert.False(calls.TryGetProperty("note", out _));
        }

        // Prometheus: calls per switch, call events, requests, call-level hardware errors, queue depth, and the
        // request-latency histogram with the MakeCall in it.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var scrape = await ScrapeUntilAsync(http, $"http://127.0.0.1:{metricsPort}/metrics",
            s => Value(s, "ctigateway_calls", "tel_sw") >= 1 && Value(s, "ctigateway_request_latency_seconds_count", "tel_sw") >= 1);
        Assert.Contains("# TYPE ctigateway_calls gauge", scrape, StringComparison.Ordinal);
        Assert.Contains("# TYPE ctigateway_call_events_published_total counter", scrape, StringComparison.Ordinal);
        Assert.Contains("# TYPE ctigateway_call_requests_total counter", scrape, StringComparison.Ordinal);
        Assert.Contains("# TYPE ctigateway_call_hardware_errors_total counter", scrape, StringComparison.Ordinal);
        Assert.Contains("# TYPE ctigateway_call_queue_depth gauge", scrape, StringComparison.Ordinal);
        Assert.Contains("# TYPE ctigateway_request_latency_seconds histogram", scrape, StringComparison.Ordinal);
        Assert.True(Value(scrape, "ctigateway_call_events_published_total", "tel_sw") >= 4, scrape);
        Assert.True(Value(scrape, "ctigateway_call_requests_total", "tel_sw") >= 1, scrape);
        Assert.Equal((double?)0, Value(scrape, "ctigateway_call_hardware_errors_total", "tel_sw"));
        Assert.True(Value(scrape, "ctigateway_call_queue_depth", "tel_sw") >= 0, scrape);
        Assert.True(Value(scrape, "ctigateway_request_latency_seconds_sum", "tel_sw") > 0, scrape);

        var buckets = Regex.Matches(scrape, @"(?m)^ctigateway_request_latency_seconds_bucket\{le=""(?<le>[^""]+)"",switch=""tel_sw""\} (?<n>\d+)$")
            .Select(m => (Le: m.Groups["le"].Value, Count: long.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture))).ToList();
        Assert.Equal("+Inf", buckets[^1].Le);
        Assert.Equal(14, buckets.Count);
        Assert.Equal(Value(scrape, "ctigateway_request_latency_seconds_count", "tel_sw"), buckets[^1].Count);
        for (var i = 1; i < buckets.Count; i++)
        {
            Assert.True(buckets[i].Count >= buckets[i - 1].Count, $"buckets are cumulative: {string.Join(", ", buckets)}");
        }

        monitor.Signal(Posix.SIGTERM);
        Assert.Equal(0, await monitor.WaitForExitAsync(Timeout));
        daemon.Signal(Posix.SIGTERM);
        Assert.Equal(0, await daemon.WaitForExitAsync(Timeout));
        Directory.Delete(Path.GetDirectoryName(control)!, recursive: true);
    }

    [Fact]
    public async Task CallsWithoutSwitchesIsAnEmptyListAndTheStatusSaysWhy()
    {
        var control = ControlClient.NewSocketPath();
        using var config = new TempConfig($$"""{ "TServer": { "Port": 0 }, "Control": { "Socket": "{{control}}" } }""");
        await using var daemon = ManagedProcess.Start(RepoPaths.DaemonDll, ["--config", config.Path]);
        await daemon.WaitForLineAsync(ReadyPattern, Timeout);
        await daemon.WaitForLineAsync(Regex.Escape($"Control socket listening on {control}"), Timeout);

        await using (var calls = ManagedProcess.Start(RepoPaths.CliDll, ["calls", "--control", control]))
        {
            Assert.True(await calls.WaitForExitAsync(Timeout) == 0, calls.Output);
            Assert.Equal(["0 calls (no switches configured)"], calls.StdoutLines);
        }

        await using (var status = ManagedProcess.Start(RepoPaths.CliDll, ["status", "--control", control]))
        {
            Assert.True(await status.WaitForExitAsync(Timeout) == 0, status.Output);
            Assert.Contains("calls: 0 (dialing 0, ringing 0, queued 0, established 0, held 0, failed 0, other 0) (no switches configured)", status.StdoutLines);
        }

        await using (var missing = ManagedProcess.Start(RepoPaths.CliDll, ["calls", "--control", control + ".missing"]))
        {
            Assert.Equal(1, await missing.WaitForExitAsync(Timeout));
            Assert.Contains(missing.StderrLines, l => l.Contains(control + ".missing", StringComparison.Ordinal) && l.Contains("cannot reach ctigatewayd", StringComparison.Ordinal));
        }

        daemon.Signal(Posix.SIGTERM);
        Assert.Equal(0, await daemon.WaitForExitAsync(Timeout));
        Directory.Delete(Path.GetDirectoryName(control)!, recursive: true);
    }

    private static async Task<TlibEventRecorder> RegisteredAsync(int port, string dn)
    {
        var client = await TlibEventRecorder.ConnectRegisteredAsync(port, Timeout, "demo-test-" + dn);
        await client.RequestAsync(new TlibMessage(MessageType.RequestRegisterAddress) { ThisDN = dn }, MessageType.EventRegistered, Timeout);
        return client;
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>The value of <paramref name="name"/>{switch="<paramref name="switchName"/>"}, or null.</summary>
    private static double? Value(string scrape, string name, string switchName)
    {
        var m = Regex.Match(scrape, $@"(?m)^{Regex.Escape(name)}\{{switch=""{Regex.Escape(switchName)}""\}} (\S+)$");
        return m.Success ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    private static async Task<string> ScrapeUntilAsync(HttpClient http, string url, Func<string, bool> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        var last = string.Empty;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = await http.GetStringAsync(new Uri(url), TestContext.Current.CancellationToken);
                if (condition(last))
                {
                    return last;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"{url} did not reach the expected values within {Timeout}; last scrape:\n{last}");
    }
}
