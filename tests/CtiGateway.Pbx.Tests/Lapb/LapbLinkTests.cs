using CtiGateway.Pbx.Lapb;

namespace CtiGateway.Pbx.Tests.Lapb;

public sealed class LapbLinkTests
{
    private static readonly LapbOptions Dte = new();
    private static readonly LapbOptions Dce = LapbOptions.Dce;

    private static List<byte[]> Messages(int seed, int count, int maxLength)
    {
        var random = new Random(seed);
        var list = new List<byte[]>();
        for (var i = 0; i < count; i++)
        {
            var m = new byte[random.Next(1, maxLength + 1)];
            random.NextBytes(m);
            m[0] = (byte)i; // distinct, ordered
            if (m.Length > 2)
            {
                m[1] = 0x7E;
                m[^1] = 0x7D;
            }

            list.Add(m);
        }

        return list;
    }

    private static List<LapbFrame> Drain(LapbLink link)
    {
        var frames = new List<LapbFrame>();
        while (link.TryDequeueOutgoing(out var f))
        {
            frames.Add(f);
        }

        return frames;
    }

    private static List<LapbLinkEvent> Events(LapbLink link)
    {
        var events = new List<LapbLinkEvent>();
        while (link.TryDequeueEvent(out var e))
        {
            events.Add(e);
        }

        return events;
    }

    [Fact]
    public void MeridianDefaults()
    {
        Assert.Equal(TimeSpan.FromSeconds(3), Dte.T1);
        Assert.Equal(7, Dte.N2);
        Assert.Equal(7, Dte.K);
        Assert.Equal(128, Dte.MaxInformationLength);
        Assert.Equal(0x03, Dte.LocalAddress);
        Assert.Equal(0x01, Dte.RemoteAddress);
    }

    [Fact]
    public void SetUpSendsSabmWithPollToThePeerAddressAndUaBringsTheLinkUp()
    {
        var link = new LapbLink(Dte);
        link.Start(TimeSpan.Zero);
        var sabm = Assert.Single(Drain(link));
        Assert.Equal(new byte[] { 0x01, 0x3F }, sabm.ToArray());
        Assert.Equal(TimeSpan.FromSeconds(3), link.NextDeadline);

        link.Receive([0x01, 0x73], TimeSpan.FromMilliseconds(50)); // UA F=1 response from the DCE
        Assert.Equal(LapbLinkState.Connected, link.State);
        Assert.Null(link.NextDeadline);
        Assert.Equal(LapbLinkEventKind.LinkUp, Assert.Single(Events(link)).Kind);
    }

    [Fact]
    public void WindowOfSevenThenAcknowledgementOpensIt()
    {
        var link = Connected();
        for (var i = 0; i < 10; i++)
        {
            link.Send([(byte)i], TimeSpan.Zero);
        }

        var frames = Drain(link);
        Assert.Equal(7, frames.Count);
        Assert.Equal([0, 1, 2, 3, 4, 5, 6], frames.Select(f => f.NS));
        Assert.All(frames, f => Assert.Equal(LapbFrameKind.I, f.Kind));
        Assert.Equal(3, link.PendingCount);

        link.Receive(LapbFrame.Supervisory(0x01, LapbFrameKind.RR, 3, false).ToArray(), TimeSpan.FromSeconds(1));
        Assert.Equal(3, link.VA);
        Assert.Equal([7, 0, 1], Drain(link).Select(f => f.NS));
        Assert.Equal(TimeSpan.FromSeconds(4), link.NextDeadline);
    }

