using CtiGateway.Protocol;

namespace CtiGateway.Switching.Tests.Calls;

/// <summary>
/// Issue 10 item 7, end to end over real sockets with the demo's two switches: a redirect from tel_sw to a DN of
/// tel_sw_1 goes over the simulated trunk to the access number, arrives on tel_sw_1 as a new call with its own callID
/// and ConnID, and its EventRinging carries the user data attached on the first leg. Answering and clearing the
/// second leg answers and clears the trunk leg on the first switch.
/// </summary>
public sealed class CrossSwitchTests
{
    private static readonly TimeSpan Timeout = CallRig.Timeout;

    [Fact]
    public async Task ARedirectFromRoutePoint3001OfTelSwToExtension7778OfTelSw1RingsThereWithTheUserDataAttachedAt3001()
    {
        await using var rig = await TwoSwitchRig.StartAsync();
        var router = await rig.ClientAsync("router", "3001@tel_sw");
        var agent = await rig.ClientAsync("agent", "7778@tel_sw_1");
        var caller = await rig.ClientAsync("caller", "5001");

        var first = rig.Simulator.Invoke(m =>
        {
            var made = m.MakeCall("5001", "3001");
            Assert.False(made.IsError, made.Reason);
            return made.CallingConnection!.Value.CallId;
        });
        var queued = await router.WaitForAsync(m => m.Type == MessageType.EventQueued && m.ThisDN == "3001", Timeout, "EventQueued at route point 3001");
        var connId = queued.ConnID!.Value;

        var attach = new TlibMessage(MessageType.RequestAttachUserData) { ThisDN = "3001@tel_sw", ConnID = connId };
        attach.Set(AttributeId.UserData, new KeyValueList().Add("CaseId", "C-42").Add("Segment", "gold"));
        var attachRef = await router.SendAsync(attach);
        await router.WaitForAsync(m => m.ReferenceID == attachRef && m.Type == MessageType.EventAttachedDataChanged, Timeout, "EventAttachedDataChanged");

        var redirect = new TlibMessage(MessageType.RequestRedirectCall) { ThisDN = "3001@tel_sw", ConnID = connId, OtherDN = "7778@tel_sw_1" };
        var redirectRef = await router.SendAsync(redirect);

        var ringing = await agent.WaitForAsync(m => m.Type == MessageType.EventRinging && m.ThisDN == "7778", Timeout, "EventRinging at 7778");
        Assert.NotNull(ringing.UserData);
        Assert.Equal("C-42", ringing.UserData!.TryGetValue("CaseId", out var caseId) ? caseId.AsString() : null);
        Assert.Equal("gold", ringing.UserData.TryGetValue("Segment", out var segment) ? segment.AsString() : null);
        Assert.NotEqual(connId, ringing.ConnID);
        Assert.Equal("95001", ringing.GetString(AttributeId.ANI));
        Assert.Equal("7778", ringing.GetString(AttributeId.DNIS));

        // The route point's leg is answered like a redirect, and its error-free answer carries the ReferenceID.
        Assert.DoesNotContain(router.AnswersTo(redirectRef), m => m.Type == MessageType.EventError);
        await router.WaitForAsync(m => m.ThisDN == "3001" && m.Type is MessageType.EventReleased or MessageType.EventDiverted or MessageType.EventAbandoned, Timeout, "3001's leg ends");

        // The switches: the first call went out over the trunk to 87778, the second is a new call at 7778.
        var legs = rig.Simulator.Invoke(m => m.LiveConnections()).GroupBy(c => c.Connection.CallId).ToDictionary(g => g.Key, g => g.Select(c => (c.Connection.DeviceId, c.LocalConnectionState)).ToList());
        Assert.Equal(2, legs.Count);
        Assert.Contains(("87778", "alerting"), legs[first]);
        var second = Assert.Single(legs.Keys, k => k != first);
        Assert.Contains(("7778", "alerting"), legs[second]);

        await rig.WaitForCallsAsync(
            calls => calls.Any(c => c.Switch == TwoSwitchRig.Switch1 && c.Call.CallId == second && c.Call.UserData.Count == 2)
                && calls.Any(c => c.Switch == TwoSwitchRig.Switch && c.Call.ConnId == connId),
            "both legs in the gateway, the second with the user data");

        // 7778 answers: the trunk leg on tel_sw is answered too; 7778 hangs up: both calls end.
        var answer = new TlibMessage(MessageType.RequestAnswerCall) { ThisDN = "7778", ConnID = ringing.ConnID };
        var answerRef = await agent.SendAsync(answer);
        await agent.WaitForAsync(m => m.ReferenceID == answerRef && m.Type == MessageType.EventEstablished, Timeout, "EventEstablished at 7778");
        await caller.WaitForAsync(m => m.Type == MessageType.EventEstablished && m.ThisDN == "5001", Timeout, "the trunk leg answered at 5001");

        var release = new TlibMessage(MessageType.RequestReleaseCall) { ThisDN = "7778", ConnID = ringing.ConnID };
        var releaseRef = await agent.SendAsync(release);
        await agent.WaitForAsync(m => m.ReferenceID == releaseRef && m.Type == MessageType.EventReleased, Timeout, "EventReleased at 7778");
        await caller.WaitForAsync(m => m.Type == MessageType.EventReleased && m.ThisDN == "5001", Timeout, "5001 released when the second leg cleared");
        await rig.WaitUntilAsync(() => rig.Simulator.Invoke(m => m.CallCount) == 0, "no call left on the network");
        await rig.WaitForCallsAsync(calls => calls.Count == 0, "no call left in the gateway");
        Assert.Equal(0, rig.Service.PendingCrossSwitchTransfers);
    }

