using System.Text.Json;

namespace CtiGateway.Daemon.Tests;

/// <summary>ctigw server-info, monitor and request as real processes against a real ctigatewayd --demo (simulated PBXs on tel_sw and tel_sw_1).</summary>
public sealed class CliAgainstDaemonTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private ManagedProcess? _daemon;
    private string _server = string.Empty;

    public async ValueTask InitializeAsync()
    {
        _daemon = ManagedProcess.Start(RepoPaths.DaemonDll, ["--demo", "--TServer:Port=0"]);
        var ready = await _daemon.WaitForLineAsync(@"ready: T-Library server on \S+, port (\d+)", Timeout);
        _server = "127.0.0.1:" + ready.Groups[1].Value;
    }

    public async ValueTask DisposeAsync()
    {
        if (_daemon is not null)
        {
            await _daemon.DisposeAsync();
        }
    }

    private async Task<ManagedProcess> RunCliAsync(params string[] args)
    {
        var cli = ManagedProcess.Start(RepoPaths.CliDll, ["--server", _server, .. args]);
        await cli.WaitForExitAsync(Timeout);
        return cli;
    }

    [Fact]
    public async Task ServerInfoPrintsVersionRoleAndLinks()
    {
        await using var cli = await RunCliAsync("server-info");
        Assert.True(cli.ExitCode == 0, cli.Output);
        var text = string.Join('\n', cli.StdoutLines);
        Assert.Contains("primary", text, StringComparison.OrdinalIgnoreCase);
        Assert.Matches(@"\d+\.\d+\.\d+", text);
        Assert.Contains("link tel_sw: ", text, StringComparison.Ordinal);
        Assert.Contains("link tel_sw_1: ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerInfoEventuallyShowsTheDemoSwitchConnectedWithCounters()
    {
        var text = await WaitForConnectedAsync();
        Assert.Matches(@"link tel_sw: connected .*frames-in=\d+", text);
        Assert.Matches(@"link tel_sw_1: connected active-link=tel_sw_1/1 .*frames-in=\d+", text);
        Assert.Contains("hardware-errors=", text, StringComparison.Ordinal);
        Assert.Contains("last-error=", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestNeedingASwitchPrintsTheErrorAndExits1()
    {
        // Requests reach the switch's call model now (issue 9): one naming a call the switch does not hold is refused
        // there with TERR_INV_CONNID (56), and ctigw prints the EventError and exits 1.
        await WaitForConnectedAsync();
        await using var cli = await RunCliAsync("request", "RequestReleaseCall", "ThisDN=5050", "ConnID=00000000000000ff");
        Assert.True(cli.ExitCode == 1, cli.Output);
        Assert.Contains(cli.StdoutLines, l => l.StartsWith("EventError ", StringComparison.Ordinal) && l.Contains("ErrorCode=56", StringComparison.Ordinal));
        Assert.Contains("Invalid ConnID 00000000000000ff: no such call on this switch", cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestMakeCallReachesTheSwitchAndExits0()
    {
        await WaitForConnectedAsync();
        await using var cli = await RunCliAsync("request", "RequestMakeCall", "ThisDN=5060", "OtherDN=5061");
        Assert.True(cli.ExitCode == 0, cli.Output);
        Assert.Matches("^EventDialing ConnID=[0-9a-f]{16} .*ThisDN=5060 .*OtherDN=5061 ", Assert.Single(cli.StdoutLines));
    }

    private async Task<string> WaitForConnectedAsync()
    {
        var deadline = DateTime.UtcNow + Timeout;
        var text = string.Empty;
        while (DateTime.UtcNow < deadline)
        {
            await using var cli = await RunCliAsync("server-info");
            Assert.True(cli.ExitCode == 0, cli.Output);
            text = string.Join('\n', cli.StdoutLines);
            if (text.Contains("link tel_sw: connected", StringComparison.Ordinal) && text.Contains("link tel_sw_1: connected", StringComparison.Ordinal))
            {
                return text;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken);
        }

        Assert.Fail($"server-info never showed tel_sw and tel_sw_1 connected within {Timeout}; last output:\n{text}");
        return text;
    }

    [Fact]
    public async Task RequestPrintsTheResponseEventAsJson()
    {
        await using var cli = await RunCliAsync("request", "RequestQueryServer", "--json");
        Assert.True(cli.ExitCode == 0, cli.Output);
        var line = cli.StdoutLines.Single(l => l.TrimStart().StartsWith('{'));
        using var doc = JsonDocument.Parse(line);
        Assert.Equal("EventServerInfo", doc.RootElement.GetProperty("Event").GetString());
        Assert.Equal(JsonValueKind.Number, doc.RootElement.GetProperty("ServerRole").ValueKind);
    }

    [Fact]
    public async Task BadUsageExits2()
    {
        await using var cli = await RunCliAsync("request", "RequestNoSuchThing");
        Assert.True(cli.ExitCode == 2, cli.Output);
        Assert.Contains(cli.StderrLines, l => l.Contains("RequestNoSuchThing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MonitorPrintsDistributedUserEventsAsJson()
    {
        await using var monitor = ManagedProcess.Start(RepoPaths.CliDll, ["--server", _server, "monitor", "5001", "--json"]);
        await monitor.WaitForLineAsync("EventRegistered", Timeout);
        await using var sender = await RunCliAsync("request", "RequestDistributeUserEvent", "ThisDN=5001", "UserData.Priority:int=5", "UserData.Customer.Tier=Gold");
        Assert.True(sender.ExitCode == 0, sender.Output);
        var line = (await monitor.WaitForLineAsync("EventUserEvent", Timeout)).Value;
        var json = monitor.StdoutLines.First(l => l.Contains("EventUserEvent", StringComparison.Ordinal));
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal("5001", root.GetProperty("ThisDN").GetString());
        Assert.Equal(5, root.GetProperty("UserData").GetProperty("Priority").GetInt32());
        Assert.Equal("Gold", root.GetProperty("UserData").GetProperty("Customer").GetProperty("Tier").GetString());
        Assert.True(root.GetProperty("EventSequenceNumber").GetInt64() > 0);
        Assert.NotNull(line);

        monitor.Signal(Posix.SIGINT);
        Assert.Equal(0, await monitor.WaitForExitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task MonitorTextFormIsEventNameThenAttributes()
    {
        await using var monitor = ManagedProcess.Start(RepoPaths.CliDll, ["--server", _server, "monitor", "5002"]);
        var registered = await monitor.WaitForLineAsync("^EventRegistered .*ThisDN=5002", Timeout);
        Assert.True(registered.Success);
        monitor.Signal(Posix.SIGTERM);
        Assert.Equal(0, await monitor.WaitForExitAsync(TimeSpan.FromSeconds(10)));
    }
}
