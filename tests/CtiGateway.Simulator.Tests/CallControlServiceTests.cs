using CtiGateway.Pbx.Csta;

namespace CtiGateway.Simulator.Tests;

/// <summary>ConsultationCall, TransferCall, ConferenceCall, DeflectCall and SingleStepTransferCall: events and their order.</summary>
public sealed class CallControlServiceTests
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
        $"{r.Event.Type}@{r.Monitor.DeviceId} conn={r.Event.Connection.DeviceId} subject={r.Event.SubjectDevice} local={r.Event.LocalConnectionInfo} cause={r.Event.Cause}";

    private List<string> Lines() => [.. _model.DrainEvents().Select(Line)];

    /// <summary>5001 calls 5002 and 5002 answers; returns 5001's and 5002's connections.</summary>
    private (CstaConnectionId A, CstaConnectionId B) Connected5001To5002()
    {
        var a = _model.MakeCall("5001", "5002").CallingConnection!.Value;
        var b = new CstaConnectionId(a.CallId, "5002");
        Assert.False(_model.AnswerCall(b).IsError);
        _model.DrainEvents();
        return (a, b);
    }

    /// <summary>From a 5001-5002 call, 5001 consults 5003 and 5003 answers; returns the held and the consultation connections of 5001.</summary>
    private (CstaConnectionId Held, CstaConnectionId Active) Consulted5003()
    {
        var (a, _) = Connected5001To5002();
        var consult = _model.ConsultationCall(a, "5003");
        var active = consult.ResultConnection!.Value;
        Assert.False(_model.AnswerCall(new CstaConnectionId(active.CallId, "5003")).IsError);
        _model.DrainEvents();
        return (a, active);
    }

    [Fact]
    public void ConsultationCallHoldsTheCallThenOriginatesToTheConsultedParty()
    {
        Monitor("5001", "5002", "5003");
        var (a, _) = Connected5001To5002();
        var result = _model.ConsultationCall(a, "5003");
        Assert.Equal(("ConsultationCallResponse", "initiatedCall"), (result.Element, result.ResultConnectionElement));
        var initiated = result.ResultConnection!.Value;
        Assert.Equal("5001", initiated.DeviceId);
        Assert.NotEqual(a.CallId, initiated.CallId);
        Assert.Equal(
            [
                "Held@5001 conn=5001 subject=5001 local=hold cause=consultation",
                "Held@5002 conn=5001 subject=5001 local=connected cause=consultation",
                "ServiceInitiated@5001 conn=5001 subject=5001 local=initiated cause=consultation",
                "Originated@5001 conn=5001 subject=5001 local=connected cause=consultation",
                "Delivered@5001 conn=5003 subject=5003 local=connected cause=consultation",
                "Delivered@5003 conn=5003 subject=5003 local=alerting cause=consultation",
            ],
            Lines());
        Assert.Equal(SimConnectionState.Held, _model.ConnectionState(a.CallId, "5001"));
        Assert.Equal(SimConnectionState.Alerting, _model.ConnectionState(initiated.CallId, "5003"));
    }

    [Fact]
    public void ConsultationCallNeedsAConnectedStation()
    {
        var a = _model.MakeCall("5001", "5002").CallingConnection!.Value;
        var alerting = _model.ConsultationCall(new CstaConnectionId(a.CallId, "5002"), "5003");
        Assert.Equal(("stateIncompatibility", "invalidObjectState"), (alerting.ErrorCategory, alerting.ErrorValue));
        Assert.Contains("alerting", alerting.Reason, StringComparison.Ordinal);
        Assert.Equal("invalidConnectionID", _model.ConsultationCall(new CstaConnectionId("00", "5001"), "5003").ErrorValue);
    }

    [Fact]
    public void TransferCallJoinsBothCallsWithoutTheTransferringStation()
    {
        Monitor("5001", "5002", "5003");
        var (held, active) = Consulted5003();
        var result = _model.TransferCall(held, active);
        Assert.Equal(("TransferCallResponse", "transferredCall"), (result.Element, result.ResultConnectionElement));
        var events = _model.DrainEvents();
        Assert.Equal(
            [
                "Transfered@5001 conn=5001 subject=5001 local=null cause=transfer",
                "Transfered@5002 conn=5001 subject=5001 local=connected cause=transfer",
                "Transfered@5003 conn=5001 subject=5001 local=connected cause=transfer",
            ],
            events.Select(Line));
        var e = events[0].Event;
        Assert.Equal((held, active, "5003"), (e.Connection, e.SecondaryOldCall, e.OtherDevice));
        var newCallId = result.ResultConnection!.Value.CallId;
        Assert.Equal(
            [(newCallId, "5002", held.CallId), (newCallId, "5003", active.CallId)],
            e.Connections.Select(i => (i.NewConnection!.Value.CallId, i.Endpoint!, i.OldConnection!.Value.CallId)));
        Assert.Equal(1, _model.CallCount);
        Assert.Null(_model.ConnectionState(newCallId, "5001"));
        Assert.Equal(SimConnectionState.Connected, _model.ConnectionState(newCallId, "5002"));
        Assert.Empty(_model.SnapshotDevice("5001").Snapshot!);

        Assert.False(_model.ClearConnection(new CstaConnectionId(newCallId, "5002")).IsError);
        Assert.Equal(0, _model.CallCount);
    }

    [Fact]
    public void TransferCallRejectsConnectionsOfTwoDevicesOrAnUnheldCall()
    {
        var (held, active) = Consulted5003();
        var twoDevices = _model.TransferCall(held, new CstaConnectionId(active.CallId, "5003"));
        Assert.Equal(("operation", "notSameDevice"), (twoDevices.ErrorCategory, twoDevices.ErrorValue));
        Assert.Contains("one device's connections", twoDevices.Reason, StringComparison.Ordinal);
        var swapped = _model.TransferCall(active, held);
        Assert.Equal("invalidObjectState", swapped.ErrorValue);
        Assert.Empty(_model.DrainEvents());
        Assert.Equal(2, _model.CallCount);
    }

    [Fact]
    public void ConferenceCallJoinsEveryPartyIntoOneCall()
    {
        Monitor("5001", "5002", "5003");
        var (held, active) = Consulted5003();
        var result = _model.ConferenceCall(held, active);
        Assert.Equal(("ConferenceCallResponse", "conferenceCall"), (result.Element, result.ResultConnectionElement));
        var events = _model.DrainEvents();
        Assert.Equal(
            [
                "Conferenced@5001 conn=5001 subject=5001 local=connected cause=conference",
                "Conferenced@5002 conn=5001 subject=5001 local=connected cause=conference",
                "Conferenced@5003 conn=5001 subject=5001 local=connected cause=conference",
            ],
            events.Select(Line));
        var e = events[1].Event;
        Assert.Equal((held, active, "5003"), (e.Connection, e.SecondaryOldCall, e.OtherDevice));
        Assert.Equal(["5001", "5002", "5003"], e.Connections.Select(i => i.Endpoint!));
        var conferenceCall = result.ResultConnection!.Value;
        Assert.Equal("5001", conferenceCall.DeviceId);
        Assert.Equal(1, _model.CallCount);

        // 5001 leaves: 5002 and 5003 stay talking.
        Assert.False(_model.ClearConnection(conferenceCall).IsError);
        Assert.Equal(1, _model.CallCount);
        Assert.Equal(SimConnectionState.Connected, _model.ConnectionState(conferenceCall.CallId, "5003"));
    }

    [Fact]
    public void DeflectCallDivertsThenDeliversAtTheNewDestination()
    {
        Monitor("3001", "5005");
        var callId = _model.DeliverInboundCall("302118840100", "3001")!;
        _model.DrainEvents();
        Assert.Equal("DeflectCallResponse", _model.DeflectCall(new CstaConnectionId(callId, "3001"), "5005").Element);
        var events = _model.DrainEvents();
        Assert.Equal(
            [
                "Diverted@3001 conn=3001 subject=3001 local=null cause=redirected",
                "Delivered@5005 conn=5005 subject=5005 local=alerting cause=redirected",
            ],
            events.Select(Line));
        Assert.Equal("5005", events[0].Event.OtherDevice);
        Assert.Equal(("3001", "302118840100"), (events[1].Event.LastRedirectionDevice, events[1].Event.CallingDevice));
        Assert.Null(_model.ConnectionState(callId, "3001"));
        Assert.False(_model.AnswerCall(new CstaConnectionId(callId, "5005")).IsError);
    }

    [Fact]
    public void DeflectCallToAnAcdQueueQueuesTheCall()
    {
        Monitor("4001");
        var callId = _model.DeliverInboundCall("302118840100", "3001")!;
        Assert.False(_model.DeflectCall(new CstaConnectionId(callId, "3001"), "4001").IsError);
        Assert.Equal(["Queued@4001 conn=4001 subject=4001 local=queued cause=redirected"], Lines());
        Assert.Equal("queued", Assert.Single(_model.SnapshotDevice("4001").Snapshot!).LocalConnectionState);
    }

    [Fact]
    public void DeflectCallRejectsAnsweredCallsUnknownAndBusyDestinations()
    {
        var (a, b) = Connected5001To5002();
        Assert.Equal("invalidObjectState", _model.DeflectCall(b, "5005").ErrorValue);
        var callId = _model.DeliverInboundCall("302118840100", "3001")!;
        var rp = new CstaConnectionId(callId, "3001");
        var unknown = _model.DeflectCall(rp, "1234");
        Assert.Equal(("operation", "invalidDestination"), (unknown.ErrorCategory, unknown.ErrorValue));
        Assert.Contains("newDestination 1234", unknown.Reason, StringComparison.Ordinal);
        var busy = _model.DeflectCall(rp, a.DeviceId);
        Assert.Equal(("stateIncompatibility", "invalidDestinationDeviceState"), (busy.ErrorCategory, busy.ErrorValue));
        Assert.Contains("busy", busy.Reason, StringComparison.Ordinal);
        Assert.Equal(SimConnectionState.Alerting, _model.ConnectionState(callId, "3001"));
    }

    [Fact]
    public void SingleStepTransferCallTransfersThenDeliversAtTheTarget()
    {
        Monitor("5001", "5002", "5003");
        var (a, b) = Connected5001To5002();
        var result = _model.SingleStepTransferCall(b, "5003");
        Assert.Equal(("SingleStepTransferCallResponse", new CstaConnectionId(a.CallId, "5003")), (result.Element, result.ResultConnection!.Value));
        var events = _model.DrainEvents();
        Assert.Equal(
            [
                "Transfered@5002 conn=5002 subject=5002 local=null cause=singleStepTransfer",
                "Transfered@5001 conn=5002 subject=5002 local=connected cause=singleStepTransfer",
                "Delivered@5001 conn=5003 subject=5003 local=connected cause=singleStepTransfer",
                "Delivered@5003 conn=5003 subject=5003 local=alerting cause=singleStepTransfer",
            ],
            events.Select(Line));
        Assert.Equal("5003", events[0].Event.OtherDevice);
        Assert.Equal(["5001", "5003"], events[0].Event.Connections.Select(i => i.Endpoint!));
        Assert.Equal("5002", events[3].Event.LastRedirectionDevice);
        Assert.Null(_model.ConnectionState(a.CallId, "5002"));
        Assert.Empty(_model.SnapshotDevice("5002").Snapshot!);
    }

    [Fact]
    public void SingleStepTransferCallNeedsAConnectedStationAndAReachableTarget()
    {
        var a = _model.MakeCall("5001", "5002").CallingConnection!.Value;
        Assert.Equal("invalidObjectState", _model.SingleStepTransferCall(new CstaConnectionId(a.CallId, "5002"), "5003").ErrorValue);
        _model.AnswerCall(new CstaConnectionId(a.CallId, "5002"));
        Assert.Equal("invalidDestination", _model.SingleStepTransferCall(a, "5001").ErrorValue);
        Assert.Equal("invalidDestination", _model.SingleStepTransferCall(a, "99999").ErrorValue);
    }
}
