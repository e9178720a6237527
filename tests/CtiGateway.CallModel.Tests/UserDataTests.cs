using CtiGateway.Protocol;

namespace CtiGateway.CallModel.Tests;

/// <summary>User data per call: the four requests, the requester's ReferenceID, and what a consultation's data is.</summary>
public sealed class UserDataTests
{
    private static (SwitchRig Rig, ConnId Call) TalkingCall(ConsultUserDataPolicy policy = ConsultUserDataPolicy.Inherited)
    {
        var rig = new SwitchRig(new CallModelOptions { ConsultUserData = policy });
        rig.Run(s => s.MakeCall("5001", "5002"));
        var connId = rig.Sink.Events[0].Event.ConnID!.Value;
        rig.Run(s => s.AnswerCall(rig.Leg(connId, "5002")));
        rig.Sink.Clear();
        return (rig, connId);
    }

    private static KeyValueList Data(string key, string value) => new KeyValueList().Add(key, value);

    [Fact]
    public void Attach_adds_pairs_update_replaces_them_delete_removes_one_key_or_all()
    {
        var (rig, call) = TalkingCall();
        var model = rig.Model;
        Assert.Equal(UserDataOutcome.Changed, model.AttachUserData(call, "5001", Data("k", "1"), rig.Sink));
        Assert.Equal(UserDataOutcome.Changed, model.AttachUserData(call, "5001", Data("k", "2"), rig.Sink));
        Assert.Equal("{k=1, k=2}", Current(model, call));
        Assert.Equal(UserDataOutcome.Changed, model.UpdateUserData(call, "5001", Data("k", "3").Add("j", "4"), rig.Sink));
        Assert.Equal("{k=3, k=2, j=4}", Current(model, call));
        Assert.Equal(UserDataOutcome.Changed, model.DeleteUserData(call, "5001", "k", rig.Sink));
        Assert.Equal("{j=4}", Current(model, call));
        Assert.Equal(UserDataOutcome.KeyNotFound, model.DeleteUserData(call, "5001", "k", rig.Sink));
        Assert.Equal(UserDataOutcome.Changed, model.DeleteAllUserData(call, "5001", rig.Sink));
        Assert.Equal("{}", Current(model, call));
        Assert.Equal(UserDataOutcome.UnknownConnId, model.UpdateUserData(new ConnId(42), "5001", Data("k", "1"), rig.Sink));

        // Five changes, each to both parties; every event carries the whole set as it was then.
        Assert.Equal(5, rig.Sink.For("5001").Count);
        Assert.Equal(5, rig.Sink.For("5002").Count);
        Assert.Equal(["{k=1}", "{k=1, k=2}", "{k=3, k=2, j=4}", "{j=4}", "{}"], rig.Sink.For("5002").Select(e => e.UserData!.ToString()));
    }

    [Fact]
    public void The_requesters_copy_carries_the_ReferenceID_and_a_requester_off_the_call_gets_one_without_ThisDN()
    {
        var (rig, call) = TalkingCall();
        rig.Model.UpdateUserData(call, "5002", Data("k", "v"), rig.Sink, referenceId: 77);
        Assert.Null(Assert.Single(rig.Sink.For("5001")).ReferenceID);
        var own = Assert.Single(rig.Sink.For("5002"));
        Assert.Equal(77, own.ReferenceID);
        Assert.Equal("5002", own.ThirdPartyDN);

        rig.Sink.Clear();
        rig.Model.UpdateUserData(call, "3001", Data("route", "sales"), rig.Sink, referenceId: 78);
        var routed = Assert.Single(rig.Sink.For("3001"));
        Assert.Null(routed.ThisDN);
        Assert.Equal(78, routed.ReferenceID);
        Assert.Equal(call, routed.ConnID);
        Assert.Equal("3001", routed.ThirdPartyDN);
        Assert.Equal(3, rig.Sink.Events.Count);
    }

    [Theory]
    [InlineData(ConsultUserDataPolicy.Separate, "{}", "{k=v}", "{k=v}")]
    [InlineData(ConsultUserDataPolicy.Inherited, "{k=v}", "{k=v}", "{k=v}")]
    [InlineData(ConsultUserDataPolicy.Joint, "{k=v}", "{k=v, c=1}", "{k=v, c=1}")]
    public void A_consultation_starts_with_its_policys_data_and_the_transferred_call_keeps_the_originals(
        ConsultUserDataPolicy policy, string consultStarts, string originalAfterConsultChange, string afterTransfer)
    {
        var (rig, call) = TalkingCall(policy);
        rig.Model.UpdateUserData(call, "5002", Data("k", "v"), rig.Sink);
        rig.Model.NoteConsultation("5002", ConsultationPurpose.Transfer);
        rig.Run(s => s.ConsultationCall(rig.Leg(call, "5002"), "5003"));
        var consult = rig.Model.CallsOf("5002").Single(c => c != call);
        Assert.Equal(consultStarts, Current(rig.Model, consult));

        rig.Sink.Clear();
        rig.Model.UpdateUserData(consult, "5002", Data("c", "1"), rig.Sink);
        Assert.Equal(originalAfterConsultChange, Current(rig.Model, call));
        // Under the joint policy the original call's party hears of the change too, on its own ConnID.
        Assert.Equal(policy == ConsultUserDataPolicy.Joint ? [call] : [], rig.Sink.For("5001").Select(e => e.ConnID!.Value));

        rig.Run(s => s.AnswerCall(rig.Leg(consult, "5003")));
        rig.Sink.Clear();
        rig.Run(s => s.TransferCall(rig.Leg(call, "5002"), rig.Leg(consult, "5002")));
        Assert.Equal(afterTransfer, Current(rig.Model, call));
        Assert.False(rig.Model.TryGetCall(consult, out _));
        var moved = Assert.Single(rig.Sink.For("5003"));
        Assert.Equal(MessageType.EventPartyChanged, moved.Type);
        Assert.Equal(afterTransfer, moved.UserData!.ToString());
    }

    [Fact]
    public void User_data_follows_the_call_through_a_conference()
    {
        var (rig, call) = TalkingCall();
        rig.Model.UpdateUserData(call, "5001", Data("case", "42"), rig.Sink);
        rig.Run(s => s.ConsultationCall(rig.Leg(call, "5002"), "5003"));
        var consult = rig.Model.CallsOf("5003").Single();
        rig.Run(s => s.AnswerCall(rig.Leg(consult, "5003")));
        rig.Run(s => s.ConferenceCall(rig.Leg(call, "5002"), rig.Leg(consult, "5002")));
        Assert.Equal("{case=42}", Current(rig.Model, call));
        rig.Sink.Clear();
        rig.Model.UpdateUserData(call, "5003", Data("note", "x"), rig.Sink);
        Assert.Equal(["5001", "5002", "5003"], rig.Sink.Events.Select(e => e.Dn).Order(StringComparer.Ordinal));
        Assert.All(rig.Sink.Events, e => Assert.Equal("{case=42, note=x}", e.Event.UserData!.ToString()));
    }

    private static string Current(SwitchCallModel model, ConnId call)
    {
        Assert.True(model.TryGetCall(call, out var info));
        return info.UserData.ToString();
    }
}
