using CtiGateway.Pbx.Csta;
using CtiGateway.Protocol;

namespace CtiGateway.CallModel.Tests;

/// <summary>Call flows beyond the reference table: ACD queues, conference members leaving, inbound transfers, lookups.</summary>
public sealed class CallFlowTests
{
    [Fact]
    public void A_queued_call_is_diverted_to_an_agent_whose_events_name_the_queue()
    {
        var rig = new SwitchRig();
        var callId = rig.Switch.DeliverInboundCall("0611000001", "4001")!;
        rig.Pump();
        var queued = Assert.Single(rig.Sink.For("4001"));
        Assert.Equal(MessageType.EventQueued, queued.Type);
        Assert.Equal("4001", queued.GetString(AttributeId.ThisQueue));
        var connId = queued.ConnID!.Value;

        rig.Run(s => s.DeflectCall(new CstaConnectionId(callId, "4001"), "5001"));
        var diverted = rig.Sink.For("4001")[^1];
        Assert.Equal(MessageType.EventDiverted, diverted.Type);
        Assert.Equal("5001", diverted.ThirdPartyDN);
        Assert.Equal("4001", diverted.GetString(AttributeId.ThisQueue));
        var ringing = Assert.Single(rig.Sink.For("5001"));
        Assert.Equal(MessageType.EventRinging, ringing.Type);
        Assert.Equal(connId, ringing.ConnID);
        Assert.Equal("4001", ringing.GetString(AttributeId.ThisQueue));
        Assert.Equal(CallType.Inbound, ringing.CallType);
        Assert.Equal(CallState.Ok, ringing.CallState);

        rig.Run(s => s.AnswerCall(rig.Leg(connId, "5001")));
        rig.Run(s => s.HoldCall(rig.Leg(connId, "5001")));
        rig.Run(s => s.RetrieveCall(rig.Leg(connId, "5001")));
        Assert.Equal(
            [MessageType.EventRinging, MessageType.EventEstablished, MessageType.EventHeld, MessageType.EventRetrieved],
            rig.Sink.For("5001").Select(e => e.Type));
        Assert.All(rig.Sink.For("5001"), e => Assert.Equal("4001", e.GetString(AttributeId.ThisQueue)));
        Assert.Equal([MessageType.EventQueued, MessageType.EventDiverted], rig.Sink.For("4001").Select(e => e.Type));
        Assert.Empty(rig.Sink.Faults);
    }

    [Fact]
    public void A_caller_who_gives_up_in_the_queue_leaves_it_with_EventAbandoned()
    {
        var rig = new SwitchRig();
        var callId = rig.Switch.DeliverInboundCall("0611000001", "4001")!;
        rig.Pump();
        rig.Run(s => s.ClearConnection(new CstaConnectionId(callId, "0611000001")));
        Assert.Equal([MessageType.EventQueued, MessageType.EventAbandoned], rig.Sink.For("4001").Select(e => e.Type));
        Assert.Equal(0, rig.Model.CallCount);
    }

    [Fact]
    public void A_member_leaving_a_conference_is_reported_to_the_others_with_EventPartyDeleted()
    {
        var rig = new SwitchRig();
        rig.Run(s => s.MakeCall("5001", "5002"));
        var call = rig.Sink.Events[0].Event.ConnID!.Value;
        rig.Run(s => s.AnswerCall(rig.Leg(call, "5002")));
        rig.Run(s => s.ConsultationCall(rig.Leg(call, "5002"), "5003"));
        var consult = rig.Model.CallsOf("5003").Single();
        rig.Run(s => s.AnswerCall(rig.Leg(consult, "5003")));
        rig.Run(s => s.ConferenceCall(rig.Leg(call, "5002"), rig.Leg(consult, "5002")));
        Assert.True(rig.Model.TryGetCall(call, out var conference));
        Assert.Equal(["5001", "5002", "5003"], conference.Parties.Select(p => p.Dn));
        Assert.All(conference.Parties, p => Assert.Equal(DNRole.ConferenceMember, p.Role));
        Assert.Equal(CallState.Conferenced, conference.CallState);

        rig.Sink.Clear();
        rig.Run(s => s.ClearConnection(rig.Leg(call, "5003")));
        Assert.Equal([MessageType.EventReleased], rig.Sink.For("5003").Select(e => e.Type));
        foreach (var dn in new[] { "5001", "5002" })
        {
            var deleted = Assert.Single(rig.Sink.For(dn));
            Assert.Equal(MessageType.EventPartyDeleted, deleted.Type);
            Assert.Equal("5003", deleted.OtherDN);
            Assert.Equal(DNRole.DeletedParty, (DNRole?)deleted.GetInt(AttributeId.OtherDNRole));
            Assert.Equal(call, deleted.ConnID);
        }
    }

