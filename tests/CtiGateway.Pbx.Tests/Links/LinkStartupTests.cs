using System.Text;
using System.Text.Json;
using CtiGateway.Pbx.Csta;
using CtiGateway.Pbx.Links;
using CtiGateway.Pbx.Profiles;
using CtiGateway.Pbx.Tests.Profiles;

namespace CtiGateway.Pbx.Tests.Links;

/// <summary>
/// The start-up exchange (issue 8 item 5) on a virtual clock: a link with one is up only once the switch's
/// SystemStatus, the application session and SystemRegister are done; a switch that accepts the connection and stays
/// silent is a <c>startup-timeout</c> hardware error naming the missing message at exactly the start-up timeout,
/// followed by a reconnect.
/// </summary>
public sealed class LinkStartupTests
{
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task ASilentSwitchIsNeverUpAndIsAHardwareErrorAtTheStartupTimeoutThenTheLinkReconnects()
    {
        using var fake = new FakeSwitch();
        var time = new VirtualTimeProvider();
        var options = LinkHarness.Options() with { TimeProvider = time, AwaitSystemStatus = true, SystemRegister = true, StartupTimeout = StartupTimeout };
        await using var harness = new LinkHarness(new TcpClientTransport("127.0.0.1", fake.Port), options);
        using var conn = await fake.AcceptAsync();

        // The wait for SystemStatus is armed for the start-up timeout; just before it nothing has happened.
        await time.WaitForTimerDueInAsync(StartupTimeout, FakeSwitch.Timeout);
        time.Advance(StartupTimeout - TimeSpan.FromMilliseconds(1));
        Assert.Empty(harness.Errors.All);
        Assert.Equal(LinkState.Down, harness.Link.State);

        time.Advance(TimeSpan.FromMilliseconds(1));
        var error = await harness.Errors.NextAsync();
        Assert.Equal((CstaTcpLink.StartupTimeoutCause, "SystemStatus", "link1"), (error.Cause, error.Element, error.LinkName));
        Assert.Contains("No SystemStatus within 5 s of connecting on link link1", error.Detail, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 5, TimeSpan.Zero), error.Time);
        await conn.WaitClosedAsync();