    [Fact]
    public void OutOfSequenceIFrameGetsOneRejAndInSequenceIsDeliveredOnce()
    {
        var link = Connected();
        link.Receive(LapbFrame.Info(0x03, 0, 0, false, new byte[] { 0xA0 }).ToArray(), TimeSpan.Zero);
        Assert.Equal(LapbFrameKind.RR, Assert.Single(Drain(link)).Kind);
        link.Receive(LapbFrame.Info(0x03, 2, 0, false, new byte[] { 0xA2 }).ToArray(), TimeSpan.Zero);
        var rej = Assert.Single(Drain(link));
        Assert.Equal(LapbFrameKind.REJ, rej.Kind);
        Assert.Equal(1, rej.NR);
        link.Receive(LapbFrame.Info(0x03, 3, 0, false, new byte[] { 0xA3 }).ToArray(), TimeSpan.Zero);
        Assert.Empty(Drain(link)); // REJ condition already set
        link.Receive(LapbFrame.Info(0x03, 1, 0, false, new byte[] { 0xA1 }).ToArray(), TimeSpan.Zero);
        link.Receive(LapbFrame.Info(0x03, 2, 0, false, new byte[] { 0xA2 }).ToArray(), TimeSpan.Zero);
        var delivered = new List<byte>();
        while (link.TryDequeueDelivered(out var info))
        {
            delivered.Add(info.Span[0]);
        }

        Assert.Equal(new byte[] { 0xA0, 0xA1, 0xA2 }, delivered);
        Assert.Equal(3, link.VR);
    }

    [Fact]
    public void RejMakesTheSenderGoBackToNR()
    {
        var link = Connected();
        for (var i = 0; i < 4; i++)
        {
            link.Send([(byte)i], TimeSpan.Zero);
        }

        Drain(link);
        link.Receive(LapbFrame.Supervisory(0x01, LapbFrameKind.REJ, 1, false).ToArray(), TimeSpan.FromSeconds(1));
        Assert.Equal([1, 2, 3], Drain(link).Select(f => f.NS));
    }

    [Fact]
    public void T1ExpiryPollsAndTheFinalAnswerResendsFromNR()
    {
        var link = Connected();
        link.Send([1], TimeSpan.Zero);
        link.Send([2], TimeSpan.Zero);
        Drain(link);
        link.Tick(TimeSpan.FromSeconds(3));
        var poll = Assert.Single(Drain(link));
        Assert.Equal(new byte[] { 0x01, 0x11 }, poll.ToArray()); // RR command to the DCE, P=1, N(R)=V(R)=0
        link.Receive(LapbFrame.Supervisory(0x01, LapbFrameKind.RR, 1, true).ToArray(), TimeSpan.FromSeconds(3.1));
        var resent = Assert.Single(Drain(link));
        Assert.Equal(1, resent.NS);
        Assert.Equal(new byte[] { 2 }, resent.Information.ToArray());
    }

    [Fact]
    public void N2UnansweredPollsResetTheLinkAndN2SabmsBringItDown()
    {
        var link = Connected();
        link.Send([1], TimeSpan.Zero);
        var now = TimeSpan.Zero;
        var polls = 0;
        var sabms = 0;
        while (link.NextDeadline is { } deadline)
        {
            now = deadline;
            link.Tick(now);
            foreach (var f in Drain(link))
            {
                polls += f.Kind == LapbFrameKind.RR && f.PollFinal ? 1 : 0;
                sabms += f.Kind == LapbFrameKind.SABM ? 1 : 0;
            }
        }

        Assert.Equal(7, polls);
        Assert.Equal(7, sabms);
        Assert.Equal(LapbLinkState.Disconnected, link.State);
        Assert.Equal(TimeSpan.FromSeconds(3 * 15), now);
        var events = Events(link);
        Assert.Equal([LapbLinkEventKind.LinkReset, LapbLinkEventKind.LinkDown], events.Select(e => e.Kind));
        Assert.Equal(1, link.PendingCount); // kept for the next set-up
    }

    [Fact]
    public void InvalidNRIsRejectedWithFrmrZAndSabmRecovers()
    {
        var link = Connected();
        link.Receive(LapbFrame.Supervisory(0x01, LapbFrameKind.RR, 5, false).ToArray(), TimeSpan.Zero);
        var frmr = Assert.Single(Drain(link));
        Assert.Equal(LapbFrameKind.FRMR, frmr.Kind);
        Assert.Equal(0x03, frmr.Address);
        var info = frmr.FrmrInfo;
        Assert.True(info.Z);
        Assert.False(info.W);
        Assert.Equal(0xA1, info.RejectedControl);
        Assert.True(info.RejectedWasResponse);
        Assert.Equal(LapbLinkState.FrameRejected, link.State);
        Assert.Equal(LapbLinkEventKind.FrameRejectSent, Assert.Single(Events(link)).Kind);

        link.Receive([0x03, 0x3F], TimeSpan.FromSeconds(1));
        Assert.Equal(LapbFrameKind.UA, Assert.Single(Drain(link)).Kind);
        Assert.Equal(LapbLinkState.Connected, link.State);
    }