    [Fact]
    public void An_inbound_call_transferred_after_consultation_stays_inbound_for_the_new_party()
    {
        var rig = new SwitchRig();
        var callId = rig.Switch.DeliverInboundCall("0611000001", "5002")!;
        rig.Pump();
        var call = rig.Sink.Events[0].Event.ConnID!.Value;
        rig.Run(s => s.AnswerCall(new CstaConnectionId(callId, "5002")));
        rig.Model.NoteConsultation("5002", ConsultationPurpose.Transfer);
        rig.Run(s => s.ConsultationCall(rig.Leg(call, "5002"), "5003"));
        var consult = rig.Model.CallsOf("5003").Single();
        var dialing = rig.Sink.For("5002").Single(e => e.Type == MessageType.EventDialing);
        Assert.Equal(call, new ConnId(unchecked((ulong)dialing.GetLong(AttributeId.TransferConnID)!.Value)));
        rig.Run(s => s.AnswerCall(rig.Leg(consult, "5003")));
        rig.Sink.Clear();
        rig.Run(s => s.TransferCall(rig.Leg(call, "5002"), rig.Leg(consult, "5002")));

        var changed = Assert.Single(rig.Sink.For("5003"));
        Assert.Equal(MessageType.EventPartyChanged, changed.Type);
        Assert.Equal(CallType.Inbound, changed.CallType);
        Assert.Equal("0611000001", changed.OtherDN);
        Assert.Equal("0611000001", changed.GetString(AttributeId.ANI));
        Assert.Empty(rig.Sink.For("0611000001"));
        Assert.True(rig.Model.TryGetCall(call, out var info));
        Assert.Equal(["0611000001", "5003"], info.Parties.Select(p => p.Dn));
        Assert.Equal([false, true], info.Parties.Select(p => p.IsInternal));
        Assert.True(rig.Model.TryGetConnection(call, "5003", out var leg));
        Assert.Equal(info.CallId, leg.CallId);
    }

    [Fact]
    public void The_model_answers_the_lookups_a_request_mapper_needs()
    {
        var rig = new SwitchRig();
        var made = rig.Run(s => s.MakeCall("5001", "5002"));
        var callId = made.CallingConnection!.Value.CallId;
        Assert.True(rig.Model.TryGetConnId(callId, out var connId));
        Assert.Equal([connId], rig.Model.CallsOf("5001"));
        Assert.Equal([connId], rig.Model.CallsOf("5002"));
        Assert.Empty(rig.Model.CallsOf("5003"));
        Assert.True(rig.Model.TryGetConnection(connId, "5002", out var leg));
        Assert.Equal(new CstaConnectionId(callId, "5002"), leg);
        Assert.False(rig.Model.TryGetConnection(connId, "5003", out _));
        Assert.False(rig.Model.TryGetConnection(new ConnId(1), "5002", out _));

        var call = Assert.Single(rig.Model.ListCalls());
        Assert.Equal(connId, call.ConnId);
        Assert.Equal(CallType.Internal, call.CallType);
        Assert.Equal("5001", call.Ani);
        Assert.Equal("5002", call.Dnis);
        Assert.Matches("^[0-9A-F]{32}$", call.CallUuid);
        (string, PartyState, DNRole)[] parties = [("5001", PartyState.Dialing, DNRole.Origination), ("5002", PartyState.Alerting, DNRole.Destination)];
        Assert.Equal(parties, call.Parties.Select(p => (p.Dn, p.State, p.Role)));
    }

    [Fact]
    public void A_new_calling_number_from_CallInformation_gives_the_parties_EventCallInfoChanged()
    {
        var rig = new SwitchRig();
        var callId = rig.Switch.DeliverInboundCall("0611000001", "5002")!;
        rig.Pump();
        var connId = rig.Sink.Events[0].Event.ConnID!.Value;
        rig.Sink.Clear();
        var info = Csta.Event(CstaEventType.CallInformation, callId, "5002", calling: "N<0611000009>;noa=nk");
        Assert.Equal(CallEventOutcome.Applied, rig.Model.Apply(info, rig.Sink));
        var changed = Assert.Single(rig.Sink.For("5002"));
        Assert.Equal(MessageType.EventCallInfoChanged, changed.Type);
        Assert.Equal(connId, changed.ConnID);
        Assert.Equal("0611000009", changed.GetString(AttributeId.ANI));
        Assert.Equal(CallEventOutcome.Duplicate, rig.Model.Apply(info, rig.Sink));
        Assert.True(rig.Model.TryGetCall(connId, out var call));
        Assert.Equal("0611000009", call.Ani);
    }

    [Theory]
    [InlineData(ConsultationPurpose.Transfer, AttributeId.TransferConnID)]
    [InlineData(ConsultationPurpose.Conference, AttributeId.ConferenceConnID)]
    public void A_noted_consultation_names_the_original_call_as_TransferConnID_or_ConferenceConnID(ConsultationPurpose purpose, AttributeId attribute)
    {
        var rig = new SwitchRig();
        rig.Run(s => s.MakeCall("5001", "5002"));
        var call = rig.Sink.Events[0].Event.ConnID!.Value;
        rig.Run(s => s.AnswerCall(rig.Leg(call, "5002")));
        rig.Model.NoteConsultation("5002", purpose);
        rig.Run(s => s.ConsultationCall(rig.Leg(call, "5002"), "5003"));
        var dialing = rig.Sink.For("5002").Single(e => e.Type == MessageType.EventDialing);
        Assert.Equal(unchecked((long)call.Value), dialing.GetLong(attribute));
        Assert.Equal(unchecked((long)call.Value), rig.Sink.For("5003").Single().GetLong(attribute));

        // A dropped note (the switch refused the request) leaves the next consultation plain.
        var consult = rig.Model.CallsOf("5003").Single();
        rig.Run(s => s.ClearConnection(rig.Leg(consult, "5002")));
        rig.Run(s => s.RetrieveCall(rig.Leg(call, "5002")));
        rig.Model.NoteConsultation("5002", purpose);
        rig.Model.ClearConsultation("5002");
        rig.Sink.Clear();
        rig.Run(s => s.ConsultationCall(rig.Leg(call, "5002"), "5004"));
        var plain = rig.Sink.For("5002").Single(e => e.Type == MessageType.EventDialing);
        Assert.Equal(CallType.Consult, plain.CallType);
        Assert.False(plain.Has(attribute));
    }
}
