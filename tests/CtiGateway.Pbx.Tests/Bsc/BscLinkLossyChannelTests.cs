using System.Text;
using CtiGateway.Pbx.Bsc;

namespace CtiGateway.Pbx.Tests.Bsc;

public sealed class BscLinkLossyChannelTests
{
    private static readonly BscCodeTable Codes = BscCodeTable.Neax;
    private static readonly BscLinkOptions Options = new() { MaxBlockSize = 512 };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void EveryTextArrivesOnceInOrderAndEveryCorruptedBlockIsOneBadBcc(int seed)
    {
        var random = new Random(seed);
        var channel = new LossyBscChannel(random, corruptRate: 0.01, dropRate: 0.01, Codes, Options.MaxBlockSize);
        var switchSide = new BscEndpoint(Options with { IsPrimary = true }, Codes);
        var pmsSide = new BscEndpoint(Options, Codes);
        var toPms = Texts(random, "SW", 1000);
        var toSwitch = Texts(random, "PMS", 1000);

        var now = TimeSpan.Zero;
        int sentToPms = 0, sentToSwitch = 0;
        var nextBurst = TimeSpan.Zero;
        for (var step = 0; ; step++)
        {
            Assert.True(step < 1_000_000 && now < TimeSpan.FromHours(24), $"no progress: now {now}");
            if (now >= nextBurst)
            {
                // Both sides get new text at the same instant, so they bid against each other.
                sentToPms = Feed(switchSide.Link, toPms, sentToPms, random.Next(0, 6), now);
                sentToSwitch = Feed(pmsSide.Link, toSwitch, sentToSwitch, random.Next(0, 6), now);
                nextBurst = now + TimeSpan.FromMilliseconds(random.Next(100, 3000));
            }

            Pump(channel, switchSide, pmsSide, now);
            Assert.NotEqual(BscLinkState.Down, switchSide.Link.State);
            Assert.NotEqual(BscLinkState.Down, pmsSide.Link.State);
            if (pmsSide.Delivered.Count == toPms.Count && switchSide.Delivered.Count == toSwitch.Count)
            {
                break;
            }

            TimeSpan?[] candidates =
            [
                switchSide.Link.NextDeadline, pmsSide.Link.NextDeadline,
                sentToPms < toPms.Count || sentToSwitch < toSwitch.Count ? nextBurst : null,
            ];
            now = candidates.Where(c => c is not null).Select(c => c!.Value).DefaultIfEmpty(now + TimeSpan.FromSeconds(1)).Min();
            switchSide.Link.OnTimer(now);
            pmsSide.Link.OnTimer(now);
        }

        Assert.Equal(toPms, pmsSide.Delivered);
        Assert.Equal(toSwitch, switchSide.Delivered);
        var badBcc = switchSide.Errors.GetValueOrDefault("bad-bcc") + pmsSide.Errors.GetValueOrDefault("bad-bcc");
        Assert.True(channel.CorruptedBlocks > 5, $"only {channel.CorruptedBlocks} blocks corrupted");
        Assert.True(channel.DroppedUnits > 5 && channel.DroppedBytes > 5, "the channel dropped too little");
        Assert.Equal(channel.CorruptedBlocks, badBcc);
    }

    [Fact]
    public void CutLineBringsTheSendingSideDownAfterTheRetries()
    {
        var random = new Random(5);
        var channel = new LossyBscChannel(random, 0, 0, Codes, Options.MaxBlockSize);
        var switchSide = new BscEndpoint(Options with { IsPrimary = true }, Codes);
        var pmsSide = new BscEndpoint(Options, Codes);
        var now = TimeSpan.Zero;
        switchSide.Link.Enqueue("<a/>"u8, now);
        Pump(channel, switchSide, pmsSide, now);
        Assert.Equal(["<a/>"], pmsSide.Delivered);

        channel.Cut = true;
        switchSide.Link.Enqueue("<b/>"u8, now);
        Pump(channel, switchSide, pmsSide, now);
        while (switchSide.Link.NextDeadline is { } deadline)
        {
            now = deadline;
            switchSide.Link.OnTimer(now);
            Pump(channel, switchSide, pmsSide, now);
        }

        Assert.Equal(BscLinkState.Down, switchSide.Link.State);
        Assert.Equal("bid-retries-exhausted", switchSide.Link.FailureReason);
        // The rebid delay after the first EOT, then the bid and its 15 resends, one second apart.
        Assert.Equal(Options.RebidDelay + TimeSpan.FromSeconds(16), now);
        Assert.Single(pmsSide.Delivered);
    }