    [Fact]
    public void UndefinedControlFieldIsRejectedWithFrmrW()
    {
        var link = Connected();
        link.Receive([0x03, 0x0D], TimeSpan.Zero);
        var info = Assert.Single(Drain(link)).FrmrInfo;
        Assert.True(info.W);
        Assert.Equal(0x0D, info.RejectedControl);
    }

    [Fact]
    public void OverlongInformationFieldIsRejectedWithFrmrY()
    {
        var link = Connected();
        link.Receive(LapbFrame.Info(0x03, 0, 0, false, new byte[129]).ToArray(), TimeSpan.Zero);
        Assert.True(Assert.Single(Drain(link)).FrmrInfo.Y);
        Assert.False(link.TryDequeueDelivered(out _));
    }

    [Fact]
    public void DiscGetsUaAndDisconnectedStationAnswersDm()
    {
        var link = Connected();
        link.Receive([0x03, 0x53], TimeSpan.Zero); // DISC P=1
        Assert.Equal(new byte[] { 0x03, 0x73 }, Assert.Single(Drain(link)).ToArray());
        Assert.Equal(LapbLinkState.Disconnected, link.State);
        link.Receive([0x03, 0x31], TimeSpan.Zero); // RR command P=1
        Assert.Equal(new byte[] { 0x03, 0x1F }, Assert.Single(Drain(link)).ToArray());
    }

    [Fact]
    public void FramesWithAnUnknownAddressAreDiscarded()
    {
        var link = Connected();
        link.Receive([0x07, 0x3F], TimeSpan.Zero);
        Assert.Empty(Drain(link));
        Assert.Equal(LapbLinkEventKind.FrameDiscarded, Assert.Single(Events(link)).Kind);
    }

    [Fact]
    public void StopSendsDiscAndUaEndsTheLink()
    {
        var pair = new LapbBackToBack(1, Dte, Dce);
        pair.A.Start(TimeSpan.Zero);
        Assert.True(pair.RunUntil(() => pair.B.State == LapbLinkState.Connected && pair.A.State == LapbLinkState.Connected, TimeSpan.FromSeconds(10)));
        pair.A.Stop(pair.Now);
        Assert.True(pair.RunUntil(() => pair.A.State == LapbLinkState.Disconnected, TimeSpan.FromSeconds(20)));
        Assert.Equal(LapbLinkState.Disconnected, pair.B.State);
        Assert.Equal(LapbLinkEventKind.LinkDown, pair.EventsA[^1].Kind);
        Assert.Equal(LapbLinkEventKind.LinkDown, pair.EventsB[^1].Kind);
    }

