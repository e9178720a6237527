using CtiGateway.Pbx.Links;

namespace CtiGateway.Pbx.Tests.Links;

/// <summary>
/// The link supervisor's liveness probe (used by the daemon's systemd watchdog): answered by the loop itself whether
/// the link is up, down or reconnecting, and not answered while the loop is really stuck.
/// </summary>
public sealed class LinkLivenessProbeTests
{
    private static readonly TimeSpan Silence = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task ProbeIsAnsweredWhileUpAndWhileTheSwitchIsGone()
    {
        using var fake = new FakeSwitch();
        await using var harness = new LinkHarness(new TcpClientTransport("127.0.0.1", fake.Port), LinkHarness.Options());
        using (var conn = await fake.AcceptAsync())
        {
            await harness.States.NextAsync(s => s.State == LinkState.Up);
            await harness.Link.ProbeAsync(TestContext.Current.CancellationToken).WaitAsync(FakeSwitch.Timeout, TestContext.Current.CancellationToken);
        }

        // The switch goes away for good: the supervisor keeps reconnecting, which is not a hang.
        fake.Stop();
        await harness.States.NextAsync(s => s.State == LinkState.Down);
        for (var i = 0; i < 5; i++)
        {
            await harness.Link.ProbeAsync(TestContext.Current.CancellationToken).WaitAsync(FakeSwitch.Timeout, TestContext.Current.CancellationToken);
        }

        Assert.Equal(LinkState.Down, harness.Link.State);
        Assert.True(harness.Link.Counters.Reconnects >= 1);
    }

    [Fact]
    public async Task ProbeIsNotAnsweredWhileTheReadLoopIsBlockedOnAFullQueue()
    {
        using var fake = new FakeSwitch();
        var options = LinkHarness.Options() with { MessageQueueCapacity = 1 };
        await using var harness = new LinkHarness(new TcpClientTransport("127.0.0.1", fake.Port), options);
        using var conn = await fake.AcceptAsync();
        await harness.States.NextAsync(s => s.State == LinkState.Up);

        // Nobody reads the link's messages: the first fills the queue, the second blocks the read loop in WriteAsync.
        for (var i = 1; i <= 3; i++)
        {
            await conn.SendFrameAsync(CtiGateway.Pbx.Csta.CstaWire.EventInvokeId, FakeSwitch.Delivered("C" + i));
        }

        var until = DateTime.UtcNow + FakeSwitch.Timeout;
        while (harness.Link.Counters.FramesIn < 2)
        {
            Assert.True(DateTime.UtcNow < until, "the link did not read the second frame");
            await Task.Delay(TimeSpan.FromMilliseconds(20), TestContext.Current.CancellationToken);
        }

        var probe = harness.Link.ProbeAsync(TestContext.Current.CancellationToken);
        await Task.WhenAny(probe, Task.Delay(Silence, TestContext.Current.CancellationToken));
        Assert.False(probe.IsCompleted, "a stuck read loop must not answer its liveness probe");

        // Draining the queue unblocks the loop, which then answers.
        for (var i = 1; i <= 3; i++)
        {
            await harness.NextMessageAsync();
        }

        await probe.WaitAsync(FakeSwitch.Timeout, TestContext.Current.CancellationToken);
    }
}
