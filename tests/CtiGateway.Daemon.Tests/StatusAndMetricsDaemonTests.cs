using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using CtiGateway.Client;

namespace CtiGateway.Daemon.Tests;

/// <summary><c>ctigw status</c> over the control socket and the Prometheus endpoint, against a real daemon process.</summary>
public sealed class StatusAndMetricsDaemonTests
{
    private const string ReadyPattern = @"ready: T-Library server on \S+, port (\d+)";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task CtigwStatusReportsLinksClientsDnsAndQueuesOverTheControlSocket()
    {
        // A stale socket file (left by a daemon that died) must be replaced. .NET unlinks the file it bound when the
        // socket is disposed, so the bound file is renamed to the control path first: it stays, with nobody behind it.
        var control = ControlClient.NewSocketPath();
        Directory.CreateDirectory(Path.GetDirectoryName(control)!);
        using (var stale = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            var bound = control + ".tmp";
            stale.Bind(new UnixDomainSocketEndPoint(bound));
            File.Move(bound, control);
        }

        Assert.True(File.Exists(control));
        // Orchestration off: its in-process client and routing point would count as a client and a DN (OrchestrationDaemonTests covers it).
        await using var daemon = ManagedProcess.Start(RepoPaths.DaemonDll, ["--demo", "--TServer:Port=0", $"--Control:Socket={control}", "--Orchestration:Enabled=false"]);
        var port = (await daemon.WaitForLineAsync(ReadyPattern, Timeout)).Groups[1].Value;
        await daemon.WaitForLineAsync("replaced a stale socket file", Timeout);
        await daemon.WaitForLineAsync(Regex.Escape($"Control socket listening on {control} (mode 0660)"), Timeout);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite, File.GetUnixFileMode(control));
        }

        await using var client = new TServerClient(new TServerClientOptions { ApplicationName = "status-test" }.AddEndpoint("127.0.0.1:" + port));
        await client.ConnectAsync(TestContext.Current.CancellationToken);
        await client.RegisterAddressAsync("5001", TestContext.Current.CancellationToken);

        // Poll the real CLI until the demo link is up and the client is counted.
        var text = string.Empty;
        var deadline = DateTime.UtcNow + Timeout;
        while (DateTime.UtcNow < deadline && !(text.Contains("clients: 1 connected", StringComparison.Ordinal) && text.Contains("(switch tel_sw, 127.0.0.1:", StringComparison.Ordinal) && Regex.IsMatch(text, @"link tel_sw/1 \([^)]*\): up, active")
            && Regex.IsMatch(text, @"bytes in/out: [1-9]\d*/[1-9]\d*  frames in/out: [1-9]\d*/[1-9]\d*")))
        {
            await using var cli = ManagedProcess.Start(RepoPaths.CliDll, ["status", "--control", control]);
            Assert.Equal(0, await cli.WaitForExitAsync(Timeout));
            text = string.Join('\n', cli.StdoutLines);
            await Task.Delay(TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken);
        }

        Assert.Matches(@"(?m)^version: \d+\.\d+", text);
        Assert.Matches(@"(?m)^uptime: 0d \d\d:\d\d:\d\d", text);
        Assert.Contains("role: primary", text, StringComparison.Ordinal);
        Assert.Matches(@"link tel_sw/1 \(switch tel_sw, 127\.0\.0\.1:\d+\): up, active; last error: none", text);
        Assert.Matches(@"bytes in/out: [1-9]\d*/[1-9]\d*  frames in/out: [1-9]\d*/[1-9]\d*  hardware errors: 0", text);
        Assert.Contains("clients: 1 connected", text, StringComparison.Ordinal);
        Assert.Contains("dns: 1 registered", text, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^calls: \d+ \(dialing \d+, ringing \d+, queued \d+, established \d+, held \d+, failed \d+, other \d+\)$", text);
        Assert.Matches(@"(?m)^  switch tel_sw: \d+ \(dialing \d+, ", text);
        Assert.Contains("sessions: 0 live (started 0, ended 0, failed 0 since start) (orchestration is not running: Orchestration:Enabled is false)", text, StringComparison.Ordinal);
        Assert.Matches(@"queues: max \d+ bytes, total \d+ bytes over 1 clients \(limit 8388608 bytes per client\)", text);
        Assert.Contains("watchdog: off (no WATCHDOG_USEC)", text, StringComparison.Ordinal);

        await using (var cli = ManagedProcess.Start(RepoPaths.CliDll, ["status", "--control", control, "--json"]))
        {
            Assert.Equal(0, await cli.WaitForExitAsync(Timeout));
            using var json = JsonDocument.Parse(string.Join('\n', cli.StdoutLines));
            var root = json.RootElement;
            Assert.Equal("primary", root.GetProperty("role").GetString());
            Assert.Equal(1, root.GetProperty("clients").GetProperty("connected").GetInt32());
            Assert.Equal(1, root.GetProperty("dns").GetProperty("registered").GetInt32());
            var calls = root.GetProperty("calls");
            Assert.Equal(calls.GetProperty("count").GetInt64(), calls.GetProperty("byState").EnumerateObject().Sum(p => p.Value.GetInt64()));
            Assert.Contains(calls.GetProperty("switches").EnumerateArray(), s => s.GetProperty("switch").GetString() == "tel_sw");
            var link = root.GetProperty("links")[0];
            Assert.Equal("tel_sw", link.GetProperty("switch").GetString());
            Assert.True(link.GetProperty("framesIn").GetInt64() > 0);
            Assert.True(root.GetProperty("queues").GetProperty("maxBytes").GetInt64() >= 0);
        }

        // The control socket is not the T-Library port, and an unreachable daemon is exit 1 naming the socket.
        var missing = Path.Combine(Path.GetDirectoryName(control)!, "nobody.sock");
        await using (var cli = ManagedProcess.Start(RepoPaths.CliDll, ["status", "--control", missing]))
        {
            Assert.Equal(1, await cli.WaitForExitAsync(Timeout));
            Assert.Contains(cli.StderrLines, l => l.Contains(missing, StringComparison.Ordinal) && l.Contains("cannot reach ctigatewayd", StringComparison.Ordinal));
        }

        // Fault commands are refused when the test-only switch is off.
        using (var answer = await ControlClient.AskAsync(control, "fault block-accept-loop", Timeout))
        {
            Assert.False(answer.RootElement.GetProperty("ok").GetBoolean());
            Assert.Contains("fault injection is off", answer.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        }

        daemon.Signal(Posix.SIGTERM);
        Assert.Equal(0, await daemon.WaitForExitAsync(Timeout));
        Assert.False(File.Exists(control), "the daemon removes its control socket on a clean stop");
        Directory.Delete(Path.GetDirectoryName(control)!, recursive: true);
    }

    [Fact]
    public async Task PrometheusEndpointCountsAClientThatRegistersAndAReload()
    {
        int metricsPort;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            metricsPort = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
        }

        using var config = new TempConfig($$"""
            {
              "TServer": { "Port": 0 },
              "Control": { "Socket": "" },
              "Metrics": { "Prometheus": { "Listen": "127.0.0.1:{{metricsPort}}" } }
            }
            """);
        await using var daemon = ManagedProcess.Start(RepoPaths.DaemonDll, ["--config", config.Path]);
        var port = (await daemon.WaitForLineAsync(ReadyPattern, Timeout)).Groups[1].Value;
        await daemon.WaitForLineAsync(Regex.Escape($"Prometheus metrics on http://127.0.0.1:{metricsPort}/metrics"), Timeout);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var url = $"http://127.0.0.1:{metricsPort}/metrics";

        var scrape = await ScrapeUntilAsync(http, url, s => Value(s, "ctigateway_clients_connected") == 0);
        Assert.Contains("# TYPE ctigateway_messages_received_total counter", scrape, StringComparison.Ordinal);
        Assert.Contains("# TYPE ctigateway_tlib_received_bytes_total counter", scrape, StringComparison.Ordinal);
        Assert.Contains("# TYPE ctigateway_queue_max_bytes gauge", scrape, StringComparison.Ordinal);

        await using var client = new TServerClient(new TServerClientOptions { ApplicationName = "metrics-test" }.AddEndpoint("127.0.0.1:" + port));
        await client.ConnectAsync(TestContext.Current.CancellationToken);
        await client.RegisterAddressAsync("5001", TestContext.Current.CancellationToken);
        scrape = await ScrapeUntilAsync(http, url, s => Value(s, "ctigateway_clients_connected") == 1 && Value(s, "ctigateway_dns_registered") == 1);
        Assert.True(Value(scrape, "ctigateway_messages_received_total") >= 2, scrape);
        Assert.True(Value(scrape, "ctigateway_tlib_received_bytes_total") > 0, scrape);
        Assert.True(Value(scrape, "ctigateway_tlib_sent_bytes_total") > 0, scrape);
        Assert.True(Value(scrape, "ctigateway_clients_accepted_total") >= 1, scrape);

        daemon.Signal(Posix.SIGHUP);
        await daemon.WaitForLineAsync("Reload applied", Timeout);
        scrape = await ScrapeUntilAsync(http, url, s => s.Contains("ctigateway_reloads_total{", StringComparison.Ordinal));
        Assert.Matches(@"ctigateway_reloads_total\{[^}]*result=""applied""[^}]*\} 1", scrape);

        daemon.Signal(Posix.SIGTERM);
        Assert.Equal(0, await daemon.WaitForExitAsync(Timeout));
    }

    [Fact]
    public async Task AControlSocketThatCannotBeCreatedIsAClearErrorAndTheDaemonKeepsServing()
    {
        // The folder of the socket is a regular file: it cannot be created there.
        var blocker = Path.Combine(Path.GetTempPath(), "ctigw-file-" + Guid.NewGuid().ToString("N")[..8]);
        await File.WriteAllTextAsync(blocker, "not a folder", TestContext.Current.CancellationToken);
        try
        {
            var impossible = Path.Combine(blocker, "control.sock");
            await using var daemon = ManagedProcess.Start(RepoPaths.DaemonDll, ["--demo", "--TServer:Port=0", $"--Control:Socket={impossible}", "--Demo:CallsPerSecond=0"]);
            await daemon.WaitForLineAsync(Regex.Escape($"Control socket {impossible} cannot be created: ") + ".+; ctigw status cannot reach this daemon", Timeout);
            await daemon.WaitForLineAsync(ReadyPattern, Timeout);

            // A second daemon on the socket of a live one leaves it alone and says why.
            var control = ControlClient.NewSocketPath();
            await using var first = ManagedProcess.Start(RepoPaths.DaemonDll, ["--demo", "--TServer:Port=0", $"--Control:Socket={control}", "--Demo:CallsPerSecond=0"]);
            await first.WaitForLineAsync(Regex.Escape($"Control socket listening on {control}"), Timeout);
            await using var second = ManagedProcess.Start(RepoPaths.DaemonDll, ["--demo", "--TServer:Port=0", $"--Control:Socket={control}", "--Demo:CallsPerSecond=0"]);
            await second.WaitForLineAsync("another running daemon answers on it", Timeout);
            await second.WaitForLineAsync(ReadyPattern, Timeout);
            using (var status = await ControlClient.AskAsync(control, "status", Timeout))
            {
                Assert.Equal(first.Id, status.RootElement.GetProperty("pid").GetInt32());
            }

            daemon.Signal(Posix.SIGTERM);
            second.Signal(Posix.SIGTERM);
            first.Signal(Posix.SIGTERM);
            Assert.Equal(0, await daemon.WaitForExitAsync(Timeout));
            Assert.Equal(0, await second.WaitForExitAsync(Timeout));
            Assert.Equal(0, await first.WaitForExitAsync(Timeout));
            Directory.Delete(Path.GetDirectoryName(control)!, recursive: true);
        }
        finally
        {
            File.Delete(blocker);
        }
    }

    [Fact]
    public async Task BadRuntimeKeysAreConfigErrors()
    {
        using var config = new TempConfig("""{ "TServer": { "Port": 0 }, "Control": { "Socket": "relative/control.sock" }, "Metrics": { "Prometheus": { "Listen": "localhost:99999" } } }""");
        await using var daemon = ManagedProcess.Start(RepoPaths.DaemonDll, ["--config", config.Path]);
        Assert.Equal(2, await daemon.WaitForExitAsync(Timeout));
        Assert.Contains(daemon.StderrLines, l => l.Contains("Control:Socket: 'relative/control.sock' must be an absolute path", StringComparison.Ordinal));
        Assert.Contains(daemon.StderrLines, l => l.Contains("Metrics:Prometheus:Listen: 'localhost:99999' is not IP:PORT", StringComparison.Ordinal));
    }

    /// <summary>The value of the first sample of <paramref name="name"/> (labels ignored), or null.</summary>
    private static double? Value(string scrape, string name)
    {
        var m = Regex.Match(scrape, $@"(?m)^{Regex.Escape(name)}(?:\{{[^}}]*\}})? (\S+)");
        return m.Success ? double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
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
