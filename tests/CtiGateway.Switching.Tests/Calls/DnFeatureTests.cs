using CtiGateway.Protocol;

namespace CtiGateway.Switching.Tests.Calls;

/// <summary>
/// Issue 10 item 6, end to end over real sockets with the demo's two switches: do-not-disturb and forwarding on
/// tel_sw_1 (avaya-aes-dmcc-8 offers SetDoNotDisturb and SetForwarding), EventError 51 naming the profile on tel_sw
/// (osv-v10 does not); a DN whose monitoring the switch refuses is out of service until a retry is accepted.
/// </summary>
public sealed class DnFeatureTests
{
    private static readonly TimeSpan Timeout = CallRig.Timeout;

    [Fact]
    public async Task DndAndForwardOnAProfileThatOffersThemAreAnsweredByTheirEventsAndReachTheSwitch()
    {
        await using var rig = await TwoSwitchRig.StartAsync();
        var desk = await rig.ClientAsync("desk", "7001@tel_sw_1");
        var ct = TestContext.Current.CancellationToken;

        var on = await desk.SendAsync(new TlibMessage(MessageType.RequestSetDNDOn) { ThisDN = "7001" });
        var dndOn = await desk.WaitForAsync(m => m.ReferenceID == on && m.Type is MessageType.EventDNDOn or MessageType.EventError, Timeout, "the answer to RequestSetDNDOn");
        Assert.Equal(MessageType.EventDNDOn, dndOn.Type);
        Assert.Equal("7001", dndOn.ThisDN);
        Assert.True(rig.Simulator1.Invoke(m => m.IsDoNotDisturb("7001")));
        Assert.True((await rig.Service.DnFeaturesAsync("7001@tel_sw_1", ct))!.Value.DoNotDisturb);

        var off = await desk.SendAsync(new TlibMessage(MessageType.RequestSetDNDOff) { ThisDN = "7001@tel_sw_1" });
        await desk.WaitForAsync(m => m.ReferenceID == off && m.Type == MessageType.EventDNDOff, Timeout, "EventDNDOff");
        Assert.False(rig.Simulator1.Invoke(m => m.IsDoNotDisturb("7001")));
        Assert.False((await rig.Service.DnFeaturesAsync("7001", ct))!.Value.DoNotDisturb);

        var set = new TlibMessage(MessageType.RequestCallForwardSet) { ThisDN = "7001", OtherDN = "7002" };
        set.Set(AttributeId.ForwardMode, (int)ForwardMode.OnBusy);
        var setRef = await desk.SendAsync(set);
        var forwardSet = await desk.WaitForAsync(m => m.ReferenceID == setRef && m.Type is MessageType.EventForwardSet or MessageType.EventError, Timeout, "the answer to RequestCallForwardSet");
        Assert.Equal(MessageType.EventForwardSet, forwardSet.Type);
        Assert.Equal("7002", forwardSet.OtherDN);
        Assert.Equal((int)ForwardMode.OnBusy, forwardSet.GetInt(AttributeId.ForwardMode));
        Assert.Equal(("forwardBusy", "7002"), rig.Simulator1.Invoke(m => m.ForwardingOf("7001")));
        var features = (await rig.Service.DnFeaturesAsync("7001", ct))!.Value;
        Assert.Equal((ForwardMode.OnBusy, "7002"), (features.Forward, features.ForwardDestination));
        var forwardStatus = await QueryAsync(desk, "7001", AddressInfoType.CallForwardingStatus);
        Assert.Equal(MessageType.EventAddressInfo, forwardStatus.Type);
        Assert.Equal((int)ForwardMode.OnBusy, forwardStatus.GetInt(AttributeId.AddressInfoStatus));
        Assert.Equal("7002", forwardStatus.OtherDN);

        var cancelRef = await desk.SendAsync(new TlibMessage(MessageType.RequestCallForwardCancel) { ThisDN = "7001" });
        var cancel = await desk.WaitForAsync(m => m.ReferenceID == cancelRef && m.Type == MessageType.EventForwardCancel, Timeout, "EventForwardCancel");
        Assert.Equal((int)ForwardMode.OnBusy, cancel.GetInt(AttributeId.ForwardMode));
        Assert.Null(rig.Simulator1.Invoke(m => m.ForwardingOf("7001")));
        Assert.Equal(ForwardMode.None, (await rig.Service.DnFeaturesAsync("7001", ct))!.Value.Forward);
        Assert.Equal((int)ForwardMode.None, (await QueryAsync(desk, "7001", AddressInfoType.CallForwardingStatus)).GetInt(AttributeId.AddressInfoStatus));
    }

