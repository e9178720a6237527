using CtiGateway.Cli.Tests.Support;
using CtiGateway.Client.Tests.Support;

namespace CtiGateway.Cli.Tests;

/// <summary>
/// <c>ctigw sessions</c>, <c>sessions show ID</c> and <c>sessions kill ID</c> against a stand-in control socket that
/// answers like the daemon: the command line sent, the text and JSON forms, refusals (exit 1) and bad usage (exit 2).
/// The real daemon is covered in CtiGateway.Daemon.Tests (OrchestrationDaemonTests).
/// </summary>
public sealed class SessionsCommandTests
{
    private const string List = """
        {"ok":true,"count":2,"limit":10000,"sessions":[
          {"Id":"02386129090774B40000000000000001","Strategy":"demo-route.scxml","Interactions":[{"ConnID":"006b16df70000003"}],"ActiveStates":["selecting"],"AgeSeconds":12.6},
          {"Id":"13BDD4A58A96262A0000000000000002","Strategy":"route.scxml","Interactions":[{"ConnID":"006b16df70000004"},{"ConnID":"006b16df70000005"}],"ActiveStates":["main","redirecting"],"AgeSeconds":0.2}],
         "listed":2,"truncated":false}
        """;

    private const string Show = """
        {"ok":true,"session":{"Id":"02386129090774B40000000000000001","Strategy":"demo-route.scxml","Interactions":[{"ConnID":"006b16df70000003"}],"ActiveStates":["selecting"],"AgeSeconds":3.9},
         "DataModel":{"ixnid":"006b16df70000003","tries":2},
         "LastEvents":["interaction.added {\"interactionid\":\"006b16df70000003\"}","interaction.present {\"interactionid\":\"006b16df70000003\"}"],
         "LastLogLines":["route: selected 5001@tel_sw.A"]}
        """;

    [Fact]
    public async Task ListsOneLinePerSessionThenTheCount()
    {
        using var daemon = new FakeControlSocket(List.ReplaceLineEndings(string.Empty));
        var (exit, stdout, stderr) = await RunAsync(["sessions", "--control", daemon.Path], TestContext.Current.CancellationToken);

        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, stderr);
        Assert.Equal("sessions", await daemon.Command.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        Assert.Equal(
            """
            02386129090774B40000000000000001 demo-route.scxml age 12s: interactions 006b16df70000003; states: selecting
            13BDD4A58A96262A0000000000000002 route.scxml age 0s: interactions 006b16df70000004, 006b16df70000005; states: main, redirecting
            2 sessions

            """.ReplaceLineEndings("\n"),
            stdout);
    }

    [Fact]
    public async Task AnEmptyListSaysWhyOrchestrationDoesNotRunAndJsonIsTheDaemonsAnswer()
    {
        using (var daemon = new FakeControlSocket("""{"ok":true,"count":0,"limit":10000,"sessions":[],"listed":0,"truncated":false,"note":"orchestration is not running: no routing point has a strategy"}"""))
        {
            var (exit, stdout, _) = await RunAsync(["sessions", "--control", daemon.Path], TestContext.Current.CancellationToken);
            Assert.Equal(0, exit);
            Assert.Equal("0 sessions (orchestration is not running: no routing point has a strategy)\n", stdout);
        }

        using (var daemon = new FakeControlSocket(List.ReplaceLineEndings(string.Empty)))
        {
            var (exit, stdout, _) = await RunAsync(["sessions", "--json", "--control", daemon.Path], TestContext.Current.CancellationToken);
            Assert.Equal(0, exit);
            Assert.Single(stdout.TrimEnd('\n').Split('\n'));
            using var json = System.Text.Json.JsonDocument.Parse(stdout);
            Assert.Equal("006b16df70000005", json.RootElement.GetProperty("sessions")[1].GetProperty("Interactions")[1].GetProperty("ConnID").GetString());
        }
    }

