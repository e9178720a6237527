using CtiGateway.Cli.Tests.Support;
using CtiGateway.Client.Tests.Support;

namespace CtiGateway.Cli.Tests;

/// <summary>
/// <c>ctigw status</c> against a stand-in control socket (a real Unix socket that answers like the daemon) and with
/// no daemon at all. The real daemon is covered in CtiGateway.Daemon.Tests.
/// </summary>
public sealed class StatusCommandTests
{
    private const string Answer = """
        {"ok":true,"version":"1.2.3","startedAt":"2026-01-31T12:00:00.0000000+00:00","uptimeSeconds":90061.5,"role":"backup","tlibEndpoint":"127.0.0.1:3000","pid":4242,
         "links":[{"switch":"tel_sw","link":"tel_sw/1","endpoint":"10.0.0.5:1040","state":"down","active":false,"switchConnected":false,"lastError":"connect via tcp failed: Connection refused","bytesIn":10,"bytesOut":20,"framesIn":1,"framesOut":2,"hardwareErrors":3,"reconnects":4}],
         "clients":{"connected":2,"accepted":5,"rejected":1,"slowCut":0},"dns":{"registered":7},
         "calls":{"count":0,"note":"call model not built"},"sessions":{"count":0,"note":"SCXML sessions not built"},
         "queues":{"clients":2,"maxBytes":300,"totalBytes":400,"limitBytes":8388608},
         "watchdog":{"enabled":true,"intervalMs":30000,"pings":12,"loops":[{"name":"link tel_sw/1","answering":true},{"name":"tlib accept loop","answering":false}]}}
        """;

    [Fact]
    public async Task PrintsEveryPartOfTheDaemonsAnswer()
    {
        using var daemon = new FakeControlSocket(Answer.ReplaceLineEndings(string.Empty));
        var (exit, stdout, stderr) = await RunAsync(["status", "--control", daemon.Path], TestContext.Current.CancellationToken);

        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, stderr);
        Assert.Equal("status", await daemon.Command.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        Assert.Equal(
            """
            version: 1.2.3
            uptime: 1d 01:01:01 (since 2026-01-31T12:00:00.0000000+00:00)
            role: backup
            t-library: 127.0.0.1:3000 (pid 4242)
            link tel_sw/1 (switch tel_sw, 10.0.0.5:1040): down; last error: connect via tcp failed: Connection refused
              bytes in/out: 10/20  frames in/out: 1/2  hardware errors: 3  reconnects: 4
            clients: 2 connected (5 accepted, 1 rejected, 0 cut as slow readers since start)
            dns: 7 registered
            calls: 0 (call model not built)
            sessions: 0 (SCXML sessions not built)
            queues: max 300 bytes, total 400 bytes over 2 clients (limit 8388608 bytes per client)
            watchdog: on, interval 30000 ms, 12 pings sent; loops: link tel_sw/1 answering, tlib accept loop NOT ANSWERING

            """.ReplaceLineEndings("\n"),
            stdout);
    }

    [Fact]
    public async Task JsonPrintsTheAnswerAndARefusalIsExit1()
    {
        using (var daemon = new FakeControlSocket(Answer.ReplaceLineEndings(string.Empty)))
        {
            var (exit, stdout, _) = await RunAsync(["status", "--control", daemon.Path, "--json"], TestContext.Current.CancellationToken);
            Assert.Equal(0, exit);
            using var json = System.Text.Json.JsonDocument.Parse(stdout);
            Assert.Equal(7, json.RootElement.GetProperty("dns").GetProperty("registered").GetInt32());
        }

        using (var refusing = new FakeControlSocket("""{"ok":false,"error":"unknown command"}"""))
        {
            var (exit, _, stderr) = await RunAsync(["status", "--control", refusing.Path], TestContext.Current.CancellationToken);
            Assert.Equal(1, exit);
            Assert.Contains("the daemon refused 'status': unknown command", stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task NoDaemonIsExit1NamingTheSocketAndBadUsageIsExit2()
    {
        var path = Path.Combine(Path.GetTempPath(), "ctigw-none-" + Guid.NewGuid().ToString("N")[..8] + ".sock");
        var (exit, _, stderr) = await RunAsync(["status", "--control", path], TestContext.Current.CancellationToken);
        Assert.Equal(1, exit);
        Assert.Contains($"cannot reach ctigatewayd: its control socket {path} does not exist", stderr, StringComparison.Ordinal);

        (exit, _, stderr) = await RunAsync(["status", "extra"], TestContext.Current.CancellationToken);
        Assert.Equal(2, exit);
        Assert.Contains("unexpected argument 'extra'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallsAreCountedByStateInTotalAndPerSwitch()
    {
        const string answer = """
            {"ok":true,"version":"1.2.3","startedAt":"2026-01-31T12:00:00.0000000+00:00","uptimeSeconds":5,"role":"primary","tlibEndpoint":"127.0.0.1:3000","pid":1,
             "links":[],"clients":{"connected":0,"accepted":0,"rejected":0,"slowCut":0},"dns":{"registered":0},
             "calls":{"count":5,"byState":{"dialing":1,"ringing":2,"queued":0,"established":1,"held":1,"failed":0,"other":0},
              "switches":[{"switch":"tel_sw","count":5,"byState":{"dialing":1,"ringing":2,"queued":0,"established":1,"held":1,"failed":0,"other":0}},
                          {"switch":"tel_sw_1","count":0,"byState":{"dialing":0,"ringing":0,"queued":0,"established":0,"held":0,"failed":0,"other":0}}]},
             "sessions":{"count":0,"note":"SCXML sessions not built"},"queues":{"clients":0,"maxBytes":0,"totalBytes":0,"limitBytes":8388608},
             "watchdog":{"enabled":false,"pings":0,"loops":[]}}
            """;
        using var daemon = new FakeControlSocket(answer.ReplaceLineEndings(string.Empty));
        var (exit, stdout, stderr) = await RunAsync(["status", "--control", daemon.Path], TestContext.Current.CancellationToken);

        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, stderr);
        Assert.Contains(
            """
            calls: 5 (dialing 1, ringing 2, queued 0, established 1, held 1, failed 0, other 0)
              switch tel_sw: 5 (dialing 1, ringing 2, queued 0, established 1, held 1, failed 0, other 0)
              switch tel_sw_1: 0 (dialing 0, ringing 0, queued 0, established 0, held 0, failed 0, other 0)
            sessions: 0 (SCXML sessions not built)
            """.ReplaceLineEndings("\n"),
            stdout,
            StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string[] args, CancellationToken test)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CliApp.RunAsync(args, stdout, stderr, TestTimeout.Token(test));
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
