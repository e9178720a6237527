using CtiGateway.Protocol;
using CtiGateway.Simulator;

namespace CtiGateway.Switching.Tests.Calls;

/// <summary>
/// Route points end to end: the simulator (osv-v10), the gateway and T-Library clients over real sockets. A call that
/// arrives at route point 3001 gets EventRouteRequest for its router; RequestRouteCall sends it on (EventRouteUsed with
/// the request's ReferenceID); with no router it goes to the default destination at once, after the router timeout
/// (virtual time) otherwise; a busy or invalid destination gives the router EventError and the call stays; routing
/// loops are cut at RouteHopLimit. And ACD queue 4001: EventQueued, then EventDiverted to an agent, or EventAbandoned.
/// </summary>
public sealed class RoutePointTests
{
    private const string RoutePoint = "3001";
    private const string Caller = "0612345678";
    private static readonly TimeSpan Timeout = CallRig.Timeout;

    private static Action<SwitchSettings> Routing(string? defaultDestination, int timeoutSeconds = 10, int hopLimit = 8) => s =>
    {
        s.RoutePoints = [new RoutePointSettings { Dn = RoutePoint, DefaultDestination = defaultDestination ?? string.Empty, RouterTimeoutSeconds = timeoutSeconds }];
        s.RouteHopLimit = hopLimit;
    };

    [Fact]
    public async Task RequestRouteCall_sends_the_call_to_the_destination_and_the_router_gets_EventRouteUsed()
    {
        await using var rig = await CallRig.StartAsync(editSettings: Routing("5004"));
        var router = await rig.ClientAsync("router", RoutePoint);
        var agent = await rig.ClientAsync("agent", "5003");
        rig.Simulator.Invoke(m => m.DeliverInboundCall(Caller, RoutePoint));

        var request = await router.WaitForAsync(m => m.Type == MessageType.EventRouteRequest, Timeout, "EventRouteRequest on 3001");
        Assert.Equal(RoutePoint, request.ThisDN);
        Assert.Equal(RoutePoint, request.GetString(AttributeId.ThisQueue));
        Assert.Equal(Caller, request.GetString(AttributeId.ANI));
        Assert.Equal((int)CallType.Inbound, request.GetInt(AttributeId.CallType));
        Assert.Equal(Caller, request.OtherDN);
        var connId = request.ConnID!.Value;

        var route = new TlibMessage(MessageType.RequestRouteCall) { ThisDN = RoutePoint, ConnID = connId, OtherDN = "5003" };
        route.Set(AttributeId.RouteType, (int)RouteType.Default);
        var reference = await router.SendAsync(route);

        var used = await router.WaitForAsync(m => m.Type == MessageType.EventRouteUsed, Timeout, "EventRouteUsed on 3001");
        Assert.Equal(reference, used.ReferenceID);
        Assert.Equal(connId, used.ConnID);
        Assert.Equal("5003", used.GetString(AttributeId.ThirdPartyDN));
        Assert.Equal(RoutePoint, used.GetString(AttributeId.ThisQueue));
        await router.WaitForAsync(m => m.Type == MessageType.EventDiverted && m.ConnID == connId, Timeout, "EventDiverted on 3001");
        var ringing = await agent.WaitForAsync(m => m.Type == MessageType.EventRinging, Timeout, "EventRinging on 5003");
        Assert.Equal(connId, ringing.ConnID);
        Assert.Equal(RoutePoint, ringing.GetString(AttributeId.ThisQueue));
        Assert.DoesNotContain(router.Log(), m => m.Type == MessageType.EventError);
    }

    [Fact]
    public async Task With_no_router_registered_the_call_goes_to_the_default_destination_at_once()
    {
        await using var rig = await CallRig.StartAsync(editSettings: Routing("5004"));
        var target = await rig.ClientAsync("default", "5004");
        rig.Simulator.Invoke(m => m.DeliverInboundCall(Caller, RoutePoint));

        var ringing = await target.WaitForAsync(m => m.Type == MessageType.EventRinging, Timeout, "EventRinging on 5004");
        Assert.Equal(RoutePoint, ringing.GetString(AttributeId.ThisQueue));
        Assert.Equal(Caller, ringing.GetString(AttributeId.ANI));
    }

