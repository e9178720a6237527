namespace CtiGateway.Protocol.Tests.Addp;

/// <summary>The ADDP state machine driven by a fake clock (the monitor takes the time as an argument).</summary>
public sealed class AddpMonitorTests
{
    private static readonly TimeSpan Start = TimeSpan.FromSeconds(1000);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public void ItPollsAfterATimeoutOfSilenceAndNotBefore()
    {
        var m = new AddpMonitor(Timeout, AddpTrace.Off, Start);

        Assert.Equal(AddpAction.None, m.Evaluate(Start));
        Assert.Equal(AddpAction.None, m.Evaluate(Start + Timeout - TimeSpan.FromTicks(1)));
        Assert.Equal(Start + Timeout, m.NextDue(Start));
        Assert.Equal(AddpAction.SendPoll, m.Evaluate(Start + Timeout));
        Assert.Equal(1u, m.LastPollSequence);
    }

    [Fact]
    public void TheConnectionIsLostWhenTheSecondIntervalPassesWithoutAnAnswer()
    {
        var m = new AddpMonitor(Timeout, AddpTrace.Off, Start);
        var polledAt = Start + Timeout;
        Assert.Equal(AddpAction.SendPoll, m.Evaluate(polledAt));

        Assert.Equal(AddpAction.None, m.Evaluate(polledAt + TimeSpan.FromSeconds(5)));
        Assert.Equal(polledAt + Timeout, m.NextDue(polledAt + TimeSpan.FromSeconds(5)));
        Assert.Equal(AddpAction.None, m.Evaluate(polledAt + Timeout - TimeSpan.FromTicks(1)));
        Assert.Equal(AddpAction.ConnectionLost, m.Evaluate(polledAt + Timeout));
        Assert.Equal(1u, m.LastPollSequence);
    }

    [Fact]
    public void ActivityResetsTheSilenceTimer()
    {
        var m = new AddpMonitor(Timeout, AddpTrace.Off, Start);
        m.OnReceived(Start + TimeSpan.FromSeconds(7));

        Assert.Equal(AddpAction.None, m.Evaluate(Start + Timeout));
        Assert.Equal(Start + TimeSpan.FromSeconds(17), m.NextDue(Start + Timeout));
        Assert.Equal(AddpAction.SendPoll, m.Evaluate(Start + TimeSpan.FromSeconds(17)));
    }

    [Fact]
    public void AnAnswerToThePollCancelsTheLossAndTheNextPollHasTheNextSequence()
    {
        var m = new AddpMonitor(Timeout, AddpTrace.Off, Start);
        Assert.Equal(AddpAction.SendPoll, m.Evaluate(Start + Timeout));
        m.OnReceived(Start + TimeSpan.FromSeconds(12));

        Assert.Equal(AddpAction.None, m.Evaluate(Start + TimeSpan.FromSeconds(20)));
        Assert.Equal(AddpAction.SendPoll, m.Evaluate(Start + TimeSpan.FromSeconds(22)));
        Assert.Equal(2u, m.LastPollSequence);
        Assert.Equal(AddpAction.ConnectionLost, m.Evaluate(Start + TimeSpan.FromSeconds(32)));
    }

    [Fact]
    public void ZeroTimeoutIsOff()
    {
        var m = new AddpMonitor(TimeSpan.Zero, AddpTrace.Off, Start);

        Assert.Equal(AddpAction.None, m.Evaluate(Start + TimeSpan.FromDays(365)));
        Assert.Equal(TimeSpan.MaxValue, m.NextDue(Start));
        Assert.Equal(0u, m.LastPollSequence);
    }

    [Fact]
    public void NextDueIsNeverInThePast()
    {
        var m = new AddpMonitor(Timeout, AddpTrace.Off, Start);
        var late = Start + TimeSpan.FromMinutes(5);

        Assert.Equal(late, m.NextDue(late));
    }

    [Fact]
    public void AHelloHandsOverTheRemoteTimeout()
    {
        var m = new AddpMonitor(TimeSpan.Zero, AddpTrace.Off, Start);

        m.ApplyHello(new AddpHello(LocalTimeoutSeconds: 30, RemoteTimeoutSeconds: 20, AddpTrace.Off), Start + TimeSpan.FromSeconds(1));

        Assert.Equal(TimeSpan.FromSeconds(20), m.Timeout);
        Assert.Equal(AddpTrace.Off, m.Trace);
        Assert.False(m.TracesLocally);

        // The hello itself is activity: silence counts from it.
        Assert.Equal(AddpAction.None, m.Evaluate(Start + TimeSpan.FromSeconds(20)));
        Assert.Equal(AddpAction.SendPoll, m.Evaluate(Start + TimeSpan.FromSeconds(21)));
    }

