namespace CtiGateway.Simulator.Tests;

/// <summary>
/// The ACD distributing by itself (<see cref="SwitchModel.AutomaticDistribution"/>), in virtual time: the demo's path
/// of an inbound call (route point 3001, routing timeout, queue 4001, linear hunt over the ready agents 5001-5020, the
/// agent answers, the caller hangs up).
/// </summary>
public sealed class AutomaticDistributionTests
{
    private readonly ManualTimeProvider _clock = new();
    private readonly SwitchModel _model;

    public AutomaticDistributionTests()
    {
        _model = new SwitchModel(SwitchingPlan.Demo(), _clock) { AutomaticDistribution = true };
    }

    /// <summary>Runs whole seconds and returns the call events of that time, one line each (agent events left out).</summary>
    private List<string> Run(int seconds, int from = 1)
    {
        var seen = new List<string>();
        for (var second = from; second < from + seconds; second++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            _model.RunDue();
            seen.AddRange(_model.DrainEvents().Where(r => r.Message is Pbx.Csta.CstaCallEvent).Select(r =>
                $"{second}s {r.Event.Type}@{r.Monitor.DeviceId} conn={r.Event.Connection.DeviceId} local={r.Event.LocalConnectionInfo} cause={r.Event.Cause}"));
        }

        return seen;
    }

    private static InboundTrafficOptions DemoTraffic(int maxCalls) => new()
    {
        TargetDn = "3001",
        CallsPerSecond = 0.2,
        MaxCalls = maxCalls,
        AnswerDelay = TimeSpan.FromSeconds(2),
        HoldTime = TimeSpan.FromSeconds(10),
        RoutingTimeout = TimeSpan.FromSeconds(2),
        DefaultDestination = "4001",
    };

    [Fact]
    public void AnUnroutedCallGoesThroughTheQueueToTheFirstFreeReadyAgentWhoAnswers()
    {
        _model.MonitorStart("4001", null);
        _model.MonitorStart("5001", null);
        _model.StartInboundTraffic(DemoTraffic(maxCalls: 1));

        Assert.Equal(
            [
                "7s Queued@4001 conn=4001 local=queued cause=redirected",
                "7s Diverted@4001 conn=4001 local=null cause=distributed",
                "7s Delivered@5001 conn=5001 local=alerting cause=distributed",
                "9s Established@5001 conn=5001 local=connected cause=newCall",
                "19s ConnectionCleared@5001 conn=302118840100 local=connected cause=normalClearing",
                "19s ConnectionCleared@5001 conn=5001 local=null cause=normalClearing",
            ],
            Run(25));
        Assert.Equal(1, _model.CallsDistributed);
        Assert.Equal(0, _model.CallCount);
        Assert.Null(_model.NextDue);
    }

    [Fact]
    public void TheHuntIsLinearSo5001TakesEveryCallItIsFreeFor()
    {
        _model.MonitorStart("5001", null);
        _model.MonitorStart("5002", null);
        _model.MonitorStart("5003", null);
        _model.StartInboundTraffic(DemoTraffic(maxCalls: 4));

        // Calls arrive at 5, 10, 15 and 20 s and reach the queue 2 s later; each lasts 2 s ringing plus 10 s talking.
        var rang = Run(40).Where(l => l.Contains(" Delivered@", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [
                "7s Delivered@5001 conn=5001 local=alerting cause=distributed",
                "12s Delivered@5002 conn=5002 local=alerting cause=distributed",
                "17s Delivered@5003 conn=5003 local=alerting cause=distributed",
                "22s Delivered@5001 conn=5001 local=alerting cause=distributed",
            ],
            rang);
        Assert.Equal(4, _model.CallsDistributed);
        Assert.Equal(0, _model.CallCount);
    }

    [Fact]
    public void AWaitingCallGoesToAnAgentTheMomentOneIsReady()
    {
        for (var dn = 5001; dn <= 5020; dn++)
        {
            Assert.False(_model.SetAgentState(dn.ToString(System.Globalization.CultureInfo.InvariantCulture), "notReady").IsError);
        }

        _model.MonitorStart("5007", null);
        var call = _model.MakeCall("5050", "4001").CallingConnection!.Value.CallId;
        Run(3);
        Assert.Equal(SimConnectionState.Queued, _model.ConnectionState(call, "4001"));
        Assert.Equal(0, _model.CallsDistributed);

        Assert.False(_model.SetAgentState("5007", "ready").IsError);
        Assert.Equal(["4s Delivered@5007 conn=5007 local=alerting cause=distributed"], Run(1, from: 4));
        Assert.Equal(SimConnectionState.Alerting, _model.ConnectionState(call, "5007"));
        Assert.Null(_model.ConnectionState(call, "4001"));
    }

    [Fact]
    public void AnAgentFreedByTheEndOfItsCallTakesTheNextWaitingCall()
    {
        for (var dn = 5002; dn <= 5020; dn++)
        {
            Assert.False(_model.SetAgentState(dn.ToString(System.Globalization.CultureInfo.InvariantCulture), "notReady").IsError);
        }

        var first = _model.MakeCall("5050", "4001").CallingConnection!.Value;
        var second = _model.MakeCall("5051", "4001").CallingConnection!.Value.CallId;
        Run(1);
        Assert.Equal(SimConnectionState.Alerting, _model.ConnectionState(first.CallId, "5001"));
        Assert.Equal(SimConnectionState.Queued, _model.ConnectionState(second, "4001"));

        Assert.False(_model.ClearConnection(first).IsError);
        Run(1, from: 2);
        Assert.Equal(SimConnectionState.Alerting, _model.ConnectionState(second, "5001"));
        Assert.Equal(2, _model.CallsDistributed);
    }

    [Fact]
    public void ACallerNobodyTakesGivesUpAfterTheHoldTime()
    {
        for (var dn = 5001; dn <= 5020; dn++)
        {
            Assert.False(_model.SetAgentState(dn.ToString(System.Globalization.CultureInfo.InvariantCulture), "notReady").IsError);
        }

        _model.StartInboundTraffic(DemoTraffic(maxCalls: 1));
        Run(8);
        Assert.Equal(1, _model.CallCount);
        Run(10, from: 9);
        Assert.Equal(0, _model.CallCount);
        Assert.Equal(0, _model.CallsDistributed);
    }

    [Fact]
    public void OffByDefaultSoTestsStepTheQueueThemselves()
    {
        var model = new SwitchModel(SwitchingPlan.Demo(), _clock);
        Assert.False(model.AutomaticDistribution);
        var call = model.MakeCall("5050", "4001").CallingConnection!.Value.CallId;
        _clock.Advance(TimeSpan.FromSeconds(5));
        model.RunDue();
        Assert.Equal(SimConnectionState.Queued, model.ConnectionState(call, "4001"));

        model.AutomaticDistribution = true;
        model.RunDue();
        Assert.Equal(SimConnectionState.Alerting, model.ConnectionState(call, "5001"));
    }
}
