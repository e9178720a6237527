using CtiGateway.Pbx.Csta;
using CtiGateway.Protocol;

namespace CtiGateway.CallModel.Tests;

/// <summary>Routing points in memory: the route request of a consultation call, the host's notice, RequestRouteCall refusals.</summary>
public sealed class RoutingTests
{
    private static SwitchRig Rig(int maxHops = 8) =>
        new(new CallModelOptions { DefaultRoutes = new Dictionary<string, string> { ["3001"] = "5004" }, MaxRouteHops = maxHops });

    [Fact]
    public void A_consultation_call_to_a_routing_point_carries_PreviousConnID_and_CallType_Consult()
    {
        var rig = Rig();
        var made = rig.Run(s => s.MakeCall("5001", "5002"));
        var callId = made.CallingConnection!.Value.CallId;
        rig.Run(s => s.AnswerCall(new CstaConnectionId(callId, "5002")));
        Assert.True(rig.Model.TryGetConnId(callId, out var original));

        rig.Model.NoteConsultation("5001", ConsultationPurpose.Transfer);
        rig.Run(s => s.ConsultationCall(rig.Leg(original, "5001"), "3001"));

        var request = Assert.Single(rig.Sink.For("3001"), e => e.Type == MessageType.EventRouteRequest);
        Assert.Equal(original, request.GetLong(AttributeId.PreviousConnID) is { } p ? new ConnId((ulong)p) : default);
        Assert.Equal(CallType.Consult, request.CallType);
        Assert.Equal("3001", request.GetString(AttributeId.ThisQueue));
        Assert.Equal("5001", request.OtherDN);
        var arrival = Assert.Single(rig.Sink.RouteArrivals);
        Assert.Equal(("3001", 1, false), (arrival.RoutePoint, arrival.Hops, arrival.Looping));
        Assert.Equal(request.ConnID, arrival.ConnId);
        Assert.Empty(rig.Sink.Faults);
    }

    [Fact]
    public void An_inbound_call_gets_EventQueued_then_EventRouteRequest_and_the_divert_gives_EventRouteUsed_before_EventDiverted()
    {
        var rig = Rig();
        var callId = rig.Switch.DeliverInboundCall("0611000001", "3001")!;
        rig.Pump();
        Assert.Equal([MessageType.EventQueued, MessageType.EventRouteRequest], rig.Sink.For("3001").Select(e => e.Type));
        var connId = rig.Sink.For("3001")[1].ConnID!.Value;

        var plan = rig.Model.PlanRequest(new TlibMessage(MessageType.RequestRouteCall) { ThisDN = "3001", ConnID = connId }, 7, rig.Sink);
        var command = Assert.IsType<SwitchCommand>(plan.Command);
        Assert.Equal((SwitchCommandKind.DeflectCall, "5004"), (command.Kind, command.Device));
        Assert.Equal([MessageType.EventRouteUsed], command.ReplyEvents);

        rig.Run(s => s.DeflectCall(new CstaConnectionId(callId, "3001"), "5004"));
        Assert.Equal([MessageType.EventQueued, MessageType.EventRouteRequest, MessageType.EventRouteUsed, MessageType.EventDiverted], rig.Sink.For("3001").Select(e => e.Type));
        var used = rig.Sink.For("3001")[2];
        Assert.Equal("5004", used.ThirdPartyDN);
        Assert.Equal((int)DNRole.Destination, used.GetInt(AttributeId.ThirdPartyDNRole));
        Assert.False(rig.Model.IsWaitingAt(connId, "3001"));
        Assert.Empty(rig.Sink.Faults);
    }

    [Theory]
    [InlineData("5001", null, null, ErrorCode.TERR_INVALID_ATTR, "is not a RoutingPoint")]
    [InlineData("3001", (int)RouteType.Label, "5002", ErrorCode.TERR_INVALID_ATTR, "RouteTypeLabel (2) is not served")]
    [InlineData("3001", (int)RouteType.Default, "3001", ErrorCode.TERR_INVALID_ATTR, "already waits at routing point 3001")]
    public void RequestRouteCall_is_refused_with_a_reason(string thisDn, int? routeType, string? otherDn, ErrorCode code, string reason)
    {
        var rig = Rig();
        rig.Switch.DeliverInboundCall("0611000001", "3001");
        rig.Pump();
        var connId = rig.Sink.For("3001")[0].ConnID!.Value;
        var request = new TlibMessage(MessageType.RequestRouteCall) { ThisDN = thisDn, ConnID = connId };
        if (otherDn is not null)
        {
            request.OtherDN = otherDn;
        }

        if (routeType is { } type)
        {
            request.Set(AttributeId.RouteType, type);
        }

        var plan = rig.Model.PlanRequest(request, 7, rig.Sink);
        Assert.True(plan.IsRefused);
        Assert.Equal(code, plan.Error);
        Assert.Contains(reason, plan.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_default_destination_RouteTypeDefault_needs_OtherDN()
    {
        var rig = new SwitchRig();
        rig.Switch.DeliverInboundCall("0611000001", "3001");
        rig.Pump();
        var connId = rig.Sink.For("3001")[0].ConnID!.Value;
        var plan = rig.Model.PlanRequest(new TlibMessage(MessageType.RequestRouteCall) { ThisDN = "3001", ConnID = connId }, 7, rig.Sink);
        Assert.Equal(ErrorCode.TERR_INVALID_ATTR, plan.Error);
        Assert.Contains("no DefaultDestination configured", plan.Message, StringComparison.Ordinal);
        Assert.Null(rig.Model.DefaultRouteOf("3001"));
    }

    [Fact]
    public void A_call_past_the_hop_limit_is_reported_as_looping()
    {
        var rig = Rig(maxHops: 1);
        var callId = rig.Switch.DeliverInboundCall("0611000001", "3001")!;
        rig.Pump();
        Assert.False(Assert.Single(rig.Sink.RouteArrivals).Looping);

        // Back to the routing point through a station (the switch allows it): the second arrival is past the limit.
        rig.Run(s => s.DeflectCall(new CstaConnectionId(callId, "3001"), "5001"));
        rig.Run(s => s.DeflectCall(new CstaConnectionId(callId, "5001"), "3001"));
        Assert.Equal([false, true], rig.Sink.RouteArrivals.Select(a => a.Looping));
        Assert.Equal(2, rig.Sink.RouteArrivals[1].Hops);
    }
}
