using CtiGateway.Cli.Tests.Support;
using CtiGateway.Client.Tests.Support;

namespace CtiGateway.Cli.Tests;

/// <summary>ctigw as a real process (<c>dotnet ctigw.dll</c>) against the fake T-Server.</summary>
public sealed class CliProcessTests
{
    [Fact(Timeout = TestTimeout.Test)]
    public async Task RequestRegistersThisDNFirstAndPrintsTheResponse()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken, 30);
        await using var server = new FakeTServer
        {
            OnRequest = (_, request) => request.Type == MessageType.RequestMakeCall
                ? [new TlibMessage(MessageType.EventDialing) { ReferenceID = request.ReferenceID, ThisDN = request.ThisDN, OtherDN = request.OtherDN, ConnID = new ConnId(0x006b00000000a001) }]
                : null,
        };

        var (exit, stdout, stderr) = await CtigwProcess.RunAsync(ct, "--server", server.HostPort, "request", "RequestMakeCall", "ThisDN=5001", "OtherDN=5002", "UserData.Priority:int=5");

        Assert.True(exit == 0, stderr);
        Assert.Equal(["EventDialing ReferenceID=3 ThisDN=5001 OtherDN=5002 ConnID=006b00000000a001"], stdout);
        var requests = server.Requests.Select(r => r.Request).ToList();
        Assert.Equal([MessageType.RequestRegisterClient, MessageType.RequestRegisterAddress, MessageType.RequestMakeCall], requests.Select(r => r.Type));
        Assert.Equal("5001", requests[1].ThisDN);
        Assert.Equal(5, requests[2].UserData![0].Value.AsInt());
    }

    [Fact(Timeout = TestTimeout.Test)]
    public async Task EventErrorPrintsCodeAndMessageAndExitsOne()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken, 30);
        await using var server = new FakeTServer
        {
            OnRequest = (_, request) => request.Type == MessageType.RequestAnswerCall
                ? [new TlibMessage(MessageType.EventError) { ReferenceID = request.ReferenceID, ErrorCode = 56, ErrorMessage = "Invalid ConnectionID" }]
                : null,
        };

        var (exit, stdout, stderr) = await CtigwProcess.RunAsync(ct, "--server", server.HostPort, "request", "RequestAnswerCall", "ThisDN=5001", "ConnID=1f", "--json");

        Assert.Equal(1, exit);
        Assert.Equal(["""{"Event":"EventError","ReferenceID":3,"ErrorCode":56,"ErrorMessage":"Invalid ConnectionID"}"""], stdout);
        Assert.Equal("ctigw: RequestAnswerCall failed: ErrorCode=56 ErrorMessage=Invalid ConnectionID", stderr);
    }

    [Fact(Timeout = TestTimeout.Test)]
    public async Task BadInputExitsTwoNamingIt()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken, 30);
        await using var server = new FakeTServer();

        var (exit, stdout, stderr) = await CtigwProcess.RunAsync(ct, "--server", server.HostPort, "request", "RequestMakeCall", "ThisDN=5001", "Colour=blue");

        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.Contains("unknown attribute 'Colour'", stderr, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact(Timeout = TestTimeout.Test)]
    public async Task ServerInfoPrintsVersionRoleAndLinks()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken, 30);
        await using var server = new FakeTServer { ServerVersion = "8.1.0-fake", Role = ServerRole.Backup };
        server.Links.Add("tel_sw_1", "disconnected");

        var (exit, stdout, stderr) = await CtigwProcess.RunAsync(ct, "--server", server.HostPort, "server-info");

        Assert.True(exit == 0, stderr);
        Assert.Equal(["version: 8.1.0-fake", "role: backup", "link tel_sw: connected", "link tel_sw_1: disconnected"], stdout);
    }

    [Fact(Timeout = TestTimeout.Test)]
    public async Task ServerInfoWithoutLinksSaysNone()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken, 30);
        await using var server = new FakeTServer { HasSwitchLink = false };
        server.Links.Clear();

        var (exit, stdout, _) = await CtigwProcess.RunAsync(ct, "--server", server.HostPort, "server-info");

        Assert.Equal(0, exit);
        Assert.Equal(["version: fake-tserver 1.0", "role: primary", "links: none"], stdout);
    }

    [Fact(Timeout = TestTimeout.Test)]
    public async Task MonitorJsonPrintsEventsUntilSigterm()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken, 30);
        await using var server = new FakeTServer();
        await using var monitor = CtigwProcess.Start("--server", server.HostPort, "monitor", "5001", "5002", "--json");
        await server.WaitForRequestsAsync(r => r.Type == MessageType.RequestRegisterAddress, 2, ct);

        await server.PushToAllAsync(new TlibMessage(MessageType.EventRinging)
        {
            ThisDN = "5001",
            ConnID = new ConnId(0x006b00000000a001),
            CallType = CallType.Inbound,
            UserData = new KeyValueList().Add("Customer", new KeyValueList().Add("Tier", "Gold")),
        });
        var ringing = await monitor.ReadLineUntilAsync(line => line.Contains("EventRinging", StringComparison.Ordinal), ct);
        await monitor.TerminateAsync(ct);
        var exit = await monitor.WaitForExitAsync(ct);

        Assert.Equal("""{"Event":"EventRinging","ThisDN":"5001","ConnID":"006b00000000a001","CallType":2,"UserData":{"Customer":{"Tier":"Gold"}}}""", ringing);
        Assert.Equal(0, exit);
        var lines = monitor.StdoutLines;
        Assert.StartsWith("""{"Event":"EventServerConnected",""", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("""{"Event":"EventLinkConnected",""", lines[1], StringComparison.Ordinal);
        Assert.Equal(2, lines.Count(l => l.StartsWith("""{"Event":"EventRegistered",""", StringComparison.Ordinal)));
    }

    [Fact(Timeout = TestTimeout.Test)]
    public async Task MonitorTextFormReconnectsAfterADrop()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken, 30);
        await using var server = new FakeTServer();
        await using var monitor = CtigwProcess.Start("--server", server.HostPort, "monitor", "5001");
        await server.WaitForRequestsAsync(r => r.Type == MessageType.RequestRegisterAddress, 1, ct);

        server.DropAll();
        await monitor.ReadLineUntilAsync(line => line.StartsWith("EventServerDisconnected ", StringComparison.Ordinal), ct);
        await server.WaitForRequestsAsync(r => r.Type == MessageType.RequestRegisterAddress, 2, ct);
        await server.PushToAllAsync(new TlibMessage(MessageType.EventReleased) { ThisDN = "5001", ConnID = new ConnId(1), CallState = CallState.Transferred });
        var released = await monitor.ReadLineUntilAsync(line => line.StartsWith("EventReleased", StringComparison.Ordinal), ct);
        await monitor.TerminateAsync(ct);

        Assert.Equal("EventReleased ThisDN=5001 ConnID=0000000000000001 CallState=Transferred", released);
        Assert.Equal(0, await monitor.WaitForExitAsync(ct));
    }

    [Fact(Timeout = TestTimeout.Test)]
    public async Task BenchFanoutEndsWithOneLine()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken, 60);
        await using var server = new FakeTServer();

        var (exit, stdout, stderr) = await CtigwProcess.RunAsync(ct, "--server", server.HostPort, "bench", "fanout", "--clients", "3", "--dns", "2", "--seconds", "0.3");

        Assert.True(exit == 0, stderr);
        var line = Assert.Single(stdout);
        Assert.Matches(@"^delivered/s: \d+ published/s: \d+ p99-ms: \d+\.\d{3} lost: 0$", line);
        Assert.Contains("bench fanout: published: ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchQueryEndsWithOneLine()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken, 60);
        await using var server = new FakeTServer();

        var (exit, stdout, stderr) = await CtigwProcess.RunAsync(ct, "--server", server.HostPort, "bench", "query", "--connections", "2", "--dns", "3", "--seconds", "0.3", "--window", "8");

        Assert.True(exit == 0, stderr);
        var line = Assert.Single(stdout);
        Assert.Matches(@"^queries/s: [1-9]\d* p50-ms: \d+\.\d{3} p99-ms: \d+\.\d{3} errors: 0$", line);
        Assert.Contains("bench query: sent: ", stderr, StringComparison.Ordinal);
        Assert.Contains("unexpected: 0 connections-lost: 0", stderr, StringComparison.Ordinal);
    }
}