    [Fact]
    public void RemoteBusyStopsTheSenderUntilRr()
    {
        var pair = new LapbBackToBack(2, Dte, Dce);
        pair.A.Start(TimeSpan.Zero);
        Assert.True(pair.RunUntil(() => pair.A.State == LapbLinkState.Connected && pair.B.State == LapbLinkState.Connected, TimeSpan.FromSeconds(10)));
        pair.B.SetLocalBusy(true, pair.Now);
        Assert.True(pair.RunUntil(() => pair.A.RemoteBusy, TimeSpan.FromSeconds(20)));
        var messages = Messages(3, 20, 50);
        foreach (var m in messages)
        {
            pair.A.Send(m, pair.Now);
        }

        var busyUntil = pair.Now + TimeSpan.FromSeconds(20);
        Assert.False(pair.RunUntil(() => pair.DeliveredToB.Count > 0, busyUntil));
        Assert.Empty(pair.DeliveredToB);
        Assert.True(pair.A.RemoteBusy);
        pair.B.SetLocalBusy(false, pair.Now);
        Assert.True(pair.RunUntil(() => pair.DeliveredToB.Count == messages.Count && pair.A.UnacknowledgedCount == 0, pair.Now + TimeSpan.FromSeconds(60)));
        Assert.Equal(messages, pair.DeliveredToB);
        Assert.DoesNotContain(pair.EventsA, e => e.Kind == LapbLinkEventKind.LinkReset);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void LossyLineDeliversEveryInformationFieldExactlyOnceAndInOrder(int seed)
    {
        var pair = new LapbBackToBack(seed, Dte, Dce) { CorruptRate = 0.01, DropRate = 0.02 };
        var toB = Messages(seed, 3000, 128);
        var toA = Messages(seed + 100, 1500, 64);
        pair.A.Start(TimeSpan.Zero);
        pair.B.Start(TimeSpan.Zero);
        foreach (var m in toB)
        {
            pair.A.Send(m, TimeSpan.Zero);
        }

        foreach (var m in toA)
        {
            pair.B.Send(m, TimeSpan.Zero);
        }

        var done = pair.RunUntil(
            () => pair.DeliveredToB.Count >= toB.Count && pair.DeliveredToA.Count >= toA.Count
                && pair.A.UnacknowledgedCount == 0 && pair.B.UnacknowledgedCount == 0,
            TimeSpan.FromHours(2));

        Assert.True(done, $"not finished at {pair.Now}: B got {pair.DeliveredToB.Count}/{toB.Count}, A got {pair.DeliveredToA.Count}/{toA.Count}");
        Assert.Equal(toB, pair.DeliveredToB);
        Assert.Equal(toA, pair.DeliveredToA);
        Assert.True(pair.Corrupted > 20, "corrupted " + pair.Corrupted);
        Assert.True(pair.Dropped > 40, "dropped " + pair.Dropped);
        Assert.Equal(pair.Corrupted, pair.BadFcs);
        Assert.Empty(pair.OtherFramingErrors);
        Assert.Contains(pair.SentByA, f => f.Frame.Kind == LapbFrameKind.REJ); // out-of-sequence recovery ran
        Assert.Contains(pair.SentByA, f => f.Frame.Kind == LapbFrameKind.RR && f.Frame.PollFinal && f.Frame.Address == 0x01); // T1 polls ran
        Assert.DoesNotContain(pair.EventsA, e => e.Kind is LapbLinkEventKind.LinkDown or LapbLinkEventKind.FrameRejectSent or LapbLinkEventKind.FrameRejectReceived);
        Assert.DoesNotContain(pair.EventsB, e => e.Kind is LapbLinkEventKind.LinkDown or LapbLinkEventKind.FrameRejectSent or LapbLinkEventKind.FrameRejectReceived);
    }

    [Fact]
    public void CutLineBringsTheLinkDownAfterT1TimesN2()
    {
        var pair = new LapbBackToBack(4, Dte, Dce);
        pair.A.Start(TimeSpan.Zero);
        Assert.True(pair.RunUntil(() => pair.A.State == LapbLinkState.Connected && pair.B.State == LapbLinkState.Connected, TimeSpan.FromSeconds(10)));
        var cutAt = pair.Now;
        pair.LineCut = true;
        pair.A.Send([1, 2, 3], pair.Now);
        Assert.True(pair.RunUntil(() => pair.A.State == LapbLinkState.Disconnected, TimeSpan.FromMinutes(5)));
        var down = pair.EventsA.Single(e => e.Kind == LapbLinkEventKind.LinkDown);
        Assert.Equal(cutAt + TimeSpan.FromSeconds(3 * 15), down.At);
        Assert.Contains(pair.EventsA, e => e.Kind == LapbLinkEventKind.LinkReset);
    }

    [Fact]
    public void FuzzReceiveNeverThrowsAndKeepsTheVariablesConsistent()
    {
        var random = new Random(7777);
        var link = Connected();
        var now = TimeSpan.Zero;
        for (var i = 0; i < 100_000; i++)
        {
            var bytes = new byte[random.Next(1, 8)];
            random.NextBytes(bytes);
            bytes[0] = random.Next(4) switch { 0 => 0x01, 1 => 0x03, 2 => bytes[0], _ => 0x03 };
            now += TimeSpan.FromMilliseconds(random.Next(0, 500));
            if (random.Next(20) == 0)
            {
                link.Send([(byte)i], now);
            }

            if (random.Next(50) == 0)
            {
                link.Start(now);
            }

            link.Receive(bytes, now);
            link.Tick(now);
            Drain(link);
            Events(link);
            while (link.TryDequeueDelivered(out _))
            {
            }

            Assert.InRange(link.UnacknowledgedCount, 0, link.Options.K);
            Assert.InRange(link.VS, 0, 7);
            Assert.InRange(link.VR, 0, 7);
            Assert.True(link.State != LapbLinkState.Connected || ((link.VS - link.VA) & 7) <= link.UnacknowledgedCount);
        }
    }

    [Fact]
    public void T3PollsAnIdlePeerAndAnAnswerKeepsTheLinkUp()
    {
        var link = new LapbLink(Dte with { T3 = TimeSpan.FromSeconds(5) });
        link.Receive([0x03, 0x3F], TimeSpan.Zero); // SABM from the DCE
        Drain(link);
        Events(link);
        Assert.Equal(TimeSpan.FromSeconds(5), link.NextDeadline);

        // Traffic from the peer restarts T3.
        link.Receive([0x01, 0x01], TimeSpan.FromSeconds(4)); // RR N(R)=0 response
        Assert.Equal(TimeSpan.FromSeconds(9), link.NextDeadline);
        link.Tick(TimeSpan.FromSeconds(8));
        Assert.Empty(Drain(link));

        // Idle for T3: poll with RR P=1 to the DCE, then T1 runs.
        link.Tick(TimeSpan.FromSeconds(9));
        var poll = Assert.Single(Drain(link));
        Assert.Equal(LapbFrameKind.RR, poll.Kind);
        Assert.True(poll.PollFinal);
        Assert.Equal(0x01, poll.Address);
        Assert.Equal(TimeSpan.FromSeconds(12), link.NextDeadline);

        link.Receive([0x01, 0x11], TimeSpan.FromSeconds(9.1)); // RR F=1: the peer is alive
        Assert.Equal(LapbLinkState.Connected, link.State);
        Assert.Equal(TimeSpan.FromSeconds(14.1), link.NextDeadline);
        Assert.Empty(Events(link));
    }

    [Fact]
    public void T3FindsASilentPeerWithinT3PlusN2TimesT1()
    {
        var options = Dte with { T3 = TimeSpan.FromSeconds(5) };
        var link = new LapbLink(options);
        link.Receive([0x03, 0x3F], TimeSpan.Zero);
        Drain(link);
        Events(link);
        var now = TimeSpan.Zero;
        var polls = 0;
        while (link.State == LapbLinkState.Connected && link.NextDeadline is { } due && due <= TimeSpan.FromMinutes(1))
        {
            now = due;
            link.Tick(now);
            polls += Drain(link).Count(f => f.Kind == LapbFrameKind.RR && f.PollFinal);
        }

        // T3 = 5 s, then N2 = 7 polls T1 = 3 s apart; the 7th unanswered poll's T1 expiry resets the link (SABM).
        Assert.Equal(LapbLinkState.LinkSetup, link.State);
        Assert.Equal(options.N2, polls);
        Assert.Equal(options.T3 + (options.N2 * options.T1), now);
        Assert.Contains(Events(link), e => e.Kind == LapbLinkEventKind.LinkReset);
    }

    private static LapbLink Connected()
    {
        var link = new LapbLink(Dte);
        link.Receive([0x03, 0x3F], TimeSpan.Zero); // SABM from the DCE
        Assert.Equal(LapbLinkState.Connected, link.State);
        Assert.Equal(new byte[] { 0x03, 0x73 }, Assert.Single(Drain(link)).ToArray());
        Events(link);
        return link;
    }
}