    [Fact]
    public void AHelloWithRemoteTimeoutZeroTurnsPollingOff()
    {
        var m = new AddpMonitor(Timeout, AddpTrace.Off, Start);

        m.ApplyHello(new AddpHello(10, 0, AddpTrace.Off), Start);

        Assert.Equal(TimeSpan.Zero, m.Timeout);
        Assert.Equal(AddpAction.None, m.Evaluate(Start + TimeSpan.FromHours(1)));
    }

    [Theory]
    [InlineData(AddpTrace.Off, AddpTrace.Remote, true)]
    [InlineData(AddpTrace.Off, AddpTrace.Full, true)]
    [InlineData(AddpTrace.Off, AddpTrace.Local, false)]
    [InlineData(AddpTrace.Off, AddpTrace.Off, false)]
    [InlineData(AddpTrace.Local, AddpTrace.Off, true)]
    [InlineData(AddpTrace.Full, AddpTrace.Off, true)]
    [InlineData(AddpTrace.Remote, AddpTrace.Off, false)]
    [InlineData(AddpTrace.Remote, AddpTrace.Full, true)]
    public void AHelloAskingForRemoteTraceMakesThisSideTrace(AddpTrace own, AddpTrace peer, bool tracesLocally)
    {
        var m = new AddpMonitor(Timeout, own, Start);

        m.ApplyHello(new AddpHello(10, 10, peer), Start);

        Assert.Equal(tracesLocally, m.TracesLocally);
    }

    [Theory]
    [InlineData(AddpTrace.Off, AddpTrace.Remote, AddpTrace.Local)]
    [InlineData(AddpTrace.Local, AddpTrace.Full, AddpTrace.Local)]
    [InlineData(AddpTrace.Remote, AddpTrace.Remote, AddpTrace.Full)]
    [InlineData(AddpTrace.Full, AddpTrace.Remote, AddpTrace.Full)]
    [InlineData(AddpTrace.Remote, AddpTrace.Off, AddpTrace.Remote)]
    public void AHelloAddsLocalTracingWithoutDroppingWhatThisSideAlreadyDoes(AddpTrace own, AddpTrace peer, AddpTrace expected)
    {
        var m = new AddpMonitor(Timeout, own, Start);

        m.ApplyHello(new AddpHello(10, 10, peer), Start);

        Assert.Equal(expected, m.Trace);
    }

    [Fact]
    public void TheHelloFrameRoundTrips()
    {
        var options = new AddpOptions { TimeoutSeconds = 3600, RemoteTimeoutSeconds = 7, Trace = AddpTrace.Remote };
        var w = new System.Buffers.ArrayBufferWriter<byte>();

        Assert.Equal(13, TlibBinaryCodec.Default.WriteAddpHello(options.ToHello(), w));
        var seq = new System.Buffers.ReadOnlySequence<byte>(w.WrittenMemory);
        Assert.True(TlibBinaryCodec.Default.TryReadFrame(ref seq, out var frame));

        Assert.Equal(FrameKind.AddpHello, frame.Kind);
        Assert.Equal(new AddpHello(3600, 7, AddpTrace.Remote), TlibBinaryCodec.Default.ReadAddpHello(frame));
        Assert.Equal(new byte[] { 0x54, 0x4C, 1, 4, 0, 0, 0, 5, 0x0E, 0x10, 0, 7, 2 }, w.WrittenSpan.ToArray());
    }

    [Theory]
    [InlineData(FrameKind.AddpPoll, 0u)]
    [InlineData(FrameKind.AddpReply, uint.MaxValue)]
    public void PollAndReplyFramesCarryTheSequence(FrameKind kind, uint sequence)
    {
        var w = new System.Buffers.ArrayBufferWriter<byte>();

        Assert.Equal(12, TlibBinaryCodec.Default.WriteAddp(kind, sequence, w));
        var seq = new System.Buffers.ReadOnlySequence<byte>(w.WrittenMemory);
        Assert.True(TlibBinaryCodec.Default.TryReadFrame(ref seq, out var frame));

        Assert.Equal(kind, frame.Kind);
        Assert.Equal(sequence, TlibBinaryCodec.Default.ReadAddpSequence(frame));
    }

    [Fact]
    public void OnlyPollAndReplyCarryASequence()
    {
        var w = new System.Buffers.ArrayBufferWriter<byte>();

        Assert.Throws<ArgumentOutOfRangeException>(() => TlibMessageWriter.WriteAddp(FrameKind.Message, 1, w));
        Assert.Throws<ArgumentOutOfRangeException>(() => TlibMessageWriter.WriteAddp(FrameKind.AddpHello, 1, w));
        Assert.Equal(0, w.WrittenCount);
    }
}
