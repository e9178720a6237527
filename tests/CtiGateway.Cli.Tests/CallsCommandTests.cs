using CtiGateway.Cli.Tests.Support;
using CtiGateway.Client.Tests.Support;

namespace CtiGateway.Cli.Tests;

/// <summary>
/// <c>ctigw calls</c> against a stand-in control socket that answers like the daemon, and with no daemon at all. The
/// real daemon is covered in CtiGateway.Daemon.Tests (DemoCallTrafficTests).
/// </summary>
public sealed class CallsCommandTests
{
    private const string Answer = """
        {"ok":true,"count":2,"limit":10000,"calls":[
          {"Switch":"tel_sw","ConnID":"006b16df70000004","CallUUID":"0000000000000000006B16DF70000004","CallType":"Inbound","CallState":"Ok","ANI":"302118840103","DNIS":"3001",
           "Started":"2026-01-31T12:00:00.0000000+00:00","AgeSeconds":12.7,"Phase":"established",
           "Parties":[{"DN":"302118840103","PartyState":"Connected","Role":"Origination","Internal":false},{"DN":"5001","PartyState":"Connected","Role":"Destination","Internal":true}],
           "UserDataKeys":["Customer","Priority"]},
          {"Switch":"tel_sw","ConnID":"006b16df70000006","CallUUID":"0000000000000000006B16DF70000006","CallType":"Internal","CallState":"Ok","ANI":"5050","DNIS":"5051",
           "Started":"2026-01-31T12:00:12.0000000+00:00","AgeSeconds":0.4,"Phase":"ringing",
           "Parties":[{"DN":"5050","PartyState":"Dialing","Role":"Origination","Internal":true},{"DN":"5051","PartyState":"Alerting","Role":"Destination","Internal":true}],
           "UserDataKeys":["k0","k1"],"UserDataKeyCount":250}],
         "listed":2,"truncated":false}
        """;

    [Fact]
    public async Task PrintsOneLinePerCallThenTheCount()
    {
        using var daemon = new FakeControlSocket(Answer.ReplaceLineEndings(string.Empty));
        var (exit, stdout, stderr) = await RunAsync(["calls", "--control", daemon.Path], TestContext.Current.CancellationToken);

        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, stderr);
        Assert.Equal("calls", await daemon.Command.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        Assert.Equal(
            """
            006b16df70000004 tel_sw Inbound Ok age 12s: 302118840103 Connected (Origination), 5001 Connected (Destination); user data: Customer, Priority
            006b16df70000006 tel_sw Internal Ok age 0s: 5050 Dialing (Origination), 5051 Alerting (Destination); user data: k0, k1 (first 2 of 250 keys)
            2 calls

            """.ReplaceLineEndings("\n"),
            stdout);
    }

    [Fact]
    public async Task JsonPrintsTheDaemonsAnswer()
    {
        using var daemon = new FakeControlSocket(Answer.ReplaceLineEndings(string.Empty));
        var (exit, stdout, _) = await RunAsync(["calls", "--control", daemon.Path, "--json"], TestContext.Current.CancellationToken);

        Assert.Equal(0, exit);
        using var json = System.Text.Json.JsonDocument.Parse(stdout);
        Assert.Equal("006b16df70000006", json.RootElement.GetProperty("calls")[1].GetProperty("ConnID").GetString());
        Assert.Single(stdout.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task ATruncatedListSaysHowManyWereListed()
    {
        using var daemon = new FakeControlSocket("""{"ok":true,"count":12345,"limit":10000,"calls":[],"listed":10000,"truncated":true}""");
        var (exit, stdout, _) = await RunAsync(["calls", "--control", daemon.Path], TestContext.Current.CancellationToken);

        Assert.Equal(0, exit);
        Assert.Equal("12345 calls (10000 listed: the daemon lists at most 10000)\n", stdout);
    }

    [Fact]
    public async Task ARefusalIsExit1AndNoDaemonIsExit1NamingTheSocketAndBadUsageIsExit2()
    {
        using (var refusing = new FakeControlSocket("""{"ok":false,"error":"the call models did not answer within 2 s"}"""))
        {
            var (exit, _, stderr) = await RunAsync(["calls", "--control", refusing.Path], TestContext.Current.CancellationToken);
            Assert.Equal(1, exit);
            Assert.Contains("the daemon refused 'calls': the call models did not answer within 2 s", stderr, StringComparison.Ordinal);
        }

        var path = Path.Combine(Path.GetTempPath(), "ctigw-none-" + Guid.NewGuid().ToString("N")[..8] + ".sock");
        var (code, _, message) = await RunAsync(["calls", "--control", path], TestContext.Current.CancellationToken);
        Assert.Equal(1, code);
        Assert.Contains($"cannot reach ctigatewayd: its control socket {path} does not exist", message, StringComparison.Ordinal);

        (code, _, message) = await RunAsync(["calls", "5001"], TestContext.Current.CancellationToken);
        Assert.Equal(2, code);
        Assert.Contains("unexpected argument '5001'", message, StringComparison.Ordinal);

        (code, _, message) = await RunAsync(["calls", "--control", ""], TestContext.Current.CancellationToken);
        Assert.Equal(2, code);
        Assert.Contains("--control needs a socket path", message, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string[] args, CancellationToken test)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CliApp.RunAsync(args, stdout, stderr, TestTimeout.Token(test));
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
