using CtiGateway.Pbx.Csta;

namespace CtiGateway.Simulator.Tests;

/// <summary>
/// The trunk between the demo plan's switches (tel_sw dials 8 + DN for tel_sw_1, tel_sw_1 dials 9 + DN for tel_sw),
/// do-not-disturb and forwarding, and the switch refusing to monitor a device.
/// </summary>
public sealed class TrunkAndFeatureTests
{
    private readonly SwitchModel _model = new(SwitchingPlan.Demo(), new ManualTimeProvider());

    private void Monitor(params string[] devices)
    {
        foreach (var device in devices)
        {
            Assert.False(_model.MonitorStart(device, owner: null).IsError);
        }
    }

    private static string Line(SimEventRecord r) =>
        $"{r.Event.Type}@{r.Monitor.DeviceId} call={r.Event.Connection.CallId} conn={r.Event.Connection.DeviceId} calling={r.Event.CallingDevice} called={r.Event.CalledDevice} local={r.Event.LocalConnectionInfo}";

    private List<string> Lines() => [.. _model.DrainEvents().Select(Line)];

    [Fact]
    public void TheDemoPlanResolvesAccessCodesOnlyFromTheSwitchTheyBelongTo()
    {
        var plan = SwitchingPlan.Demo();
        Assert.True(plan.TryResolveTrunk("tel_sw", "87778", out var to, out var dn));
        Assert.Equal(("tel_sw_1", "7778"), (to, dn));
        Assert.True(plan.TryResolveTrunk("tel_sw_1", "95001", out to, out dn));
        Assert.Equal(("tel_sw", "5001"), (to, dn));
        Assert.False(plan.TryResolveTrunk("tel_sw_1", "87778", out _, out _));
        Assert.False(plan.TryResolveTrunk("tel_sw", "85001", out _, out _));
        Assert.False(plan.TryResolveTrunk("tel_sw", "8", out _, out _));
        Assert.Throws<ArgumentException>(() => plan.AddAccessNumber("tel_sw", "tel_sw", "7"));
    }

    [Fact]
    public void ACallToTheAccessCodeLeavesOverTheTrunkAndArrivesAtTheOtherSwitchAsANewCall()
    {
        Monitor("5001", "7778");
        var made = _model.MakeCall("5001", "87778");
        Assert.False(made.IsError, made.Reason);
        var first = made.CallingConnection!.Value.CallId;
        var lines = Lines();
        Assert.Contains($"NetworkReached@5001 call={first} conn=87778 calling=5001 called=87778 local=connected", lines);
        var delivered = Assert.Single(lines, l => l.StartsWith("Delivered@7778", StringComparison.Ordinal));
        Assert.DoesNotContain($"call={first}", delivered, StringComparison.Ordinal);
        Assert.Contains("conn=7778 calling=95001 called=7778 local=alerting", delivered, StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.StartsWith("Delivered@5001", StringComparison.Ordinal));
        Assert.Equal(2, _model.CallCount);
        Assert.Equal(1, _model.TrunkCalls);

        // 7778 answers: the first leg's far end answers too; 7778 hangs up: both legs clear.
        var second = _model.LiveConnections().Single(c => c.Connection.DeviceId == "7778").Connection;
        Assert.False(_model.AnswerCall(second).IsError);
        lines = Lines();
        Assert.Contains($"Established@5001 call={first} conn=87778 calling=5001 called=87778 local=connected", lines);
        Assert.Equal(SimConnectionState.Connected, _model.ConnectionState(first, "87778"));
        Assert.False(_model.ClearConnection(second).IsError);
        lines = Lines();
        Assert.Contains(lines, l => l.StartsWith($"ConnectionCleared@5001 call={first} conn=5001", StringComparison.Ordinal));
        Assert.Equal(0, _model.CallCount);
    }

    [Fact]
    public void TheFirstLegHangingUpClearsTheSecondAndABusyDnFailsTheFirstLegBusy()
    {
        Monitor("5001", "5002", "7778", "7779");
        var made = _model.MakeCall("5001", "87778");
        Assert.False(_model.ClearConnection(made.CallingConnection!.Value).IsError);
        Assert.Contains(Lines(), l => l.StartsWith("ConnectionCleared@7778", StringComparison.Ordinal));
        Assert.Equal(0, _model.CallCount);

        Assert.False(_model.MakeCall("7779", "7778").IsError);
        _ = Lines();
        var busy = _model.MakeCall("5002", "87778");
        var lines = Lines();
        Assert.Contains(lines, l => l.StartsWith("Failed@5002", StringComparison.Ordinal) && l.Contains("conn=87778", StringComparison.Ordinal));
        Assert.Equal(SimConnectionState.Failed, _model.ConnectionState(busy.CallingConnection!.Value.CallId, "5002"));
    }

    [Fact]
    public void ARedirectToTheOtherSwitchGoesOverTheTrunkFromTheRedirectingDevicesSwitch()
    {
        Monitor("5001", "3001", "7778");
        var made = _model.MakeCall("5001", "3001");
        var first = made.CallingConnection!.Value.CallId;
        _ = Lines();
        Assert.False(_model.DeflectCall(new CstaConnectionId(first, "3001"), "87778").IsError);
        var lines = Lines();
        Assert.Contains(lines, l => l.StartsWith("Diverted@3001", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"NetworkReached@5001 call={first} conn=87778", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Delivered@7778", StringComparison.Ordinal) && !l.Contains(first, StringComparison.Ordinal));
    }

    [Fact]
    public void DoNotDisturbAndForwardingAreKeptPerStationAndCheckTheirArguments()
    {
        Assert.Equal("SetDoNotDisturbResponse", _model.SetDoNotDisturb("7001", "true").Element);
        Assert.True(_model.IsDoNotDisturb("7001"));
        Assert.Equal("SetDoNotDisturbResponse", _model.SetDoNotDisturb("7001", "false").Element);
        Assert.False(_model.IsDoNotDisturb("7001"));
        Assert.Equal("valueOutOfRange", _model.SetDoNotDisturb("7001", "maybe").ErrorValue);
        Assert.Equal("invalidDeviceID", _model.SetDoNotDisturb("3001", "true").ErrorValue);

        Assert.Equal("SetForwardingResponse", _model.SetForwarding("7001", "forwardImmediate", "true", "7002").Element);
        Assert.Equal(("forwardImmediate", "7002"), _model.ForwardingOf("7001"));
        Assert.Equal("invalidDestination", _model.SetForwarding("7001", "forwardBusy", "true", "7001").ErrorValue);
        Assert.Equal("valueOutOfRange", _model.SetForwarding("7001", "forwardSometimes", "true", "7002").ErrorValue);
        Assert.Equal("SetForwardingResponse", _model.SetForwarding("7001", "forwardImmediate", "false", null).Element);
        Assert.Null(_model.ForwardingOf("7001"));
    }

    [Fact]
    public void MonitoringOfADeviceIsRefusedUntilTheSwitchServesItAgain()
    {
        _model.RefuseMonitoring("5050");
        var refused = _model.MonitorStart("5050", owner: null);
        Assert.Equal(("systemResourceAvailability", "resourceOutOfService"), (refused.ErrorCategory, refused.ErrorValue));
        Assert.False(_model.MonitorStart("5051", owner: null).IsError);
        _model.RefuseMonitoring("5050", refuse: false);
        Assert.False(_model.MonitorStart("5050", owner: null).IsError);
    }
}
