using CtiGateway.Protocol;

namespace CtiGateway.Switching.Tests.Calls;

/// <summary>
/// Issue 10 item 6, the switch reporting a DN's service, end to end over real sockets with the demo's switches: the
/// simulator sends OutOfServiceEvent / BackInServiceEvent on the DN's monitor, or ends the monitor (MonitorEndedEvent);
/// the client registered on the DN sees EventDNOutOfService then EventDNBackInService, RequestQueryAddress DNStatus
/// agrees, call requests on the DN meanwhile get TERR_OUT_OF_SERVICE, and the DN's calls stay.
/// </summary>
public sealed class DnServiceEventTests
{
    private static readonly TimeSpan Timeout = CallRig.Timeout;

    [Fact]
    public async Task ADnTheSwitchReportsOutOfServiceKeepsItsMonitorAndCallsUntilTheSwitchReportsItBack()
    {
        await using var rig = await TwoSwitchRig.StartAsync(monitorRetrySeconds: 1);
        var desk = await rig.ClientAsync("desk", "5050", "5051");
        var ct = TestContext.Current.CancellationToken;

        // A call from 5050 rings at 5051 before 5050 goes out of service.
        var dial = await desk.SendAsync(new TlibMessage(MessageType.RequestMakeCall) { ThisDN = "5050", OtherDN = "5051" });
        var dialing = await desk.WaitForAsync(m => m.ReferenceID == dial && m.Type is MessageType.EventDialing or MessageType.EventError, Timeout, "the answer to RequestMakeCall");
        Assert.Equal(MessageType.EventDialing, dialing.Type);
        await desk.WaitForAsync(m => m.Type == MessageType.EventRinging && m.ThisDN == "5051", Timeout, "EventRinging at 5051");

        Assert.True(rig.Simulator.Invoke(m => m.SetOutOfService("5050")));
        var outOfService = await desk.WaitForAsync(m => m.Type == MessageType.EventDNOutOfService, Timeout, "EventDNOutOfService");
        Assert.Equal("5050", outOfService.ThisDN);
        Assert.True((await rig.Service.DnFeaturesAsync("5050", ct))!.Value.OutOfService);
        var down = await QueryAsync(desk, "5050");
        Assert.Equal((int)AddressStatusInfoType.Maintenance, down.GetInt(AttributeId.AddressInfoStatus));
        Assert.True(down.Extensions!.TryGetValue("in-service", out var inService) && inService.AsInt() == 0, "DNStatus shows 5050 out of service");

        // The call stays (callmodels.md and tlib.md say nothing of calls on a DN going out of service); requests on the DN are refused.
        var calls = await rig.Service.ListCallsAsync(ct);
        var call = Assert.Single(calls, c => c.Call.ConnId == dialing.ConnID);
        Assert.Contains(call.Call.Parties, p => p.Dn == "5050");
        var release = await desk.SendAsync(new TlibMessage(MessageType.RequestReleaseCall) { ThisDN = "5050", ConnID = dialing.ConnID });
        var refused = await desk.WaitForAsync(m => m.ReferenceID == release, Timeout, "the answer to RequestReleaseCall");
        Assert.Equal(MessageType.EventError, refused.Type);
        Assert.Equal((int)ErrorCode.TERR_OUT_OF_SERVICE, refused.ErrorCode);
        Assert.Contains("DN 5050 of switch tel_sw is out of service", refused.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(1, rig.Simulator.Invoke(m => m.CallCount));

        Assert.True(rig.Simulator.Invoke(m => m.SetOutOfService("5050", outOfService: false)));
        var back = await desk.WaitForAsync(m => m.Type == MessageType.EventDNBackInService, Timeout, "EventDNBackInService");
        Assert.Equal("5050", back.ThisDN);
        var up = await QueryAsync(desk, "5050");
        Assert.True(up.Extensions!.TryGetValue("in-service", out var again) && again.AsInt() == 1, "DNStatus shows 5050 back in service");

        // The monitor the switch kept is the only one (the gateway did not ask for a second), and serves the call.
        Assert.Single(rig.Simulator.Invoke(m => m.MonitoredDevices), d => d == "5050");
        var releaseAgain = await desk.SendAsync(new TlibMessage(MessageType.RequestReleaseCall) { ThisDN = "5050", ConnID = dialing.ConnID });
        var released = await desk.WaitForAsync(m => m.ReferenceID == releaseAgain && m.Type is MessageType.EventReleased or MessageType.EventError, Timeout, "the answer to RequestReleaseCall");
        Assert.Equal(MessageType.EventReleased, released.Type);
        Assert.Single(desk.Log(), m => m.Type == MessageType.EventDNOutOfService);
        Assert.Single(desk.Log(), m => m.Type == MessageType.EventDNBackInService);
        Assert.DoesNotContain(desk.Log(), m => m.Type is MessageType.EventDNOutOfService or MessageType.EventDNBackInService && m.ThisDN == "5051");
    }

    [Fact]
    public async Task AMonitorTheSwitchEndsIsRetriedAndTheDnComesBackInService()
    {
        await using var rig = await TwoSwitchRig.StartAsync(monitorRetrySeconds: 1);
        var desk = await rig.ClientAsync("desk", "5050", "5051");
        var ct = TestContext.Current.CancellationToken;

        Assert.Equal(1, rig.Simulator.Invoke(m => m.EndMonitors("5050")));
        var outOfService = await desk.WaitForAsync(m => m.Type == MessageType.EventDNOutOfService, Timeout, "EventDNOutOfService");
        Assert.Equal("5050", outOfService.ThisDN);

        // The next retry (every second) starts a new monitor: back in service, with one monitor at the switch.
        var back = await desk.WaitForAsync(m => m.Type == MessageType.EventDNBackInService, Timeout, "EventDNBackInService");
        Assert.Equal("5050", back.ThisDN);
        Assert.False((await rig.Service.DnFeaturesAsync("5050", ct))!.Value.OutOfService);
        Assert.Single(rig.Simulator.Invoke(m => m.MonitoredDevices), d => d == "5050");
        var up = await QueryAsync(desk, "5050");
        Assert.Equal((int)AddressStatusInfoType.Idle, up.GetInt(AttributeId.AddressInfoStatus));

        // The new monitor carries 5050's calls.
        var dial = await desk.SendAsync(new TlibMessage(MessageType.RequestMakeCall) { ThisDN = "5050", OtherDN = "5051" });
        var dialing = await desk.WaitForAsync(m => m.ReferenceID == dial && m.Type is MessageType.EventDialing or MessageType.EventError, Timeout, "the answer to RequestMakeCall");
        Assert.Equal(MessageType.EventDialing, dialing.Type);
        Assert.Equal("5050", dialing.ThisDN);
    }

    [Fact]
    public async Task ADnOutOfServiceWhoseMonitorEndsComesBackThroughTheRetryOnceTheSwitchServesItAgain()
    {
        await using var rig = await TwoSwitchRig.StartAsync(monitorRetrySeconds: 1);
        var desk = await rig.ClientAsync("desk", "5050");
        var ct = TestContext.Current.CancellationToken;

        rig.Simulator.Invoke(m => m.SetOutOfService("5050"));
        await desk.WaitForAsync(m => m.Type == MessageType.EventDNOutOfService, Timeout, "EventDNOutOfService");

        // The switch drops the monitor too: no new event, but now the gateway asks again, and the switch refuses while 5050 is out.
        Assert.Equal(1, rig.Simulator.Invoke(m => m.EndMonitors("5050")));
        var dial = await desk.SendAsync(new TlibMessage(MessageType.RequestMakeCall) { ThisDN = "5050", OtherDN = "5051" });
        var refused = await desk.WaitForAsync(m => m.ReferenceID == dial, Timeout, "the answer to RequestMakeCall");
        Assert.Equal((int)ErrorCode.TERR_OUT_OF_SERVICE, refused.ErrorCode);

        // Back in service with no monitor to say so: the retry's MonitorStart is accepted and brings the DN back.
        rig.Simulator.Invoke(m => m.SetOutOfService("5050", outOfService: false));
        var back = await desk.WaitForAsync(m => m.Type == MessageType.EventDNBackInService, Timeout, "EventDNBackInService");
        Assert.Equal("5050", back.ThisDN);
        Assert.Single(rig.Simulator.Invoke(m => m.MonitoredDevices), d => d == "5050");
        Assert.False((await rig.Service.DnFeaturesAsync("5050", ct))!.Value.OutOfService);
        Assert.Single(desk.Log(), m => m.Type == MessageType.EventDNOutOfService);
    }

    private static async Task<TlibMessage> QueryAsync(CallClient desk, string dn)
    {
        var request = new TlibMessage(MessageType.RequestQueryAddress) { ThisDN = dn }.Set(AttributeId.AddressInfoType, (int)AddressInfoType.DNStatus);
        var reference = await desk.SendAsync(request);
        return await desk.WaitForAsync(m => m.ReferenceID == reference, Timeout, $"the answer to RequestQueryAddress DNStatus for {dn}");
    }
}