    [Fact]
    public async Task ShowPrintsStatesDataModelEventsAndLogLines()
    {
        using var daemon = new FakeControlSocket(Show.ReplaceLineEndings(string.Empty));
        var (exit, stdout, _) = await RunAsync(["sessions", "show", "02386129090774B40000000000000001", "--control", daemon.Path], TestContext.Current.CancellationToken);

        Assert.Equal(0, exit);
        Assert.Equal("sessions show 02386129090774B40000000000000001", await daemon.Command.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        Assert.Equal(
            """
            session: 02386129090774B40000000000000001
            strategy: demo-route.scxml
            age: 3s
            interactions: 006b16df70000003
            states: selecting
            data model:
              {
                "ixnid": "006b16df70000003",
                "tries": 2
              }
            last events:
              interaction.added {"interactionid":"006b16df70000003"}
              interaction.present {"interactionid":"006b16df70000003"}
            last log lines:
              route: selected 5001@tel_sw.A

            """.ReplaceLineEndings("\n"),
            stdout);
    }

    [Fact]
    public async Task KillSendsTheIdAndSaysSo()
    {
        using var daemon = new FakeControlSocket("""{"ok":true,"killed":"02386129090774B40000000000000001"}""");
        var (exit, stdout, _) = await RunAsync(["sessions", "kill", "02386129090774B40000000000000001", "--control", daemon.Path], TestContext.Current.CancellationToken);

        Assert.Equal(0, exit);
        Assert.Equal("sessions kill 02386129090774B40000000000000001", await daemon.Command.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        Assert.Equal("session 02386129090774B40000000000000001 killed\n", stdout);
    }

    [Fact]
    public async Task AnUnknownIdIsExit1WithTheDaemonsMessageAndBadUsageIsExit2()
    {
        using (var daemon = new FakeControlSocket("""{"ok":false,"error":"no live session 'nosuch'"}"""))
        {
            var (exit, stdout, stderr) = await RunAsync(["sessions", "show", "nosuch", "--control", daemon.Path], TestContext.Current.CancellationToken);
            Assert.Equal(1, exit);
            Assert.Equal(string.Empty, stdout);
            Assert.Contains("ctigw: the daemon refused 'sessions show nosuch': no live session 'nosuch'", stderr, StringComparison.Ordinal);
        }

        var path = Path.Combine(Path.GetTempPath(), "ctigw-none-" + Guid.NewGuid().ToString("N")[..8] + ".sock");
        var (code, _, message) = await RunAsync(["sessions", "--control", path], TestContext.Current.CancellationToken);
        Assert.Equal(1, code);
        Assert.Contains($"cannot reach ctigatewayd: its control socket {path} does not exist", message, StringComparison.Ordinal);

        (code, _, message) = await RunAsync(["sessions", "show"], TestContext.Current.CancellationToken);
        Assert.Equal(2, code);
        Assert.Contains("sessions show needs a session id", message, StringComparison.Ordinal);

        (code, _, message) = await RunAsync(["sessions", "stop", "X"], TestContext.Current.CancellationToken);
        Assert.Equal(2, code);
        Assert.Contains("unknown sessions subcommand 'stop'", message, StringComparison.Ordinal);

        (code, _, message) = await RunAsync(["sessions", "kill", "A", "B"], TestContext.Current.CancellationToken);
        Assert.Equal(2, code);
        Assert.Contains("unexpected argument 'B'", message, StringComparison.Ordinal);

        (code, _, message) = await RunAsync(["sessions", "--control", ""], TestContext.Current.CancellationToken);
        Assert.Equal(2, code);
        Assert.Contains("--control needs a socket path", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusPrintsTheSessionCountersAndTheirNote()
    {
        using var daemon = new FakeControlSocket("""{"ok":true,"version":"0.1.0","uptimeSeconds":5,"role":"primary","links":[],"clients":{},"dns":{},"calls":{"count":0},"sessions":{"count":3,"live":3,"started":10,"ended":6,"failed":1},"queues":{},"watchdog":{}}""");
        var (exit, stdout, _) = await RunAsync(["status", "--control", daemon.Path], TestContext.Current.CancellationToken);
        Assert.Equal(0, exit);
        Assert.Contains("\nsessions: 3 live (started 10, ended 6, failed 1 since start)\n", stdout, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string[] args, CancellationToken test)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CliApp.RunAsync(args, stdout, stderr, TestTimeout.Token(test));
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
