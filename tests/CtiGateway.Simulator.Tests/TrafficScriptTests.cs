namespace CtiGateway.Simulator.Tests;

/// <summary>Scripted abandons, transfers and route-point routing timeout, in virtual time.</summary>
public sealed class TrafficScriptTests
{
    private readonly ManualTimeProvider _clock = new();
    private readonly SwitchModel _model;

    public TrafficScriptTests()
    {
        _model = new SwitchModel(SwitchingPlan.Demo(), _clock);
    }

    /// <summary>Runs whole seconds; before each second's actions, <paramref name="atSecond"/> may act as the gateway.</summary>
    private List<string> Run(int seconds, Action<int>? atSecond = null)
    {
        var seen = new List<string>();
        for (var second = 1; second <= seconds; second++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            _model.RunDue();
            atSecond?.Invoke(second);
            seen.AddRange(_model.DrainEvents().Select(r =>
                $"{second}s {r.Event.Type}@{r.Monitor.DeviceId} conn={r.Event.Connection.DeviceId} local={r.Event.LocalConnectionInfo} cause={r.Event.Cause}"));
        }

        return seen;
    }

    [Fact]
    public void AFractionOfCallersAbandonBeforeTheAnswer()
    {
        _model.MonitorStart("3001", null);
        _model.StartInboundTraffic(new InboundTrafficOptions
        {
            TargetDn = "3001",
            CallsPerSecond = 1,
            MaxCalls = 2,
            AnswerDelay = TimeSpan.FromSeconds(5),
            HoldTime = TimeSpan.FromSeconds(3),
            AbandonFraction = 0.5,
            AbandonAfter = TimeSpan.FromSeconds(2),
        });
        Assert.Equal(
            [
                "1s Delivered@3001 conn=3001 local=alerting cause=newCall",
                "2s Delivered@3001 conn=3001 local=alerting cause=newCall",
                "4s ConnectionCleared@3001 conn=302118840101 local=alerting cause=normalClearing",
                "4s ConnectionCleared@3001 conn=3001 local=null cause=normalClearing",
                "6s Established@3001 conn=3001 local=connected cause=newCall",
                "9s ConnectionCleared@3001 conn=302118840100 local=connected cause=normalClearing",
                "9s ConnectionCleared@3001 conn=3001 local=null cause=normalClearing",
            ],
            Run(12));
        Assert.Equal(0, _model.CallCount);
        Assert.Null(_model.NextDue);
    }

    [Fact]
    public void AnAnsweredCallIsNotAbandoned()
    {
        _model.StartInboundTraffic(new InboundTrafficOptions
        {
            TargetDn = "5010",
            CallsPerSecond = 1,
            MaxCalls = 1,
            AnswerDelay = TimeSpan.FromSeconds(1),
            HoldTime = TimeSpan.FromSeconds(10),
            AbandonFraction = 1,
            AbandonAfter = TimeSpan.FromSeconds(3),
        });
        Run(5);
        Assert.Equal(1, _model.CallCount);
        Assert.Equal("connected", Assert.Single(_model.SnapshotDevice("5010").Snapshot!).LocalConnectionState);
    }

    [Fact]
    public void AFractionOfAnsweredCallsIsSingleStepTransferred()
    {
        _model.MonitorStart("3001", null);
        _model.MonitorStart("5020", null);
        _model.StartInboundTraffic(new InboundTrafficOptions
        {
            TargetDn = "3001",
            CallsPerSecond = 1,
            MaxCalls = 1,
            AnswerDelay = TimeSpan.FromSeconds(2),
            HoldTime = TimeSpan.FromSeconds(10),
            TransferFraction = 1,
            TransferTo = "5020",
            TransferAfter = TimeSpan.FromSeconds(3),
        });
        Assert.Equal(
            [
                "1s Delivered@3001 conn=3001 local=alerting cause=newCall",
                "3s Established@3001 conn=3001 local=connected cause=newCall",
                "6s Transfered@3001 conn=3001 local=null cause=singleStepTransfer",
                "6s Delivered@5020 conn=5020 local=alerting cause=singleStepTransfer",
                "8s Established@5020 conn=5020 local=connected cause=newCall",
                "18s ConnectionCleared@5020 conn=302118840100 local=connected cause=normalClearing",
                "18s ConnectionCleared@5020 conn=5020 local=null cause=normalClearing",
            ],
            Run(20));
        Assert.Equal(0, _model.CallCount);
    }

