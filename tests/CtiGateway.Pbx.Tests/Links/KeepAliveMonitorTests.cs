using CtiGateway.Pbx.Links;

namespace CtiGateway.Pbx.Tests.Links;

public sealed class KeepAliveMonitorTests
{
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void IdleIntervalsCountMissesSendKeepAlivesAndGoDownAtTolerance()
    {
        var monitor = new KeepAliveMonitor(S(10), 3);
        monitor.Start(S(0));
        Assert.Equal(KeepAliveAction.None, monitor.Poll(S(9.9)));
        Assert.Equal(KeepAliveAction.SendKeepAlive, monitor.Poll(S(10)));
        Assert.Equal(1, monitor.Misses);
        Assert.Equal(KeepAliveAction.SendKeepAlive, monitor.Poll(S(20)));
        Assert.Equal(2, monitor.Misses);
        Assert.Equal(KeepAliveAction.LinkDown, monitor.Poll(S(30)));
        Assert.Equal(3, monitor.Misses);
        Assert.Equal(KeepAliveAction.None, monitor.Poll(S(100)));
    }

    [Fact]
    public void AnyReceivedFrameResetsTheCount()
    {
        var monitor = new KeepAliveMonitor(S(10), 3);
        monitor.Start(S(0));
        Assert.Equal(KeepAliveAction.SendKeepAlive, monitor.Poll(S(10)));
        Assert.Equal(KeepAliveAction.SendKeepAlive, monitor.Poll(S(20)));
        monitor.OnReceived();
        Assert.Equal(0, monitor.Misses);
        Assert.Equal(KeepAliveAction.None, monitor.Poll(S(30)));
        Assert.Equal(KeepAliveAction.SendKeepAlive, monitor.Poll(S(40)));
        Assert.Equal(KeepAliveAction.SendKeepAlive, monitor.Poll(S(50)));
        Assert.Equal(KeepAliveAction.LinkDown, monitor.Poll(S(60)));
    }

    [Fact]
    public void TrafficEveryIntervalNeverSendsKeepAlives()
    {
        var monitor = new KeepAliveMonitor(S(10), 1);
        monitor.Start(S(0));
        for (var t = 5; t < 1000; t += 10)
        {
            monitor.OnReceived();
            Assert.Equal(KeepAliveAction.None, monitor.Poll(S(t + 5)));
        }
    }

    [Fact]
    public void ALatePollRunsEveryDueCheck()
    {
        var monitor = new KeepAliveMonitor(S(10), 3);
        monitor.Start(S(0));
        Assert.Equal(KeepAliveAction.LinkDown, monitor.Poll(S(35)));
    }

    [Fact]
    public void ZeroIntervalDisablesAndZeroToleranceNeverGoesDown()
    {
        var off = new KeepAliveMonitor(TimeSpan.Zero, 3);
        off.Start(S(0));
        Assert.False(off.Enabled);
        Assert.Equal(KeepAliveAction.None, off.Poll(S(1000)));

        var noTolerance = new KeepAliveMonitor(S(10), 0);
        noTolerance.Start(S(0));
        for (var t = 10; t <= 200; t += 10)
        {
            Assert.Equal(KeepAliveAction.SendKeepAlive, noTolerance.Poll(S(t)));
        }
    }

    [Fact]
    public void StartRearmsAfterLinkDown()
    {
        var monitor = new KeepAliveMonitor(S(1), 1);
        monitor.Start(S(0));
        Assert.Equal(KeepAliveAction.LinkDown, monitor.Poll(S(1)));
        monitor.Start(S(5));
        Assert.Equal(0, monitor.Misses);
        Assert.Equal(S(6), monitor.NextDue);
    }
}