    [Fact]
    public async Task When_the_router_does_not_answer_the_call_goes_to_the_default_destination_at_the_router_timeout()
    {
        var time = new VirtualTimeProvider();
        await using var rig = await CallRig.StartAsync(editSettings: Routing("5004", timeoutSeconds: 10), time: time);
        var router = await rig.ClientAsync("router", RoutePoint);
        var target = await rig.ClientAsync("default", "5004");
        rig.Simulator.Invoke(m => m.DeliverInboundCall(Caller, RoutePoint));
        var request = await router.WaitForAsync(m => m.Type == MessageType.EventRouteRequest, Timeout, "EventRouteRequest on 3001");
        await time.WaitForTimerDueInAsync(TimeSpan.FromSeconds(10), Timeout);

        // Just before the timeout the call still waits at the routing point.
        time.Advance(TimeSpan.FromSeconds(9));
        var calls = await rig.CallsAsync();
        Assert.Contains(calls, c => c.ConnId == request.ConnID && c.Parties.Any(p => p.Dn == RoutePoint));

        time.Advance(TimeSpan.FromSeconds(1));
        var used = await router.WaitForAsync(m => m.Type == MessageType.EventRouteUsed, Timeout, "EventRouteUsed on 3001 after the router timeout");
        Assert.True(used.ReferenceID is null or 0, "a default route answers no request: ReferenceID 0");
        Assert.Equal("5004", used.GetString(AttributeId.ThirdPartyDN));
        await router.WaitForAsync(m => m.Type == MessageType.EventDiverted, Timeout, "EventDiverted on 3001");
        var ringing = await target.WaitForAsync(m => m.Type == MessageType.EventRinging, Timeout, "EventRinging on 5004");
        Assert.Equal(request.ConnID, ringing.ConnID);
        Assert.Equal(RoutePoint, ringing.GetString(AttributeId.ThisQueue));
    }

    [Fact]
    public async Task A_busy_or_invalid_destination_gives_the_router_EventError_and_the_call_stays_for_a_later_route()
    {
        await using var rig = await CallRig.StartAsync(editSettings: Routing("5004"));
        var router = await rig.ClientAsync("router", RoutePoint);
        var agent = await rig.ClientAsync("agent", "5003");
        rig.PlaceCall("5005", "5006");
        rig.Simulator.Invoke(m => m.DeliverInboundCall(Caller, RoutePoint));
        var request = await router.WaitForAsync(m => m.Type == MessageType.EventRouteRequest, Timeout, "EventRouteRequest on 3001");
        var connId = request.ConnID!.Value;

        var busy = await router.SendAsync(new TlibMessage(MessageType.RequestRouteCall) { ThisDN = RoutePoint, ConnID = connId, OtherDN = "5005" });
        var busyError = await router.WaitForAsync(m => m.Type == MessageType.EventError && m.ReferenceID == busy, Timeout, "EventError for the route to busy 5005");
        Assert.Contains("DeflectCall", busyError.ErrorMessage, StringComparison.Ordinal);

        var invalid = await router.SendAsync(new TlibMessage(MessageType.RequestRouteCall) { ThisDN = RoutePoint, ConnID = connId, OtherDN = "5100" });
        await router.WaitForAsync(m => m.Type == MessageType.EventError && m.ReferenceID == invalid, Timeout, "EventError for the route to 5100, no DN of the switch");

        var unsupported = new TlibMessage(MessageType.RequestRouteCall) { ThisDN = RoutePoint, ConnID = connId, OtherDN = "5003" };
        unsupported.Set(AttributeId.RouteType, (int)RouteType.Announcement);
        var refused = await router.SendAsync(unsupported);
        var refusal = await router.WaitForAsync(m => m.Type == MessageType.EventError && m.ReferenceID == refused, Timeout, "EventError for RouteTypeAnnouncement");
        Assert.Equal((int)ErrorCode.TERR_INVALID_ATTR, refusal.ErrorCode);
        Assert.Contains("RouteTypeAnnouncement", refusal.ErrorMessage, StringComparison.Ordinal);

        var calls = await rig.CallsAsync();
        Assert.Contains(calls, c => c.ConnId == connId && c.Parties.Any(p => p.Dn == RoutePoint));
        Assert.DoesNotContain(router.Log(), m => m.Type == MessageType.EventRouteUsed);

        var good = await router.SendAsync(new TlibMessage(MessageType.RequestRouteCall) { ThisDN = RoutePoint, ConnID = connId, OtherDN = "5003" });
        var used = await router.WaitForAsync(m => m.Type == MessageType.EventRouteUsed, Timeout, "EventRouteUsed after the third route");
        Assert.Equal(good, used.ReferenceID);
        await agent.WaitForAsync(m => m.Type == MessageType.EventRinging && m.ConnID == connId, Timeout, "EventRinging on 5003");
    }