    [Fact]
    public void LateAnswerCrossingAQueryCausesADuplicateThatIsDeliveredOnce()
    {
        var sender = new BscLink(Options);
        var receiver = new BscLink(Options);
        var now = TimeSpan.Zero;
        sender.Enqueue("<a/>"u8, now);
        sender.Enqueue("<b/>"u8, now);
        receiver.OnUnit(Assert.Single(sender.TakeOutgoing()), now);
        sender.OnUnit(Assert.Single(receiver.TakeOutgoing()), now);

        // Block <a/> reaches the receiver, but its ACK1 is slow: the sender's timer fires and it queries with ENQ.
        receiver.OnUnit(Assert.Single(sender.TakeOutgoing()), now);
        var lateAck = Assert.Single(receiver.TakeOutgoing());
        now = TimeSpan.FromSeconds(1);
        sender.OnTimer(now);
        receiver.OnUnit(Assert.Single(sender.TakeOutgoing()), now);
        var answerToQuery = Assert.Single(receiver.TakeOutgoing());
        Assert.Equal(BscUnitKind.Ack1, answerToQuery.Kind);

        // The late ACK1 moves the sender to <b/>; the second ACK1 then looks like the answer for the previous block,
        // so <b/> is sent twice and the receiver acknowledges both but delivers it once.
        sender.OnUnit(lateAck, now);
        sender.OnUnit(answerToQuery, now);
        var sent = sender.TakeOutgoing();
        Assert.Equal(2, sent.Count);
        Assert.Equal(sent[0].Text.ToArray(), sent[1].Text.ToArray());
        foreach (var unit in sent)
        {
            receiver.OnUnit(unit, now);
        }

        var answers = receiver.TakeOutgoing();
        Assert.Equal([BscUnitKind.Ack0, BscUnitKind.Ack0], answers.Select(u => u.Kind));
        foreach (var unit in answers)
        {
            sender.OnUnit(unit, now);
        }

        Assert.Equal(["<a/>", "<b/>"], receiver.TakeDelivered().Select(t => Encoding.ASCII.GetString(t)));
        Assert.Equal(1, receiver.DuplicateBlocks);
        Assert.Equal(0, sender.PendingSendCount);
        Assert.Equal(BscLinkState.Idle, sender.State);
    }

    private static void Pump(LossyBscChannel channel, BscEndpoint a, BscEndpoint b, TimeSpan now)
    {
        var progress = true;
        while (progress)
        {
            progress = false;
            foreach (var unit in a.Link.TakeOutgoing())
            {
                b.Accept(channel.Transmit(unit));
                progress = true;
            }

            foreach (var unit in b.Link.TakeOutgoing())
            {
                a.Accept(channel.Transmit(unit));
                progress = true;
            }

            progress |= a.Receive(now);
            progress |= b.Receive(now);
        }
    }

    private static int Feed(BscLink link, List<string> texts, int sent, int count, TimeSpan now)
    {
        for (var i = 0; i < count && sent < texts.Count; i++, sent++)
        {
            link.Enqueue(Encoding.ASCII.GetBytes(texts[sent]), now);
        }

        return sent;
    }

    private static List<string> Texts(Random random, string from, int count)
    {
        var texts = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var pad = new char[random.Next(0, 300)];
            for (var j = 0; j < pad.Length; j++)
            {
                pad[j] = (char)random.Next(0x20, 0x7F);
            }

            texts.Add($"<Event from=\"{from}\" n=\"{i}\">{new string(pad)}</Event>");
        }

        return texts;
    }
}