    [Fact]
    public async Task UserDataExpectedForAnInboundCallIsOnItsFirstEventAtTheDnAndOnlyOnThatCall()
    {
        await using var rig = await TwoSwitchRig.StartAsync();
        var router = await rig.ClientAsync("router", "3001@tel_sw");

        // What the network brings with the next call at 3001 (ctigw strategy try --udata).
        rig.Service.ExpectInboundCall(TwoSwitchRig.Switch, "3001", new KeyValueList().Add("segment", "gold").Add("lang", "de"));
        Assert.Equal(1, rig.Service.PendingCrossSwitchTransfers);
        rig.Simulator.Invoke(m => m.DeliverInboundCall("4989123456", "3001", "08001234"));

        var queued = await router.WaitForAsync(m => m.Type == MessageType.EventQueued && m.ThisDN == "3001", Timeout, "EventQueued at 3001");
        var routeRequest = await router.WaitForAsync(m => m.Type == MessageType.EventRouteRequest && m.ThisDN == "3001", Timeout, "EventRouteRequest at 3001");
        foreach (var first in new[] { queued, routeRequest })
        {
            Assert.Equal("gold", first.UserData!.TryGetValue("segment", out var segment) ? segment.AsString() : null);
            Assert.Equal("de", first.UserData.TryGetValue("lang", out var lang) ? lang.AsString() : null);
        }

        Assert.Equal("4989123456", routeRequest.GetString(AttributeId.ANI));
        Assert.Equal("08001234", routeRequest.GetString(AttributeId.DNIS));
        Assert.Equal(0, rig.Service.PendingCrossSwitchTransfers);

        // Taken once: the next call at 3001 brings nothing.
        rig.Simulator.Invoke(m => m.DeliverInboundCall("4989123457", "3001"));
        var next = await router.WaitForAsync(m => m.Type == MessageType.EventRouteRequest && m.ThisDN == "3001" && m.ConnID != routeRequest.ConnID, Timeout, "the second call's EventRouteRequest");
        Assert.True(next.UserData is null || next.UserData.Count == 0);
    }