        // Reconnect with the policy's backoff: a second connection, and still never a state change to up.
        var delay = await harness.Delays.NextAsync();
        await time.AdvanceWhenArmedAsync(delay);
        using var second = await fake.AcceptAsync();
        Assert.Empty(harness.States.All);
        Assert.Equal(1, harness.Link.Counters.HardwareErrors);
        Assert.Equal(1, harness.Link.Counters.Reconnects);
        Assert.Contains("No SystemStatus", harness.Link.LastConnectFailure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SystemStatusThenSystemRegisterBringTheLinkUpInThatOrder()
    {
        using var fake = new FakeSwitch();
        var time = new VirtualTimeProvider();
        var options = LinkHarness.Options() with { TimeProvider = time, AwaitSystemStatus = true, SystemRegister = true, StartupTimeout = StartupTimeout };
        await using var harness = new LinkHarness(new TcpClientTransport("127.0.0.1", fake.Port), options);
        using var conn = await fake.AcceptAsync();

        await conn.SendFrameAsync(7, FakeSwitch.SystemStatus("normal"));
        var answer = await conn.ReadFrameAsync();
        Assert.Equal(7, answer.InvokeId);
        Assert.Contains("<SystemStatusResponse", answer.Xml, StringComparison.Ordinal);
        var register = await conn.ReadFrameAsync();
        Assert.Contains("<SystemRegister", register.Xml, StringComparison.Ordinal);

        // Not up while SystemRegister is unanswered, even at 4 s of the 5 s start-up timeout.
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.Empty(harness.States.All);
        Assert.Equal(LinkState.Down, harness.Link.State);

        await conn.SendFrameAsync(register.InvokeId, $"<SystemRegisterResponse xmlns=\"{CstaNamespaces.Ed4}\"><sysStatRegisterID>42</sysStatRegisterID></SystemRegisterResponse>");
        var up = await harness.States.NextAsync();
        Assert.Equal(LinkState.Up, up.State);
        Assert.Contains("SystemStatus 'normal' answered, SystemRegister id 42", up.Reason, StringComparison.Ordinal);

        // The switch's SystemStatus still goes upward; the SystemRegisterResponse was the start-up's own answer.
        var status = await harness.NextMessageAsync();
        Assert.Equal((7, "SystemStatus"), (status.InvokeId, status.Element));
        await conn.SendFrameAsync(CstaWire.EventInvokeId, FakeSwitch.Delivered("C1"));
        Assert.Equal("DeliveredEvent", (await harness.NextMessageAsync()).Element);

        // Past the start-up timeout nothing happens to an up link.
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(LinkState.Up, harness.Link.State);
        Assert.Empty(harness.Errors.All);
    }

    [Fact]
    public async Task AnUnansweredSystemRegisterIsAStartupTimeoutNamingSystemRegisterResponse()
    {
        using var fake = new FakeSwitch();
        var time = new VirtualTimeProvider();
        var options = LinkHarness.Options() with { TimeProvider = time, AwaitSystemStatus = true, SystemRegister = true, StartupTimeout = StartupTimeout };
        await using var harness = new LinkHarness(new TcpClientTransport("127.0.0.1", fake.Port), options);
        using var conn = await fake.AcceptAsync();

        await conn.SendFrameAsync(1, FakeSwitch.SystemStatus("normal"));
        await conn.ReadFrameAsync();
        var register = await conn.ReadFrameAsync();
        Assert.Contains("<SystemRegister", register.Xml, StringComparison.Ordinal);

        // The deadline counts from connect, not from SystemRegister.
        await time.WaitForTimerDueInAsync(StartupTimeout, FakeSwitch.Timeout);
        time.Advance(StartupTimeout);
        var error = await harness.Errors.NextAsync();
        Assert.Equal((CstaTcpLink.StartupTimeoutCause, "SystemRegister"), (error.Cause, error.Element));
        Assert.Contains("No SystemRegisterResponse within 5 s", error.Detail, StringComparison.Ordinal);
        Assert.Contains($"invoke id {register.InvokeId}", error.Detail, StringComparison.Ordinal);
        await conn.WaitClosedAsync();
        Assert.Empty(harness.States.All);
    }

    [Fact]
    public async Task ARefusedSystemRegisterIsAStartupRefusedHardwareErrorAndTheLinkStaysDown()
    {
        using var fake = new FakeSwitch();
        var options = LinkHarness.Options() with { SystemRegister = true, StartupTimeout = StartupTimeout };
        await using var harness = new LinkHarness(new TcpClientTransport("127.0.0.1", fake.Port), options);
        using var conn = await fake.AcceptAsync();

        // Without a SystemStatus to wait for, SystemRegister goes out at once.
        var register = await conn.ReadFrameAsync();
        Assert.Contains("<SystemRegister", register.Xml, StringComparison.Ordinal);
        await conn.SendFrameAsync(register.InvokeId, $"<CSTAErrorCode xmlns=\"{CstaNamespaces.Ed4}\"><operation>serviceNotSupported</operation></CSTAErrorCode>");
        var error = await harness.Errors.NextAsync();
        Assert.Equal((CstaTcpLink.StartupRefusedCause, "SystemRegister"), (error.Cause, error.Element));
        Assert.Contains("CSTAErrorCode operation/serviceNotSupported", error.Detail, StringComparison.Ordinal);
        await conn.WaitClosedAsync();
        Assert.Empty(harness.States.All);
    }

    [Fact]
    public async Task ADmccSwitchThatNeverAnswersStartApplicationSessionIsAStartupTimeout()
    {
        using var fake = new FakeSwitch();
        var time = new VirtualTimeProvider();
        var options = LinkHarness.Options() with
        {
            TimeProvider = time,
            Flavour = CstaDialectFlavour.DmccEd3,
            StartupTimeout = TimeSpan.FromSeconds(3),
            ApplicationSession = new CstaApplicationSessionOptions { ProtocolVersion = CstaNamespaces.Ed3 + "/priv7" },
        };
        await using var harness = new LinkHarness(new TcpClientTransport("127.0.0.1", fake.Port), options);
        using var conn = await fake.AcceptAsync();
        var start = await conn.ReadFrameAsync();
        Assert.Contains("<StartApplicationSession", start.Xml, StringComparison.Ordinal);

        // The start-up timeout (3 s), not the session's response timeout (10 s), bounds the start.
        await time.WaitForTimerDueInAsync(TimeSpan.FromSeconds(3), FakeSwitch.Timeout);
        time.Advance(TimeSpan.FromSeconds(3));
        var error = await harness.Errors.NextAsync();
        Assert.Equal((CstaTcpLink.StartupTimeoutCause, "StartApplicationSession"), (error.Cause, error.Element));
        Assert.Contains("No StartApplicationSessionPosResponse within 3 s", error.Detail, StringComparison.Ordinal);
        await conn.WaitClosedAsync();
        Assert.Empty(harness.States.All);
    }

    [Fact]
    public async Task ASwitchThatClosesDuringStartupIsNotUpAndTheLinkReconnects()
    {
        using var fake = new FakeSwitch();
        var options = LinkHarness.Options() with { AwaitSystemStatus = true, StartupTimeout = StartupTimeout };
        await using var harness = new LinkHarness(new TcpClientTransport("127.0.0.1", fake.Port), options);
        using (await fake.AcceptAsync())
        {
        }

        // Real time: the next attempt follows the 10-40 ms backoff; this time the switch does its part.
        using var second = await fake.AcceptAsync();
        await second.SendFrameAsync(3, FakeSwitch.SystemStatus("normal"));
        var up = await harness.States.NextAsync();
        Assert.Equal(LinkState.Up, up.State);
        Assert.Single(harness.States.All);
        Assert.Empty(harness.Errors.All);
        Assert.Contains("connection closed by the switch while waiting for the switch's SystemStatus", harness.Link.LastConnectFailure, StringComparison.Ordinal);
    }

    [Fact]
    public void ProfilesGiveTheStartupExchangeTcpWaitsForSystemStatusSerialOnlyRegisters()
    {
        var baseOptions = LinkHarness.Options();
        var osv = baseOptions.WithStartupOf(Shipped("osv-v10"));
        Assert.Equal((true, true, TimeSpan.FromSeconds(5), true), (osv.AwaitSystemStatus, osv.SystemRegister, osv.StartupTimeout, osv.HasStartupExchange));
        var dmcc = Shipped("avaya-aes-dmcc-8");
        var dmccOptions = (baseOptions with { ApplicationSession = CstaApplicationSessionOptions.FromProfile(dmcc.Dialect.ApplicationSession!) }).WithStartupOf(dmcc);
        Assert.Equal((false, false, true), (dmccOptions.AwaitSystemStatus, dmccOptions.SystemRegister, dmccOptions.HasStartupExchange));
        foreach (var serial in (string[])["serial-lapb-csta", "serial-bsc-csta"])
        {
            var options = baseOptions.WithStartupOf(Shipped(serial));
            Assert.Equal((false, true), (options.AwaitSystemStatus, options.SystemRegister));
        }

        Assert.False(baseOptions.HasStartupExchange);
    }

    [Fact]
    public void StartupTimeoutMsIsReadWithItsPositionAndDefaultsToFiveSeconds()
    {
        static string Profile(string extra) => $$"""
            {
              "id": "startup",
              "model": "m",
              "firmware": { "min": "1", "max": "2" },
              "transport": { "kind": "tcp", "port": 1040 },
              "framing": { "kind": "csta-xml-tcp" },
              "dialect": { "kind": "csta-xml", "namespace": "http://www.ecma-international.org/standards/ecma-323/csta/ed4", "event-invoke-id": "9999", "switch-sends-system-status-first": true{{extra}} },
              "keep-alive": { "kpl-interval": 10, "kpl-tolerance": 3, "method": "SystemStatus" },
              "numbering-plan": [ { "from": "5001", "to": "5099", "type": "extension" } ],
              "services": [ "MakeCall" ]
            }
            """;

        var (plain, none) = FirmwareProfileLoader.Parse("startup.json", Encoding.UTF8.GetBytes(Profile("")));
        Assert.Empty(none);
        Assert.Equal(TimeSpan.FromSeconds(5), plain!.Dialect.StartupTimeout);

        var (shortened, _) = FirmwareProfileLoader.Parse("startup.json", Encoding.UTF8.GetBytes(Profile(", \"startup-timeout-ms\": 750")));
        Assert.Equal(TimeSpan.FromMilliseconds(750), shortened!.Dialect.StartupTimeout);

        var (bad, problems) = FirmwareProfileLoader.Parse("startup.json", Encoding.UTF8.GetBytes(Profile(", \"startup-timeout-ms\": 50")));
        Assert.Null(bad);
        Assert.Equal(["7:205: dialect.startup-timeout-ms: 50 is out of range: the start-up timeout is 100-600000 ms (default 5000)"], problems.Select(p => $"{p.Line}:{p.Column}: {p.Message}"));

        var (typed, typeProblems) = FirmwareProfileLoader.Parse("startup.json", Encoding.UTF8.GetBytes(Profile(", \"startup-timeout-ms\": \"5s\"")));
        Assert.Null(typed);
        Assert.Equal(["7:205: dialect.startup-timeout-ms: expected an integer, got a string"], typeProblems.Select(p => $"{p.Line}:{p.Column}: {p.Message}"));
    }

    [Fact]
    public void TheSchemaStatesTheReadersRangeAndDefaultForTheStartupTimeout()
    {
        using var schema = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(RepoFolders.FirmwareProfiles(), "schema", "firmware-profile.schema.json")));
        var key = schema.RootElement.GetProperty("properties").GetProperty("dialect").GetProperty("properties").GetProperty("startup-timeout-ms");
        Assert.Equal(
            ("integer", 100, 600_000, (int)DialectSettings.DefaultStartupTimeout.TotalMilliseconds),
            (key.GetProperty("type").GetString(), key.GetProperty("minimum").GetInt32(), key.GetProperty("maximum").GetInt32(), key.GetProperty("default").GetInt32()));
        Assert.Equal(DialectSettings.DefaultStartupTimeout, LinkHarness.Options().StartupTimeout);
    }

    private static FirmwareProfile Shipped(string id) => FirmwareProfileLoader.Load(Path.Combine(RepoFolders.FirmwareProfiles(), id + ".json"));
}