    [Fact]
    public void UnroutedCallsLeaveTheRoutePointForTheDefaultQueueAtTheRoutingTimeout()
    {
        _model.MonitorStart("3001", null);
        _model.MonitorStart("4001", null);
        _model.MonitorStart("5030", null);
        _model.StartInboundTraffic(new InboundTrafficOptions
        {
            TargetDn = "3001",
            CallsPerSecond = 0.5,
            MaxCalls = 2,
            AnswerDelay = TimeSpan.FromSeconds(1),
            HoldTime = TimeSpan.FromSeconds(10),
            RoutingTimeout = TimeSpan.FromSeconds(4),
            DefaultDestination = "4001",
        });

        // The gateway routes the second call (at 5 s) to 5030; the first is never routed.
        var seen = Run(20, second =>
        {
            if (second == 5)
            {
                var call = _model.SnapshotDevice("3001").Snapshot!.Select(s => s.Connection).Last();
                Assert.False(_model.DeflectCall(call, "5030").IsError);
            }
        });
        Assert.Equal(
            [
                "2s Delivered@3001 conn=3001 local=alerting cause=newCall",
                "4s Delivered@3001 conn=3001 local=alerting cause=newCall",
                "5s Diverted@3001 conn=3001 local=null cause=redirected",
                "5s Delivered@5030 conn=5030 local=alerting cause=redirected",
                "6s Diverted@3001 conn=3001 local=null cause=redirected",
                "6s Queued@4001 conn=4001 local=queued cause=redirected",
                "6s Established@5030 conn=5030 local=connected cause=newCall",
                "16s ConnectionCleared@4001 conn=302118840100 local=queued cause=normalClearing",
                "16s ConnectionCleared@4001 conn=4001 local=null cause=normalClearing",
                "16s ConnectionCleared@5030 conn=302118840101 local=connected cause=normalClearing",
                "16s ConnectionCleared@5030 conn=5030 local=null cause=normalClearing",
            ],
            seen);
        Assert.Equal(0, _model.CallCount);
    }

    [Fact]
    public void WithoutARoutingTimeoutTheRoutePointAnswersItself()
    {
        _model.StartInboundTraffic(new InboundTrafficOptions { TargetDn = "3001", CallsPerSecond = 1, MaxCalls = 1, AnswerDelay = TimeSpan.FromSeconds(1) });
        Run(2);
        Assert.Equal("connected", Assert.Single(_model.SnapshotDevice("3001").Snapshot!).LocalConnectionState);
    }

    [Fact]
    public void BadScriptSettingsAreRejectedWithTheirName()
    {
        var abandon = Assert.Throws<ArgumentOutOfRangeException>(() =>
            _model.StartInboundTraffic(new InboundTrafficOptions { TargetDn = "3001", CallsPerSecond = 1, AbandonFraction = 1.5 }));
        Assert.Contains("AbandonFraction", abandon.Message, StringComparison.Ordinal);
        var transfer = Assert.Throws<ArgumentException>(() =>
            _model.StartInboundTraffic(new InboundTrafficOptions { TargetDn = "3001", CallsPerSecond = 1, TransferFraction = 0.1 }));
        Assert.Contains("TransferTo", transfer.Message, StringComparison.Ordinal);
        var destination = Assert.Throws<ArgumentException>(() =>
            _model.StartInboundTraffic(new InboundTrafficOptions { TargetDn = "3001", CallsPerSecond = 1, RoutingTimeout = TimeSpan.FromSeconds(1), DefaultDestination = "42" }));
        Assert.Contains("DefaultDestination 42", destination.Message, StringComparison.Ordinal);
        Assert.Null(_model.NextDue);
    }
}