    [Fact]
    public async Task ASingleStepTransferFromAnExtensionToAPlainDnOfTheOtherSwitchGoesOverTheTrunkWithTheUserData()
    {
        await using var rig = await TwoSwitchRig.StartAsync();
        var desk = await rig.ClientAsync("desk", "5002");
        var agent = await rig.ClientAsync("agent", "7005");
        var callId = rig.Simulator.Invoke(m =>
        {
            var made = m.MakeCall("5001", "5002");
            Assert.False(made.IsError, made.Reason);
            var id = made.CallingConnection!.Value.CallId;
            Assert.False(m.AnswerCall(new Pbx.Csta.CstaConnectionId(id, "5002")).IsError);
            return id;
        });
        var established = await desk.WaitForAsync(m => m.Type == MessageType.EventEstablished && m.ThisDN == "5002", Timeout, "EventEstablished at 5002");
        var connId = established.ConnID!.Value;
        var attach = new TlibMessage(MessageType.RequestAttachUserData) { ThisDN = "5002", ConnID = connId };
        attach.Set(AttributeId.UserData, new KeyValueList().Add("Order", "77"));
        var attachRef = await desk.SendAsync(attach);
        await desk.WaitForAsync(m => m.ReferenceID == attachRef && m.Type == MessageType.EventAttachedDataChanged, Timeout, "EventAttachedDataChanged");

        var transfer = new TlibMessage(MessageType.RequestSingleStepTransfer) { ThisDN = "5002", ConnID = connId, OtherDN = "7005" };
        var transferRef = await desk.SendAsync(transfer);
        await desk.WaitForAsync(m => m.ReferenceID == transferRef && m.Type == MessageType.EventReleased, Timeout, "EventReleased at 5002");
        var ringing = await agent.WaitForAsync(m => m.Type == MessageType.EventRinging && m.ThisDN == "7005", Timeout, "EventRinging at 7005");
        Assert.Equal("77", ringing.UserData?.TryGetValue("Order", out var order) == true ? order.AsString() : null);
        Assert.NotEqual(connId, ringing.ConnID);
        Assert.Contains(rig.Simulator.Invoke(m => m.LiveConnections()), c => c.Connection.CallId == callId && c.Connection.DeviceId == "87005");
    }