    [Fact]
    public async Task RouteTypeCallDisconnect_drops_the_call()
    {
        await using var rig = await CallRig.StartAsync(editSettings: Routing("5004"));
        var router = await rig.ClientAsync("router", RoutePoint);
        var callId = rig.Simulator.Invoke(m => m.DeliverInboundCall(Caller, RoutePoint))!;
        var request = await router.WaitForAsync(m => m.Type == MessageType.EventRouteRequest, Timeout, "EventRouteRequest on 3001");
        var drop = new TlibMessage(MessageType.RequestRouteCall) { ThisDN = RoutePoint, ConnID = request.ConnID };
        drop.Set(AttributeId.RouteType, (int)RouteType.CallDisconnect);
        var reference = await router.SendAsync(drop);

        var gone = await router.WaitForAsync(m => m.Type is MessageType.EventAbandoned or MessageType.EventReleased, Timeout, "the call leaving 3001");
        Assert.Equal(reference, gone.ReferenceID);
        await rig.WaitUntilAsync(() => rig.Simulator.Invoke(m => m.SnapshotDevice(RoutePoint).Snapshot ?? []).Count == 0, "the call gone from the switch");
        Assert.False(string.IsNullOrEmpty(callId));
    }

    [Fact]
    public async Task A_routing_loop_is_cut_at_the_hop_limit()
    {
        // Route points 3001 and 3002 send their calls to each other when nobody routes them.
        var plan = SwitchingPlan.Demo();
        plan.Add(new SimDevice("3002", "tel_sw", SimDeviceKind.RoutePoint));
        await using var rig = await CallRig.StartAsync(
            editSettings: s =>
            {
                s.Dns = [new SwitchDnSettings { Number = "3002", Type = "RoutingPoint" }];
                s.RoutePoints =
                [
                    new RoutePointSettings { Dn = "3001", DefaultDestination = "3002" },
                    new RoutePointSettings { Dn = "3002", DefaultDestination = "3001" },
                ];
                s.RouteHopLimit = 3;
            },
            plan: plan);
        await rig.WaitUntilAsync(() => rig.Simulator.Invoke(m => m.MonitoredDevices).Contains("3002"), "3002 monitored");
        rig.Simulator.Invoke(m => m.DeliverInboundCall(Caller, RoutePoint));

        // 3001, 3002, 3001 (hop 3), 3002 is the fourth: the call is dropped (its default destination is a routing point).
        await rig.WaitUntilAsync(
            () => rig.Simulator.Invoke(m => (m.SnapshotDevice("3001").Snapshot ?? []).Count + (m.SnapshotDevice("3002").Snapshot ?? []).Count) == 0,
            "the looping call dropped by the switch");
        await rig.WaitUntilAsync(() => rig.CallsAsync().GetAwaiter().GetResult().Count == 0, "no call left in the gateway");
    }

