using System.Text;
using CtiGateway.Pbx.Bsc;

namespace CtiGateway.Pbx.Tests.Bsc;

public sealed class BscLinkTests
{
    private static readonly TimeSpan T0 = TimeSpan.Zero;
    private static readonly BscLinkOptions Options = new();

    private static BscUnit Ctl(BscUnitKind kind) => BscUnit.Control(kind);

    private static BscUnit Block(string sequencedText) => BscUnit.Block(Encoding.ASCII.GetBytes(sequencedText));

    private static BscUnitKind[] Kinds(IReadOnlyList<BscUnit> units) => [.. units.Select(u => u.Kind)];

    private static string[] Texts(BscLink link) => [.. link.TakeDelivered().Select(t => Encoding.ASCII.GetString(t))];

    [Fact]
    public void SenderBidsSendsBlocksWithAlternatingAcksAndEndsWithEot()
    {
        var link = new BscLink(Options);
        link.Enqueue("<a/>"u8, T0);
        link.Enqueue("<b/>"u8, T0);
        Assert.Equal([BscUnitKind.Bid], Kinds(link.TakeOutgoing()));
        Assert.Equal(BscLinkState.Bidding, link.State);
        Assert.Equal(TimeSpan.FromSeconds(1), link.NextDeadline);

        link.OnUnit(Ctl(BscUnitKind.Ack0), T0);
        var first = Assert.Single(link.TakeOutgoing());
        Assert.Equal("1<a/>", Encoding.ASCII.GetString(first.Text.Span));

        link.OnUnit(Ctl(BscUnitKind.Ack1), T0);
        var second = Assert.Single(link.TakeOutgoing());
        Assert.Equal("0<b/>", Encoding.ASCII.GetString(second.Text.Span));

        link.OnUnit(Ctl(BscUnitKind.Ack0), T0);
        Assert.Equal([BscUnitKind.Eot], Kinds(link.TakeOutgoing()));
        Assert.Equal(BscLinkState.Idle, link.State);
        Assert.Equal(0, link.PendingSendCount);
    }

    [Fact]
    public void ReceiverAnswersBidAndBlocksAndDeliversADuplicateOnce()
    {
        var link = new BscLink(Options);
        link.OnUnit(Ctl(BscUnitKind.Bid), T0);
        Assert.Equal([BscUnitKind.Ack0], Kinds(link.TakeOutgoing()));
        Assert.Equal(BscLinkState.Receiving, link.State);

        link.OnUnit(Block("1<a/>"), T0);
        link.OnUnit(Block("1<a/>"), T0);
        link.OnUnit(Block("0<b/>"), T0);
        Assert.Equal([BscUnitKind.Ack1, BscUnitKind.Ack1, BscUnitKind.Ack0], Kinds(link.TakeOutgoing()));
        Assert.Equal(["<a/>", "<b/>"], Texts(link));

        link.OnUnit(Ctl(BscUnitKind.Enq), T0);
        Assert.Equal([BscUnitKind.Ack0], Kinds(link.TakeOutgoing()));
        link.OnUnit(Ctl(BscUnitKind.Eot), T0);
        Assert.Equal(BscLinkState.Idle, link.State);
        Assert.Null(link.NextDeadline);
    }

    [Fact]
    public void BadBccIsAnsweredNakAndTheRetransmissionDelivered()
    {
        var link = new BscLink(Options);
        link.OnUnit(Ctl(BscUnitKind.Bid), T0);
        link.OnFramingError(new PbxFramingException("bad-bcc", "bad"), T0);
        link.OnUnit(Ctl(BscUnitKind.Enq), T0);
        link.OnUnit(Block("1<a/>"), T0);
        Assert.Equal([BscUnitKind.Ack0, BscUnitKind.Nak, BscUnitKind.Nak, BscUnitKind.Ack1], Kinds(link.TakeOutgoing()));
        Assert.Equal(["<a/>"], Texts(link));
    }

    [Fact]
    public void NakIsRetriedThreeTimesAndTheFourthBringsTheLinkDown()
    {
        var link = StartSending("<a/>");
        for (var i = 0; i < 3; i++)
        {
            link.OnUnit(Ctl(BscUnitKind.Nak), T0);
            var again = Assert.Single(link.TakeOutgoing());
            Assert.Equal("1<a/>", Encoding.ASCII.GetString(again.Text.Span));
        }

        link.OnUnit(Ctl(BscUnitKind.Nak), T0);
        Assert.Empty(link.TakeOutgoing());
        Assert.Equal(BscLinkState.Down, link.State);
        Assert.Equal("nak-retries-exhausted", link.FailureReason);
        Assert.Throws<InvalidOperationException>(() => link.Enqueue("<b/>"u8, T0));
    }