    [Fact]
    public async Task ATwoStepTransferToTheOtherSwitchConsultsOverTheTrunkAndLeavesTheCallerTalkingToTheOtherSwitch()
    {
        await using var rig = await TwoSwitchRig.StartAsync();
        var caller = await rig.ClientAsync("caller", "5001");
        var desk = await rig.ClientAsync("desk", "5002");
        var agent = await rig.ClientAsync("agent", "7010@tel_sw_1");
        rig.Simulator.Invoke(m =>
        {
            var made = m.MakeCall("5001", "5002");
            Assert.False(m.AnswerCall(new Pbx.Csta.CstaConnectionId(made.CallingConnection!.Value.CallId, "5002")).IsError);
        });
        var established = await desk.WaitForAsync(m => m.Type == MessageType.EventEstablished && m.ThisDN == "5002", Timeout, "EventEstablished at 5002");
        var connId = established.ConnID!.Value;
        var attach = new TlibMessage(MessageType.RequestAttachUserData) { ThisDN = "5002", ConnID = connId };
        attach.Set(AttributeId.UserData, new KeyValueList().Add("Topic", "billing"));
        var attachRef = await desk.SendAsync(attach);
        await desk.WaitForAsync(m => m.ReferenceID == attachRef && m.Type == MessageType.EventAttachedDataChanged, Timeout, "EventAttachedDataChanged");

        var consult = new TlibMessage(MessageType.RequestInitiateTransfer) { ThisDN = "5002", ConnID = connId, OtherDN = "7010@tel_sw_1" };
        var consultRef = await desk.SendAsync(consult);
        var dialing = await desk.WaitForAsync(m => m.ReferenceID == consultRef && m.Type is MessageType.EventDialing or MessageType.EventError, Timeout, "EventDialing of the consultation");
        Assert.Equal(MessageType.EventDialing, dialing.Type);
        Assert.Equal("87010", dialing.OtherDN);
        var ringing = await agent.WaitForAsync(m => m.Type == MessageType.EventRinging && m.ThisDN == "7010", Timeout, "EventRinging at 7010");
        Assert.Equal("billing", ringing.UserData?.TryGetValue("Topic", out var topic) == true ? topic.AsString() : null);
        Assert.Equal("95002", ringing.GetString(AttributeId.ANI));

        var answerRef = await agent.SendAsync(new TlibMessage(MessageType.RequestAnswerCall) { ThisDN = "7010", ConnID = ringing.ConnID });
        await agent.WaitForAsync(m => m.ReferenceID == answerRef && m.Type == MessageType.EventEstablished, Timeout, "EventEstablished at 7010");
        await desk.WaitForAsync(m => m.Type == MessageType.EventEstablished && m.ConnID == dialing.ConnID, Timeout, "the consultation answered over the trunk");

        var complete = new TlibMessage(MessageType.RequestCompleteTransfer) { ThisDN = "5002", ConnID = connId };
        complete.Set(AttributeId.TransferConnID, (long)dialing.ConnID!.Value.Value);
        var completeRef = await desk.SendAsync(complete);
        await desk.WaitForAsync(m => m.ReferenceID == completeRef && m.Type is MessageType.EventReleased or MessageType.EventError, Timeout, "5002 leaves the call");
        Assert.DoesNotContain(desk.AnswersTo(completeRef), m => m.Type == MessageType.EventError);

        // 5001 now talks over the trunk to 7010; 7010 hanging up ends both switches' calls.
        await rig.WaitUntilAsync(
            () => rig.Simulator.Invoke(m => m.LiveConnections()).Select(c => c.Connection.DeviceId).Order(StringComparer.Ordinal).SequenceEqual(["5001", "7010", "87010", "95002"]),
            "5001 and 87010 on one call, 95002 and 7010 on the other");
        var releaseRef = await agent.SendAsync(new TlibMessage(MessageType.RequestReleaseCall) { ThisDN = "7010", ConnID = ringing.ConnID });
        await agent.WaitForAsync(m => m.ReferenceID == releaseRef && m.Type == MessageType.EventReleased, Timeout, "EventReleased at 7010");
        await caller.WaitForAsync(m => m.Type == MessageType.EventReleased && m.ThisDN == "5001", Timeout, "5001 released");
        await rig.WaitUntilAsync(() => rig.Simulator.Invoke(m => m.CallCount) == 0, "no call left on the network");
        await rig.WaitForCallsAsync(calls => calls.Count == 0, "no call left in the gateway");
    }

    [Fact]
    public async Task ADnAtASwitchThatDoesNotHaveItIsRefusedWithACleanError()
    {
        await using var rig = await TwoSwitchRig.StartAsync();
        var desk = await rig.ClientAsync("desk", "5002");
        rig.Simulator.Invoke(m => Assert.False(m.MakeCall("5001", "5002").IsError));
        var ringing = await desk.WaitForAsync(m => m.Type == MessageType.EventRinging && m.ThisDN == "5002", Timeout, "EventRinging at 5002");

        var nowhere = new TlibMessage(MessageType.RequestRedirectCall) { ThisDN = "5002@tel_sw", ConnID = ringing.ConnID, OtherDN = "5555@tel_sw_1" };
        var nowhereRef = await desk.SendAsync(nowhere);
        var error = await desk.WaitForAsync(m => m.ReferenceID == nowhereRef && m.Type == MessageType.EventError, Timeout, "EventError");
        Assert.Equal((int)ErrorCode.TERR_INVALID_ATTR, error.ErrorCode);
        Assert.Contains("DN 5555 is not a DN of switch tel_sw_1", error.ErrorMessage, StringComparison.Ordinal);

        var wrongSwitch = new TlibMessage(MessageType.RequestRedirectCall) { ThisDN = "5002@tel_sw_1", ConnID = ringing.ConnID, OtherDN = "7778" };
        var wrongRef = await desk.SendAsync(wrongSwitch);
        error = await desk.WaitForAsync(m => m.ReferenceID == wrongRef && m.Type == MessageType.EventError, Timeout, "EventError");
        Assert.Equal((int)ErrorCode.TERR_NOT_CONFIGURED, error.ErrorCode);
        Assert.Contains("DN 5002 is not a DN of switch tel_sw_1", error.ErrorMessage, StringComparison.Ordinal);
    }
}