    [Fact]
    public async Task RequestRouteCall_to_a_routing_point_is_refused_once_the_call_is_at_the_hop_limit()
    {
        var plan = SwitchingPlan.Demo();
        plan.Add(new SimDevice("3002", "tel_sw", SimDeviceKind.RoutePoint));
        await using var rig = await CallRig.StartAsync(
            editSettings: s =>
            {
                s.Dns = [new SwitchDnSettings { Number = "3002", Type = "RoutingPoint" }];
                s.RouteHopLimit = 1;
            },
            plan: plan);
        await rig.WaitUntilAsync(() => rig.Simulator.Invoke(m => m.MonitoredDevices).Contains("3002"), "3002 monitored");
        var router = await rig.ClientAsync("router", RoutePoint);
        rig.Simulator.Invoke(m => m.DeliverInboundCall(Caller, RoutePoint));
        var request = await router.WaitForAsync(m => m.Type == MessageType.EventRouteRequest, Timeout, "EventRouteRequest on 3001");

        var reference = await router.SendAsync(new TlibMessage(MessageType.RequestRouteCall) { ThisDN = RoutePoint, ConnID = request.ConnID, OtherDN = "3002" });
        var error = await router.WaitForAsync(m => m.Type == MessageType.EventError && m.ReferenceID == reference, Timeout, "EventError for the looping route");
        Assert.Equal((int)ErrorCode.TERR_CTL_CALL_REJECTED, error.ErrorCode);
        Assert.Contains("routing loop", error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_in_an_ACD_queue_is_queued_then_diverted_to_an_agent()
    {
        // The demo's path: route point 3001 (no router) sends the call to queue 4001, whose ACD hands it to a ready agent
        // (the demo plan's agents are logged on and ready).
        await using var rig = await CallRig.StartAsync(editSettings: Routing("4001"), automaticDistribution: true);
        var queue = await rig.ClientAsync("wallboard", "4001");
        var agents = await rig.ClientAsync("agents", CallRig.Extensions(5001, 20));
        rig.Simulator.Invoke(m => m.DeliverInboundCall(Caller, RoutePoint));
        var queued = await queue.WaitForAsync(m => m.Type == MessageType.EventQueued, Timeout, "EventQueued on 4001");
        var diverted = await queue.WaitForAsync(m => m.Type == MessageType.EventDiverted && m.ConnID == queued.ConnID, Timeout, "EventDiverted on 4001");
        var agentDn = diverted.GetString(AttributeId.ThirdPartyDN);
        Assert.False(string.IsNullOrEmpty(agentDn));
        var ringing = await agents.WaitForAsync(m => m.Type == MessageType.EventRinging && m.ConnID == queued.ConnID, Timeout, "EventRinging at the agent");
        Assert.Equal(agentDn, ringing.ThisDN);
        Assert.Equal("4001", ringing.GetString(AttributeId.ThisQueue));
    }

    [Fact]
    public async Task A_caller_who_hangs_up_in_the_queue_gives_the_queue_EventAbandoned()
    {
        await using var rig = await CallRig.StartAsync();
        var queue = await rig.ClientAsync("wallboard", "4001");
        var callId = rig.Simulator.Invoke(m => m.DeliverInboundCall(Caller, "4001"))!;
        var queued = await queue.WaitForAsync(m => m.Type == MessageType.EventQueued, Timeout, "EventQueued on 4001");
        Assert.True(rig.Simulator.Invoke(m => m.ExternalPartyHangsUp(callId)));
        var abandoned = await queue.WaitForAsync(m => m.Type == MessageType.EventAbandoned, Timeout, "EventAbandoned on 4001");
        Assert.Equal(queued.ConnID, abandoned.ConnID);
        Assert.Equal("4001", abandoned.GetString(AttributeId.ThisQueue));
    }
}