    [Theory]
    [InlineData(MessageType.RequestSetDNDOn, "SetDoNotDisturb")]
    [InlineData(MessageType.RequestSetDNDOff, "SetDoNotDisturb")]
    [InlineData(MessageType.RequestCallForwardSet, "SetForwarding")]
    [InlineData(MessageType.RequestCallForwardCancel, "SetForwarding")]
    public async Task OnAProfileWithoutTheServiceTheRequestGetsEventError51NamingTheProfile(MessageType type, string service)
    {
        await using var rig = await TwoSwitchRig.StartAsync();
        var desk = await rig.ClientAsync("desk", "5001");
        var request = new TlibMessage(type) { ThisDN = "5001" };
        if (type == MessageType.RequestCallForwardSet)
        {
            request.OtherDN = "5002";
        }

        var reference = await desk.SendAsync(request);
        var error = await desk.WaitForAsync(m => m.ReferenceID == reference, Timeout, "the answer");
        Assert.Equal(MessageType.EventError, error.Type);
        Assert.Equal((int)ErrorCode.TERR_UNSUP_OPER, error.ErrorCode);
        Assert.Contains($"needs the CSTA service {service}, which firmware profile osv-v10 of switch tel_sw does not offer", error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADnWhoseMonitoringTheSwitchRefusesIsOutOfServiceUntilARetryIsAccepted()
    {
        await using var rig = await TwoSwitchRig.StartAsync(monitorRetrySeconds: 1);
        var desk = await rig.ClientAsync("desk", "5050", "5051");
        var ct = TestContext.Current.CancellationToken;

        // The switch takes 5050 out of service; the link drops and comes back: MonitorStart for 5050 is refused.
        rig.Simulator.Invoke(m => m.RefuseMonitoring("5050"));
        await rig.Simulator.DisconnectAllAsync();
        var outOfService = await desk.WaitForAsync(m => m.Type == MessageType.EventDNOutOfService, Timeout, "EventDNOutOfService");
        Assert.Equal("5050", outOfService.ThisDN);
        Assert.True((await rig.Service.DnFeaturesAsync("5050", ct))!.Value.OutOfService);
        Assert.False((await rig.Service.DnFeaturesAsync("5051", ct))!.Value.OutOfService);
        var down = await QueryAsync(desk, "5050", AddressInfoType.DNStatus);
        Assert.Equal((int)AddressStatusInfoType.Maintenance, down.GetInt(AttributeId.AddressInfoStatus));
        Assert.True(down.Extensions!.TryGetValue("in-service", out var inService) && inService.AsInt() == 0, "DNStatus shows 5050 out of service");

        // The switch serves 5050 again: the next retry monitors it.
        rig.Simulator.Invoke(m => m.RefuseMonitoring("5050", refuse: false));
        var back = await desk.WaitForAsync(m => m.Type == MessageType.EventDNBackInService, Timeout, "EventDNBackInService");
        Assert.Equal("5050", back.ThisDN);
        Assert.False((await rig.Service.DnFeaturesAsync("5050", ct))!.Value.OutOfService);
        Assert.Contains("5050", rig.Simulator.Invoke(m => m.MonitoredDevices));
        var up = await QueryAsync(desk, "5050", AddressInfoType.DNStatus);
        Assert.Equal((int)AddressStatusInfoType.Idle, up.GetInt(AttributeId.AddressInfoStatus));
        Assert.True(up.Extensions!.TryGetValue("in-service", out var again) && again.AsInt() == 1, "DNStatus shows 5050 back in service");
        Assert.Single(desk.Log(), m => m.Type == MessageType.EventDNOutOfService);
        Assert.DoesNotContain(desk.Log(), m => m.Type is MessageType.EventDNOutOfService or MessageType.EventDNBackInService && m.ThisDN == "5051");
    }

    private static async Task<TlibMessage> QueryAsync(CallClient desk, string dn, AddressInfoType type)
    {
        var request = new TlibMessage(MessageType.RequestQueryAddress) { ThisDN = dn }.Set(AttributeId.AddressInfoType, (int)type);
        var reference = await desk.SendAsync(request);
        return await desk.WaitForAsync(m => m.ReferenceID == reference, Timeout, $"the answer to RequestQueryAddress {type} for {dn}");
    }
}