    [Fact]
    public void WrongAlternatingAckMeansTheBlockWasLost()
    {
        var link = StartSending("<a/>");
        link.OnUnit(Ctl(BscUnitKind.Ack0), T0);
        var again = Assert.Single(link.TakeOutgoing());
        Assert.Equal(BscUnitKind.Block, again.Kind);
        Assert.Equal(BscLinkState.Sending, link.State);
    }

    [Fact]
    public void UnansweredBidIsResentFifteenTimesThenTheLinkGoesDown()
    {
        var link = new BscLink(Options);
        link.Enqueue("<a/>"u8, T0);
        var bids = link.TakeOutgoing().Count;
        var now = T0;
        while (link.NextDeadline is { } deadline)
        {
            now = deadline;
            link.OnTimer(now);
            bids += link.TakeOutgoing().Count;
        }

        Assert.Equal(16, bids);
        Assert.Equal(TimeSpan.FromSeconds(16), now);
        Assert.Equal(BscLinkState.Down, link.State);
        Assert.Equal("bid-retries-exhausted", link.FailureReason);
    }

    [Fact]
    public void UnansweredBlockIsQueriedWithEnqThirtyTwoTimesThenTheLinkGoesDown()
    {
        var link = StartSending("<a/>");
        var now = T0;
        var queries = 0;
        while (link.NextDeadline is { } deadline)
        {
            now = deadline;
            link.OnTimer(now);
            queries += link.TakeOutgoing().Count(u => u.Kind == BscUnitKind.Enq);
        }

        Assert.Equal(32, queries);
        Assert.Equal(TimeSpan.FromSeconds(33), now);
        Assert.Equal("reply-timeout", link.FailureReason);
    }

    [Fact]
    public void EarlyTimerCallsDoNothing()
    {
        var link = StartSending("<a/>");
        link.OnTimer(TimeSpan.FromMilliseconds(999));
        Assert.Empty(link.TakeOutgoing());
        link.OnTimer(TimeSpan.FromSeconds(1));
        Assert.Equal([BscUnitKind.Enq], Kinds(link.TakeOutgoing()));
    }

    [Fact]
    public void WackHoldsTheBlockUntilAnEnqFindsTheReceiverReady()
    {
        var receiver = new BscLink(Options) { ReceiveReady = false };
        receiver.OnUnit(Ctl(BscUnitKind.Bid), T0);
        receiver.OnUnit(Block("1<a/>"), T0);
        receiver.OnUnit(Ctl(BscUnitKind.Enq), T0);
        Assert.Equal([BscUnitKind.Ack0, BscUnitKind.Wack, BscUnitKind.Wack], Kinds(receiver.TakeOutgoing()));
        Assert.Empty(receiver.TakeDelivered());
        receiver.ReceiveReady = true;
        receiver.OnUnit(Ctl(BscUnitKind.Enq), T0);
        Assert.Equal([BscUnitKind.Ack1], Kinds(receiver.TakeOutgoing()));
        Assert.Equal(["<a/>"], Texts(receiver));

        var sender = StartSending("<a/>");
        sender.OnUnit(Ctl(BscUnitKind.Wack), T0);
        Assert.Empty(sender.TakeOutgoing());
        sender.OnTimer(TimeSpan.FromSeconds(1));
        Assert.Equal([BscUnitKind.Enq], Kinds(sender.TakeOutgoing()));
        sender.OnUnit(Ctl(BscUnitKind.Ack1), TimeSpan.FromSeconds(1));
        Assert.Equal([BscUnitKind.Eot], Kinds(sender.TakeOutgoing()));
    }

    [Fact]
    public void TooManyWacksBringTheLinkDown()
    {
        var sender = StartSending("<a/>");
        for (var i = 0; i <= Options.WackRetries; i++)
        {
            sender.OnUnit(Ctl(BscUnitKind.Wack), T0);
        }

        Assert.Equal("wack-retries-exhausted", sender.FailureReason);
    }

