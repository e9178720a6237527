using CtiGateway.Pbx.Csta;

namespace CtiGateway.Simulator.Tests;

/// <summary>Each service of the model, with the events and their order asserted.</summary>
public sealed class SwitchModelTests
{
    private readonly SwitchModel _model = new(SwitchingPlan.Demo(), new ManualTimeProvider());

    private string Monitor(string device)
    {
        var result = _model.MonitorStart(device, owner: null);
        Assert.False(result.IsError, result.Reason);
        return result.MonitorCrossRefId!;
    }

    private static string Line(SimEventRecord r) =>
        $"{r.Event.Type}@{r.Monitor.DeviceId} conn={r.Event.Connection.DeviceId} subject={r.Event.SubjectDevice} local={r.Event.LocalConnectionInfo} cause={r.Event.Cause}";

    private List<string> Lines() => [.. _model.DrainEvents().Select(Line)];

    private CstaConnectionId CallFrom5001To5002()
    {
        var made = _model.MakeCall("5001", "5002");
        Assert.Equal("MakeCallResponse", made.Element);
        return made.CallingConnection!.Value;
    }

    [Fact]
    public void DemoPlanHasTheContractDevices()
    {
        var plan = SwitchingPlan.Demo();
        Assert.True(plan.TryGet("5001", out var ext) && ext.Kind == SimDeviceKind.Extension && ext.SwitchName == "tel_sw");
        Assert.True(plan.TryGet("5099", out _));
        Assert.False(plan.TryGet("5100", out _));
        Assert.True(plan.TryGet("4001", out var queue) && queue.Kind == SimDeviceKind.AcdQueue);
        Assert.True(plan.TryGet("3001", out var rp) && rp.Kind == SimDeviceKind.RoutePoint);
        Assert.True(plan.TryGet("7778", out var other) && other.SwitchName == "tel_sw_1");
        Assert.Equal(99 + 1 + 1 + 999, plan.Devices.Count);
        var error = Assert.Throws<ArgumentException>(() => plan.Add(new SimDevice("7001", "tel_sw", SimDeviceKind.Extension)));
        Assert.Contains("7001@tel_sw_1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MonitorStartGivesDistinctCrossRefsAndRejectsUnknownDevices()
    {
        Assert.NotEqual(Monitor("5001"), Monitor("5002"));
        var error = _model.MonitorStart("9999", null);
        Assert.Equal(("CSTAErrorCode", "operation", "invalidDeviceID"), (error.Element, error.ErrorCategory, error.ErrorValue));
        Assert.Contains("9999", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void MonitorStopEndsTheEventsAndRejectsUnknownCrossRefs()
    {
        var crossRef = Monitor("5001");
        Assert.Equal("MonitorStopResponse", _model.MonitorStop(crossRef).Element);
        CallFrom5001To5002();
        Assert.Empty(_model.DrainEvents());
        var error = _model.MonitorStop(crossRef);
        Assert.Equal("invalidMonitorCrossRefID", error.ErrorValue);
    }

    [Fact]
    public void MakeCallRaisesServiceInitiatedOriginatedThenDeliveredToBothSides()
    {
        var a = Monitor("5001");
        var b = Monitor("5002");
        var calling = CallFrom5001To5002();
        Assert.Equal("5001", calling.DeviceId);
        Assert.Equal(32, calling.CallId.Length);
        var events = _model.DrainEvents();
        Assert.Equal(
            [
                "ServiceInitiated@5001 conn=5001 subject=5001 local=initiated cause=makeCall",
                "Originated@5001 conn=5001 subject=5001 local=connected cause=newCall",
                "Delivered@5001 conn=5002 subject=5002 local=connected cause=newCall",
                "Delivered@5002 conn=5002 subject=5002 local=alerting cause=newCall",
            ],
            events.Select(Line));
        Assert.All(events, e => Assert.Equal(calling.CallId, e.Event.Connection.CallId));
        Assert.Equal([a, a, a, b], events.Select(e => e.Event.MonitorCrossRefId));
        Assert.All(events.Skip(1), e => Assert.Equal(("5001", "5002"), (e.Event.CallingDevice, e.Event.CalledDevice)));
        Assert.Equal(SimConnectionState.Alerting, _model.ConnectionState(calling.CallId, "5002"));
    }

    [Fact]
    public void AnswerCallRaisesEstablishedForBoth()
    {
        Monitor("5001");
        Monitor("5002");
        var calling = CallFrom5001To5002();
        _model.DrainEvents();
        Assert.Equal("AnswerCallResponse", _model.AnswerCall(calling with { DeviceId = "5002" }).Element);
        Assert.Equal(
            [
                "Established@5001 conn=5002 subject=5002 local=connected cause=newCall",
                "Established@5002 conn=5002 subject=5002 local=connected cause=newCall",
            ],
            Lines());
        var again = _model.AnswerCall(calling with { DeviceId = "5002" });
        Assert.Equal(("stateIncompatibility", "invalidObjectState"), (again.ErrorCategory, again.ErrorValue));
    }

    [Fact]
    public void ClearConnectionClearsTheCallerThenTheLastParty()
    {
        Monitor("5001");
        Monitor("5002");
        var calling = CallFrom5001To5002();
        _model.AnswerCall(calling with { DeviceId = "5002" });
        _model.DrainEvents();
        Assert.Equal("ClearConnectionResponse", _model.ClearConnection(calling).Element);
        Assert.Equal(
            [
                "ConnectionCleared@5001 conn=5001 subject=5001 local=null cause=normalClearing",
                "ConnectionCleared@5002 conn=5001 subject=5001 local=connected cause=normalClearing",
                "ConnectionCleared@5002 conn=5002 subject=5002 local=null cause=normalClearing",
            ],
            Lines());
        Assert.Equal(0, _model.CallCount);
        var gone = _model.ClearConnection(calling);
        Assert.Equal("invalidConnectionID", gone.ErrorValue);
    }

    [Fact]
    public void ClearCallClearsEveryConnection()
    {
        Monitor("5002");
        var calling = CallFrom5001To5002();
        _model.DrainEvents();
        Assert.Equal("ClearCallResponse", _model.ClearCall(calling).Element);
        Assert.Equal(
            [
                "ConnectionCleared@5002 conn=5001 subject=5001 local=alerting cause=normalClearing",
                "ConnectionCleared@5002 conn=5002 subject=5002 local=null cause=normalClearing",
            ],
            Lines());
        Assert.Equal(0, _model.CallCount);
        Assert.Equal("invalidConnectionID", _model.ClearCall(calling).ErrorValue);
    }

    [Fact]
    public void HoldAndRetrieveRaiseHeldAndRetrievedAndCheckState()
    {
        Monitor("5001");
        Monitor("5002");
        var calling = CallFrom5001To5002();
        var early = _model.HoldCall(calling with { DeviceId = "5002" });
        Assert.Equal(("stateIncompatibility", "invalidObjectState"), (early.ErrorCategory, early.ErrorValue));
        Assert.Contains("alerting, not connected", early.Reason, StringComparison.Ordinal);
        _model.AnswerCall(calling with { DeviceId = "5002" });
        _model.DrainEvents();

        Assert.Equal("HoldCallResponse", _model.HoldCall(calling).Element);
        Assert.Equal(
            [
                "Held@5001 conn=5001 subject=5001 local=hold cause=normal",
                "Held@5002 conn=5001 subject=5001 local=connected cause=normal",
            ],
            Lines());
        Assert.Equal("invalidObjectState", _model.HoldCall(calling).ErrorValue);
        Assert.Equal("RetrieveCallResponse", _model.RetrieveCall(calling).Element);
        Assert.Equal(
            [
                "Retrieved@5001 conn=5001 subject=5001 local=connected cause=normal",
                "Retrieved@5002 conn=5001 subject=5001 local=connected cause=normal",
            ],
            Lines());
        Assert.Equal("invalidObjectState", _model.RetrieveCall(calling).ErrorValue);
    }

    [Fact]
    public void MakeCallToAnUnknownNumberFailsWithDestNotObtainable()
    {
        Monitor("5001");
        var calling = _model.MakeCall("5001", "123456").CallingConnection!.Value;
        Assert.Equal(
            [
                "ServiceInitiated@5001 conn=5001 subject=5001 local=initiated cause=makeCall",
                "Originated@5001 conn=5001 subject=5001 local=connected cause=newCall",
                "Failed@5001 conn=123456 subject=123456 local=fail cause=destNotObtainable",
            ],
            Lines());
        Assert.Equal(SimConnectionState.Failed, _model.ConnectionState(calling.CallId, "5001"));
        _model.ClearConnection(calling);
        Assert.Equal(["ConnectionCleared@5001 conn=5001 subject=5001 local=null cause=normalClearing"], Lines());
        Assert.Equal(0, _model.CallCount);
    }

    [Fact]
    public void MakeCallToABusyStationFailsWithBusy()
    {
        CallFrom5001To5002();
        Monitor("5003");
        _model.MakeCall("5003", "5002");
        Assert.Equal("Failed@5003 conn=5002 subject=5002 local=fail cause=busy", Lines()[^1]);
    }

    [Fact]
    public void MakeCallFromAnUnknownOrBusyCallerIsAnError()
    {
        Assert.Equal("invalidCallingDeviceID", _model.MakeCall("3001", "5002").ErrorValue);
        Assert.Equal("invalidCallingDeviceID", _model.MakeCall("42", "5002").ErrorValue);
        CallFrom5001To5002();
        var busy = _model.MakeCall("5001", "5003");
        Assert.Equal(("stateIncompatibility", "invalidCallingDeviceState"), (busy.ErrorCategory, busy.ErrorValue));
    }

    [Fact]
    public void SnapshotDeviceListsTheCallsAtTheDevice()
    {
        var calling = CallFrom5001To5002();
        var snapshot = _model.SnapshotDevice("5002");
        Assert.Equal([new SimSnapshotItem(calling with { DeviceId = "5002" }, "alerting")], snapshot.Snapshot!);
        Assert.Empty(_model.SnapshotDevice("5003").Snapshot!);
        Assert.Equal("invalidDeviceID", _model.SnapshotDevice("nope").ErrorValue);
    }

    [Fact]
    public void SystemRegisterGivesARegisterId() =>
        Assert.Equal("1", _model.SystemRegister().SysStatRegisterId);
}
