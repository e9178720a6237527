using CtiGateway.Pbx.Csta;
using CtiGateway.Pbx.Links;

namespace CtiGateway.Pbx.Tests.Links;

/// <summary>The error-storm drop: the rate must hold in every second of the window, on one connection.</summary>
public sealed class ErrorStormTests
{
    [Fact]
    public void TheRateMustHoldInEachConsecutiveSecondOfTheWindow()
    {
        var detector = new ErrorStormDetector(new ErrorStormThreshold(3, TimeSpan.FromSeconds(3)));
        var connection = new object();

        // Seconds 0 and 1 hold the rate, second 2 falls short: the count starts over.
        Assert.False(Errors(detector, connection, second: 0, count: 3));
        Assert.False(Errors(detector, connection, second: 1, count: 5));
        Assert.False(Errors(detector, connection, second: 2, count: 2));

        // 3, 4, 5 hold it: the third error of second 5 completes the window, once.
        Assert.False(Errors(detector, connection, second: 3, count: 3));
        Assert.False(Errors(detector, connection, second: 4, count: 3));
        Assert.False(Errors(detector, connection, second: 5, count: 2));
        Assert.True(detector.OnError(TimeSpan.FromSeconds(5.9), connection));
        Assert.Equal(9, detector.StreakErrors);
        Assert.False(detector.OnError(TimeSpan.FromSeconds(5.95), connection));
    }

    [Fact]
    public void ASilentSecondOrANewConnectionStartsOver()
    {
        var detector = new ErrorStormDetector(new ErrorStormThreshold(2, TimeSpan.FromSeconds(2)));
        var first = new object();
        Assert.False(Errors(detector, first, second: 0, count: 2));

        // Nothing in second 1: second 2 is the first of a new streak.
        Assert.False(Errors(detector, first, second: 2, count: 2));

        // A reconnect forgets the streak of the old connection.
        var second = new object();
        Assert.False(Errors(detector, second, second: 3, count: 2));
        Assert.True(Errors(detector, second, second: 4, count: 2));
    }

    [Fact]
    public void ThresholdValuesAreChecked()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ErrorStormThreshold(0, TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ErrorStormThreshold(1, TimeSpan.FromMilliseconds(999)));
        Assert.Equal(TimeSpan.FromSeconds(2), new ErrorStormThreshold(1, TimeSpan.FromSeconds(2.5)).Window);
    }

    [Fact]
    public async Task ALinkWhoseErrorsHoldOverTheThresholdIsDroppedWithAnErrorStormAndReconnects()
    {
        using var fake = new FakeSwitch();
        var time = new VirtualTimeProvider();
        var options = LinkHarness.Options() with { TimeProvider = time, ErrorStorm = new ErrorStormThreshold(3, TimeSpan.FromSeconds(2)) };
        await using var harness = new LinkHarness(new TcpClientTransport("127.0.0.1", fake.Port), options);
        using var conn = await fake.AcceptAsync();
        await harness.States.NextAsync(s => s.State == LinkState.Up);

        // Second 0: 2 errors (under the rate). Second 1: 3. Second 2: 3 more complete the window; the 5 frames sent
        // behind them in the same write are not read any more.
        await SendBadFramesAsync(conn, harness, 2);
        time.Advance(TimeSpan.FromSeconds(1));
        await SendBadFramesAsync(conn, harness, 3);
        time.Advance(TimeSpan.FromSeconds(1));
        await conn.SendRawAsync([.. Enumerable.Range(0, 8).SelectMany(_ => FakeSwitchConnection.Frame(CstaWire.EventInvokeId, "<DeliveredEvent><unclosed>"))]);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("bad-xml", (await harness.Errors.NextAsync()).Cause);
        }

        var storm = await harness.Errors.NextAsync();
        Assert.Equal(HardwareErrorRecord.ErrorStormCause, storm.Cause);
        Assert.Equal(
            "Error storm on link link1: 6 hardware errors in 2 s, at least 3 in each second (threshold 3 per second for 2 s, profile hardware-errors): link dropped, reconnecting.",
            storm.Detail);
        var down = await harness.States.NextAsync();
        Assert.Equal(LinkState.Down, down.State);
        Assert.Equal("error storm: 6 hardware errors in 2 s, at least 3 in each second", down.Reason);
        await conn.WaitClosedAsync();
        Assert.Equal(2 + 3 + 3 + 1, harness.Link.Counters.HardwareErrors);

        await time.AdvanceWhenArmedAsync(TimeSpan.FromSeconds(1));
        using var again = await fake.AcceptAsync();
        Assert.Equal(LinkState.Up, (await harness.States.NextAsync()).State);

        // The new connection starts with a clean count.
        await SendBadFramesAsync(again, harness, 3);
        time.Advance(TimeSpan.FromSeconds(1));
        await SendBadFramesAsync(again, harness, 2);
        Assert.Equal(LinkState.Up, harness.Link.State);
    }

    private static bool Errors(ErrorStormDetector detector, object connection, int second, int count)
    {
        var tripped = false;
        for (var i = 0; i < count; i++)
        {
            tripped |= detector.OnError(TimeSpan.FromSeconds(second) + TimeSpan.FromMilliseconds(10 * i), connection);
        }

        return tripped;
    }

    private static async Task SendBadFramesAsync(FakeSwitchConnection conn, LinkHarness harness, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await conn.SendFrameAsync(CstaWire.EventInvokeId, "<DeliveredEvent><unclosed>");
            Assert.Equal("bad-xml", (await harness.Errors.NextAsync()).Cause);
        }
    }
}