    [Fact]
    public void OnContentionTheSecondaryYieldsAndBidsAfterEot()
    {
        var primary = new BscLink(Options with { IsPrimary = true });
        var secondary = new BscLink(Options);
        primary.Enqueue("<p/>"u8, T0);
        secondary.Enqueue("<s/>"u8, T0);
        Assert.Equal([BscUnitKind.Bid], Kinds(primary.TakeOutgoing()));
        Assert.Equal([BscUnitKind.Bid], Kinds(secondary.TakeOutgoing()));

        primary.OnUnit(Ctl(BscUnitKind.Bid), T0);
        Assert.Empty(primary.TakeOutgoing());
        secondary.OnUnit(Ctl(BscUnitKind.Bid), T0);
        Assert.Equal([BscUnitKind.Ack0], Kinds(secondary.TakeOutgoing()));
        Assert.Equal(BscLinkState.Receiving, secondary.State);

        primary.OnUnit(Ctl(BscUnitKind.Ack0), T0);
        secondary.OnUnit(Assert.Single(primary.TakeOutgoing()), T0);
        primary.OnUnit(Assert.Single(secondary.TakeOutgoing()), T0);
        Assert.Equal([BscUnitKind.Eot], Kinds(primary.TakeOutgoing()));
        secondary.OnUnit(Ctl(BscUnitKind.Eot), T0);
        Assert.Equal(["<p/>"], Texts(secondary));
        Assert.Equal([BscUnitKind.Bid], Kinds(secondary.TakeOutgoing()));
        Assert.Equal(BscLinkState.Bidding, secondary.State);
    }

    [Fact]
    public void AfterEotTheSenderWaitsTheRebidDelaySoThePeerCanBidFirst()
    {
        var link = StartSending("<a/>");
        link.OnUnit(Ctl(BscUnitKind.Ack1), T0);
        link.Enqueue("<b/>"u8, T0);
        Assert.Equal([BscUnitKind.Eot], Kinds(link.TakeOutgoing()));
        Assert.Equal(Options.RebidDelay, link.NextDeadline);

        link.OnUnit(Ctl(BscUnitKind.Bid), TimeSpan.FromMilliseconds(10));
        Assert.Equal([BscUnitKind.Ack0], Kinds(link.TakeOutgoing()));
        link.OnUnit(Ctl(BscUnitKind.Eot), TimeSpan.FromMilliseconds(20));
        Assert.Equal([BscUnitKind.Bid], Kinds(link.TakeOutgoing()));

        var idle = StartSending("<a/>");
        idle.OnUnit(Ctl(BscUnitKind.Ack1), T0);
        idle.Enqueue("<b/>"u8, T0);
        idle.TakeOutgoing();
        idle.OnTimer(Options.RebidDelay);
        Assert.Equal([BscUnitKind.Bid], Kinds(idle.TakeOutgoing()));
    }

    [Fact]
    public void OptionsAreChecked()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BscLink(Options with { ReplyTimeout = TimeSpan.Zero }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BscLink(Options with { NakRetries = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BscLink(Options with { MaxBlockSize = 1 }));
    }

    [Fact]
    public void ReceiverTimerTakesTheSendRightAway()
    {
        var link = new BscLink(Options);
        link.OnUnit(Ctl(BscUnitKind.Bid), T0);
        link.Enqueue("<a/>"u8, T0);
        link.TakeOutgoing();
        Assert.Equal(TimeSpan.FromSeconds(35), link.NextDeadline);
        link.OnTimer(TimeSpan.FromSeconds(35));
        Assert.Equal([BscUnitKind.Bid], Kinds(link.TakeOutgoing()));
        Assert.Equal(BscLinkState.Bidding, link.State);
    }

    [Fact]
    public void EnqueueRejectsTextThatCannotTravelInOneBlock()
    {
        var link = new BscLink(Options with { MaxBlockSize = 8 });
        Assert.Throws<ArgumentException>(() => link.Enqueue("12345678"u8, T0));
        Assert.Throws<ArgumentException>(() => link.Enqueue("<a>\r</a>"u8[..4], T0));
        link.Enqueue("1234567"u8, T0);
        Assert.Equal(1, link.PendingSendCount);
    }

    private static BscLink StartSending(string text)
    {
        var link = new BscLink(Options);
        link.Enqueue(Encoding.ASCII.GetBytes(text), T0);
        link.OnUnit(Ctl(BscUnitKind.Ack0), T0);
        var outgoing = link.TakeOutgoing();
        Assert.Equal([BscUnitKind.Bid, BscUnitKind.Block], Kinds(outgoing));
        Assert.Equal(BscLinkState.Sending, link.State);
        return link;
    }
}
