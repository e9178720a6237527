using CtiGateway.Pbx.Csta;
using CtiGateway.Protocol;

namespace CtiGateway.CallModel.Tests;

/// <summary>Real OpenScape Voice events (N&lt;dn&gt; device identifiers, 32-hex callIDs, a callID that changes).</summary>
public sealed class OsvCaptureTests
{
    [Fact]
    public void A_real_OriginatedEvent_gives_EventDialing_with_the_dialled_DN()
    {
        var directory = new DnDirectory([KeyValuePair.Create("302118840100", DnKind.Extension), KeyValuePair.Create("302118840101", DnKind.Extension)]);
        var model = new SwitchCallModel(directory, new ConnIdGenerator(1));
        var sink = new RecordingSink();
        Assert.Equal(CallEventOutcome.Applied, model.Apply(OsvCaptures.Frame("ServiceInitiatedEvent"), sink));
        Assert.Equal(CallEventOutcome.Applied, model.Apply(OsvCaptures.Frame("OriginatedEvent"), sink));
        var (dn, dialing) = Assert.Single(sink.Events);
        Assert.Equal("302118840100", dn);
        Assert.Equal(MessageType.EventDialing, dialing.Type);
        Assert.Equal("302118840101", dialing.OtherDN);
        Assert.Equal(CallType.Internal, dialing.CallType);
        Assert.Equal(unchecked((long)0x2D65C85C1C750000UL), dialing.CallID);
        Assert.True(model.TryGetConnection(dialing.ConnID!.Value, "302118840100", out var leg));
        Assert.Equal(new CstaConnectionId("FF000100000000002D65C85C1C750000", "302118840100"), leg);
    }

    [Fact]
    public void A_real_DeliveredEvent_from_a_trunk_rings_the_agent_with_the_callers_number()
    {
        var directory = new DnDirectory([KeyValuePair.Create("3021061290002", DnKind.ACDPosition)]);
        var model = new SwitchCallModel(directory, new ConnIdGenerator(1));
        var sink = new RecordingSink();
        Assert.Equal(CallEventOutcome.Applied, model.Apply(OsvCaptures.Body("DeliveredEvent"), sink));
        var (dn, ringing) = Assert.Single(sink.Events);
        Assert.Equal("3021061290002", dn);
        Assert.Equal(MessageType.EventRinging, ringing.Type);
        Assert.Equal("7868772298", ringing.GetString(AttributeId.ANI));
        Assert.Equal("7868772298", ringing.OtherDN);
        Assert.Equal(CallType.Inbound, ringing.CallType);
        Assert.Equal(DNRole.Destination, ringing.ThisDNRole);
        Assert.Equal(CallState.Ok, ringing.CallState);
    }

    [Fact]
    public void A_real_single_step_TransferedEvent_moves_the_call_to_its_new_callID_and_keeps_the_ConnID()
    {
        // +17867104700 took an inbound call from +17867100000 on callID FF00...CFB67064...; it transfers it to
        // +17867100001, and OSV gives the call a new callID (0300...) in the transferredConnections list.
        var directory = new DnDirectory([KeyValuePair.Create("+17867104700", DnKind.Extension), KeyValuePair.Create("+17867100001", DnKind.Extension)]);
        var model = new SwitchCallModel(directory, new ConnIdGenerator(1));
        var sink = new RecordingSink();
        const string OldCall = "FF00010000000000CFB6706408000000";
        const string NewCall = "0300010000000000CFB6706408000000";
        model.Apply(Csta.Delivered(OldCall, "+17867104700", "N<+17867100000>;noa=nk", "+17867104700"), sink);
        model.Apply(Csta.Established(OldCall, "+17867104700"), sink);
        var connId = sink.Events[0].Event.ConnID!.Value;
        sink.Clear();

        Assert.Equal(CallEventOutcome.Applied, model.Apply(OsvCaptures.Body("TransferedEvent"), sink));
        var (dn, released) = Assert.Single(sink.Events);
        Assert.Equal("+17867104700", dn);
        Assert.Equal(MessageType.EventReleased, released.Type);
        Assert.Equal(CallState.Transferred, released.CallState);
        Assert.Equal("+17867100001", released.ThirdPartyDN);
        Assert.False(model.TryGetConnId(OldCall, out _));
        Assert.True(model.TryGetConnId(NewCall, out var moved));
        Assert.Equal(connId, moved);

        sink.Clear();
        model.Apply(Csta.Event(CstaEventType.Delivered, NewCall, "+17867100001", "+17867100000", "+17867104700", "singleStepTransfer"), sink);
        var (target, ringing) = Assert.Single(sink.Events);
        Assert.Equal("+17867100001", target);
        Assert.Equal(MessageType.EventRinging, ringing.Type);
        Assert.Equal(connId, ringing.ConnID);
        Assert.Equal(CallState.Transferred, ringing.CallState);
        Assert.Equal("+17867104700", ringing.ThirdPartyDN);
        Assert.False(ringing.Has(AttributeId.PreviousConnID));
    }
}
