using CtiGateway.Protocol;

namespace CtiGateway.Switching.Tests;

/// <summary>Which events a request's ReferenceID goes back on (rule 11 of the reference call models).</summary>
public sealed class ReplyExpectationTests
{
    private static TlibMessage Event(MessageType type, ulong connId) => new(type) { ThisDN = "5002", ConnID = new ConnId(connId) };

    [Fact]
    public void A_one_reply_request_stamps_only_the_first_of_its_events()
    {
        // TReleaseCall (or a transfer's EventReleased): EventReleased answers; a later EventAbandoned on the DN, within
        // the grace period and on any call, is not an answer.
        var release = new ReplyExpectation("5002", 7, [MessageType.EventReleased, MessageType.EventAbandoned], null, long.MaxValue, oneReply: true);
        var released = Event(MessageType.EventReleased, 1);
        Assert.True(release.TryStamp("5002", released));
        Assert.Equal(7, released.ReferenceID);
        Assert.True(release.IsSpent);
        var abandoned = Event(MessageType.EventAbandoned, 2);
        Assert.False(release.TryStamp("5002", abandoned));
        Assert.Null(abandoned.ReferenceID);
    }

    [Fact]
    public void A_request_answered_by_several_events_stamps_the_first_of_each_type()
    {
        // TInitiateTransfer: EventHeld and EventDialing both answer; a second EventHeld does not.
        var consult = new ReplyExpectation("5002", 9, [MessageType.EventHeld, MessageType.EventDialing], null, long.MaxValue);
        Assert.True(consult.TryStamp("5002", Event(MessageType.EventHeld, 1)));
        Assert.False(consult.IsSpent);
        Assert.False(consult.TryStamp("5001", Event(MessageType.EventDialing, 2)));
        Assert.True(consult.TryStamp("5002", Event(MessageType.EventDialing, 2)));
        Assert.True(consult.IsSpent);
        Assert.False(consult.TryStamp("5002", Event(MessageType.EventHeld, 1)));
    }
}
