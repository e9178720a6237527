namespace CtiGateway.Simulator.Tests;

/// <summary>Scripted inbound calls in virtual time (a manual clock; no wall time passes).</summary>
public sealed class InboundTrafficTests
{
    [Fact]
    public void CallsArriveAtTheRoutePointAtTheRateAndRunTheirScript()
    {
        var clock = new ManualTimeProvider();
        var model = new SwitchModel(SwitchingPlan.Demo(), clock);
        model.MonitorStart("3001", null);
        model.StartInboundTraffic(new InboundTrafficOptions
        {
            TargetDn = "3001",
            CallsPerSecond = 0.2,
            AnswerDelay = TimeSpan.FromSeconds(2),
            HoldTime = TimeSpan.FromSeconds(10),
            MaxCalls = 2,
        });

        var seen = new List<string>();
        for (var second = 1; second <= 40; second++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            model.RunDue();
            seen.AddRange(model.DrainEvents().Select(r => $"{second}s {r.Event.Type} {r.Event.Connection.DeviceId} from {r.Event.CallingDevice} local={r.Event.LocalConnectionInfo}"));
        }

        Assert.Equal(
            [
                "5s Delivered 3001 from 302118840100 local=alerting",
                "7s Established 3001 from 302118840100 local=connected",
                "10s Delivered 3001 from 302118840101 local=alerting",
                "12s Established 3001 from 302118840101 local=connected",
                "17s ConnectionCleared 302118840100 from  local=connected",
                "17s ConnectionCleared 3001 from  local=null",
                "22s ConnectionCleared 302118840101 from  local=connected",
                "22s ConnectionCleared 3001 from  local=null",
            ],
            seen);
        Assert.Equal(2, model.InboundCallsDelivered);
        Assert.Equal(0, model.CallCount);
        Assert.Null(model.NextDue);
    }

    [Fact]
    public void AnAddedScriptRunsBesideTheOtherFromItsFirstCallAfterAndABusyExtensionIsNotOffered()
    {
        var clock = new ManualTimeProvider();
        var model = new SwitchModel(SwitchingPlan.Demo(), clock);
        model.MonitorStart("5001", null);
        model.MonitorStart("5002", null);
        // The demo's two streams: calls to one extension every 5 s, and direct calls to 5001 every 15 s from 1 s on.
        model.StartInboundTraffic(new InboundTrafficOptions { TargetDn = "5002", CallsPerSecond = 0.2, MaxCalls = 2, HoldTime = TimeSpan.FromSeconds(1) });
        model.AddInboundTraffic(new InboundTrafficOptions
        {
            TargetDn = "5001",
            CallsPerSecond = 1 / 15.0,
            FirstCallAfter = TimeSpan.FromSeconds(1),
            FirstTrunkNumber = 302106550100,
            AnswerDelay = TimeSpan.FromSeconds(2),
            HoldTime = TimeSpan.FromSeconds(15),
            MaxCalls = 3,
        });

        var seen = new List<string>();
        for (var second = 1; second <= 60; second++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            model.RunDue();
            seen.AddRange(model.DrainEvents()
                .Where(r => r.Event.Type == Pbx.Csta.CstaEventType.Delivered)
                .Select(r => $"{second}s {r.Event.Connection.DeviceId} from {r.Event.CallingDevice}"));
        }

        // 5001 is busy from 1 s to 18 s (2 s ringing, 15 s talking): the direct call of 16 s finds it busy and is not offered.
        Assert.Equal(["1s 5001 from 302106550100", "5s 5002 from 302118840100", "10s 5002 from 302118840101", "31s 5001 from 302106550102"], seen);
        Assert.Equal(5, model.InboundCallsDelivered);
        model.StopInboundTraffic();
        Assert.Equal(0, model.CallCount);
    }

    [Fact]
    public void ACallClearedByTheGatewayBeforeTheAnswerIsLeftAlone()
    {
        var clock = new ManualTimeProvider();
        var model = new SwitchModel(SwitchingPlan.Demo(), clock);
        model.StartInboundTraffic(new InboundTrafficOptions { TargetDn = "5010", CallsPerSecond = 1, MaxCalls = 1, AnswerDelay = TimeSpan.FromSeconds(3) });
        clock.Advance(TimeSpan.FromSeconds(1));
        model.RunDue();
        var snapshot = model.SnapshotDevice("5010").Snapshot!;
        var connection = Assert.Single(snapshot).Connection;
        Assert.False(model.ClearConnection(connection).IsError);
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(1, model.RunDue());
        Assert.Equal(0, model.CallCount);
    }

    [Fact]
    public void BadTrafficSettingsAreRejectedWithTheirName()
    {
        var model = new SwitchModel(SwitchingPlan.Demo(), new ManualTimeProvider());
        var dn = Assert.Throws<ArgumentException>(() => model.StartInboundTraffic(new InboundTrafficOptions { TargetDn = "999", CallsPerSecond = 1 }));
        Assert.Contains("999", dn.Message, StringComparison.Ordinal);
        var rate = Assert.Throws<ArgumentOutOfRangeException>(() => model.StartInboundTraffic(new InboundTrafficOptions { TargetDn = "3001", CallsPerSecond = 0 }));
        Assert.Contains("CallsPerSecond", rate.Message, StringComparison.Ordinal);
    }
}
