using CtiGateway.Pbx.Csta;
using CtiGateway.Protocol;

namespace CtiGateway.CallModel.Tests;

/// <summary>
/// Ended calls are reused (so the garbage collector does not promote every call), and a reused call starts clean:
/// new ConnID and CallUUID, no parties, data or flags of the call it was.
/// </summary>
public sealed class CallPoolTests
{
    private static ConnId TalkingCall(SwitchRig rig, string from, string to)
    {
        var before = rig.Sink.Events.Count;
        rig.Run(s => s.MakeCall(from, to));
        var connId = rig.Sink.Events[before].Event.ConnID!.Value;
        rig.Run(s => s.AnswerCall(rig.Leg(connId, to)));
        return connId;
    }

    [Fact]
    public void An_ended_call_is_reused_and_the_next_call_starts_clean()
    {
        var rig = new SwitchRig();
        var first = TalkingCall(rig, "5001", "5002");
        Assert.Equal(UserDataOutcome.Changed, rig.Model.AttachUserData(first, "5001", new KeyValueList().Add("account", "42"), rig.Sink));
        Assert.True(rig.Model.TryGetCall(first, out var firstInfo));
        rig.Run(s => s.ClearConnection(rig.Leg(first, "5001")));
        Assert.Equal(0, rig.Model.CallCount);
        Assert.Equal(0, rig.Model.Pool.Reused);

        rig.Sink.Clear();
        var second = TalkingCall(rig, "5003", "5004");
        Assert.Equal(1, rig.Model.Pool.Reused);
        Assert.NotEqual(first, second);
        Assert.True(rig.Model.TryGetCall(second, out var info));
        Assert.NotEqual(firstInfo.CallUuid, info.CallUuid);
        Assert.Equal(["5003", "5004"], info.Parties.Select(p => p.Dn));
        Assert.All(info.Parties, p => Assert.Equal(PartyState.Connected, p.State));
        Assert.Empty(info.UserData);
        Assert.Equal(CallType.Internal, info.CallType);
        Assert.Null(info.PreviousConnId);
        Assert.All(rig.Sink.Events, e => Assert.Equal(second, e.Event.ConnID));
        Assert.All(rig.Sink.Events, e => Assert.Empty(e.Event.UserData ?? new KeyValueList()));
        Assert.Equal(
            [MessageType.EventDialing, MessageType.EventEstablished],
            rig.Sink.For("5003").Select(e => e.Type));
        Assert.Equal([MessageType.EventRinging, MessageType.EventEstablished], rig.Sink.For("5004").Select(e => e.Type));
        Assert.Empty(rig.Sink.Faults);

        // The reused call ends as any other.
        rig.Run(s => s.ClearConnection(rig.Leg(second, "5004")));
        Assert.Equal(0, rig.Model.CallCount);
        Assert.Equal(MessageType.EventReleased, rig.Sink.For("5003")[^1].Type);
    }

    [Fact]
    public void The_calls_of_a_consultation_are_never_reused()
    {
        var rig = new SwitchRig();
        var original = TalkingCall(rig, "5001", "5002");
        var consult = rig.Run(s => s.ConsultationCall(rig.Leg(original, "5001"), "5003"));
        Assert.False(consult.IsError, consult.ToString());
        var consultConnId = rig.Sink.For("5003")[^1].ConnID!.Value;
        rig.Run(s => s.ClearConnection(rig.Leg(consultConnId, "5001")));
        rig.Run(s => s.ClearConnection(rig.Leg(original, "5002")));
        Assert.Equal(0, rig.Model.CallCount);

        TalkingCall(rig, "5004", "5005");
        Assert.Equal(0, rig.Model.Pool.Reused);
        Assert.Empty(rig.Sink.Faults);
    }

    [Fact]
    public void A_call_that_ended_is_not_reused_during_the_same_input()
    {
        var pool = new CallPool(4);
        var ended = pool.RentCall(new ConnId(1), "c1", "u1", DateTimeOffset.UnixEpoch);
        var party = pool.RentParty(ended, "5001", DnKind.Extension, new CstaConnectionId("c1", "5001"));
        ended.Parties.Add(party);
        ended.Live = false;
        pool.Ended(ended);

        var sameInput = pool.RentCall(new ConnId(2), "c2", "u2", DateTimeOffset.UnixEpoch);
        Assert.NotSame(ended, sameInput);
        Assert.Equal("c1", ended.CallId);
        Assert.Same(party, Assert.Single(ended.Parties));

        pool.EndOfInputs();
        var nextInput = pool.RentCall(new ConnId(3), "c3", "u3", DateTimeOffset.UnixEpoch);
        Assert.Same(ended, nextInput);
        Assert.Equal("c3", nextInput.CallId);
        Assert.True(nextInput.Live);
        Assert.Empty(nextInput.Parties);
        Assert.Same(party, pool.RentParty(nextInput, "5002", DnKind.Extension, new CstaConnectionId("c3", "5002")));
        Assert.Equal("5002", party.Dn);
        Assert.Same(nextInput.CallId, party.Connection.CallId);
    }

    [Fact]
    public void A_pinned_or_live_call_is_not_reused_and_the_pool_is_bounded()
    {
        var pool = new CallPool(2);
        var pinned = pool.RentCall(new ConnId(1), "c1", "u1", DateTimeOffset.UnixEpoch);
        pinned.Pinned = true;
        pinned.Live = false;
        pool.Ended(pinned);
        var calls = Enumerable.Range(2, 5).Select(i => pool.RentCall(new ConnId((ulong)i), $"c{i}", $"u{i}", DateTimeOffset.UnixEpoch)).ToList();
        foreach (var call in calls)
        {
            call.Live = false;
            pool.Ended(call);
        }

        pool.EndOfInputs();
        Assert.Equal(2, pool.FreeCalls);
        var a = pool.RentCall(new ConnId(10), "c10", "u10", DateTimeOffset.UnixEpoch);
        var b = pool.RentCall(new ConnId(11), "c11", "u11", DateTimeOffset.UnixEpoch);
        Assert.DoesNotContain(pinned, new[] { a, b });
        Assert.Equal(0, pool.FreeCalls);
    }
}
