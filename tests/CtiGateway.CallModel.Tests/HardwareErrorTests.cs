using CtiGateway.Pbx.Csta;

namespace CtiGateway.CallModel.Tests;

/// <summary>Inconsistent switch events become hardware errors naming the CSTA element, plus a resynchronisation.</summary>
public sealed class HardwareErrorTests
{
    private static readonly DnDirectory Directory = new(
    [
        KeyValuePair.Create("5001", DnKind.Extension),
        KeyValuePair.Create("5002", DnKind.Extension),
        KeyValuePair.Create("5003", DnKind.Extension),
    ]);

    private readonly SwitchCallModel _model = new(Directory, new ConnIdGenerator(7));
    private readonly RecordingSink _sink = new();

    [Fact]
    public void An_event_for_an_unknown_call_names_the_callID_element_and_asks_for_a_snapshot_of_the_device()
    {
        Assert.Equal(CallEventOutcome.Fault, _model.Apply(Csta.Established("77", "5002"), _sink));
        var fault = Assert.Single(_sink.Faults);
        Assert.Equal(CallModelFaultKind.UnknownCall, fault.Kind);
        Assert.Equal("unknown-call", fault.Cause);
        Assert.Equal("EstablishedEvent/establishedConnection/callID", fault.Element);
        Assert.Equal("77", fault.CallId);
        Assert.Null(fault.ConnId);
        Assert.Equal("5002", fault.Dn);
        var resync = Assert.Single(_sink.Resyncs);
        Assert.Equal("77", resync.CallId);
        Assert.Equal(["5002"], resync.Devices);
        Assert.Empty(_sink.Events);
        Assert.Equal(0, _model.CallCount);
    }

    [Fact]
    public void Holding_a_ringing_party_is_an_impossible_state()
    {
        _model.Apply(Csta.Originated("1", "5001", "5002"), _sink);
        _model.Apply(Csta.Delivered("1", "5002", "5001", "5002"), _sink);
        _sink.Clear();
        Assert.Equal(CallEventOutcome.Fault, _model.Apply(Csta.Held("1", "5002"), _sink));
        var fault = Assert.Single(_sink.Faults);
        Assert.Equal(CallModelFaultKind.ImpossibleState, fault.Kind);
        Assert.Equal("HeldEvent/heldConnection", fault.Element);
        Assert.Contains("Alerting", fault.Detail, StringComparison.Ordinal);
        Assert.Equal(_model.ListCalls()[0].ConnId, fault.ConnId);
        Assert.Null(fault.PreviousConnId);
        Assert.Equal("5002", fault.Dn);
        Assert.Equal(["5001", "5002"], Assert.Single(_sink.Resyncs).Devices);
        Assert.Empty(_sink.Events);
    }

    [Fact]
    public void A_party_that_was_never_on_the_call_cannot_be_cleared()
    {
        _model.Apply(Csta.Originated("1", "5001", "5002"), _sink);
        Assert.Equal(CallEventOutcome.Fault, _model.Apply(Csta.Cleared("1", "5003"), _sink));
        Assert.Equal("ConnectionClearedEvent/droppedConnection", Assert.Single(_sink.Faults).Element);
    }

    [Fact]
    public void An_empty_callID_is_a_missing_element()
    {
        Assert.Equal(CallEventOutcome.Fault, _model.Apply(Csta.Delivered("", "5002", "5001", "5002"), _sink));
        var fault = Assert.Single(_sink.Faults);
        Assert.Equal(CallModelFaultKind.MissingElement, fault.Kind);
        Assert.Equal("DeliveredEvent/connection/callID", fault.Element);
        Assert.Empty(_sink.Resyncs);
    }

    [Fact]
    public void A_conference_that_names_no_added_party_is_a_missing_element()
    {
        _model.Apply(Csta.Originated("1", "5001", "5002"), _sink);
        _model.Apply(Csta.Delivered("1", "5002", "5001", "5002"), _sink);
        _model.Apply(Csta.Established("1", "5002"), _sink);
        _sink.Clear();
        Assert.Equal(CallEventOutcome.Fault, _model.Apply(Csta.Event(CstaEventType.Conferenced, "1", "5002", cause: "conference"), _sink));
        Assert.Equal("ConferencedEvent/addedParty", Assert.Single(_sink.Faults).Element);
    }

    [Fact]
    public void Calls_beyond_the_limit_are_not_created()
    {
        var model = new SwitchCallModel(Directory, new ConnIdGenerator(7), new CallModelOptions { MaxCalls = 1 });
        Assert.Equal(CallEventOutcome.Applied, model.Apply(Csta.Originated("1", "5001", "5002"), _sink));
        Assert.Equal(CallEventOutcome.Fault, model.Apply(Csta.Originated("2", "5003", "5002"), _sink));
        Assert.Equal(CallModelFaultKind.CallTableFull, Assert.Single(_sink.Faults).Kind);
        Assert.Equal(1, model.CallCount);
    }

    [Fact]
    public void Copies_of_an_ending_event_are_copies_but_other_events_after_the_end_are_faults()
    {
        _model.Apply(Csta.Originated("1", "5001", "5002"), _sink);
        Assert.Equal(CallEventOutcome.Applied, _model.Apply(Csta.Cleared("1", "5001"), _sink));
        Assert.Equal(0, _model.CallCount);
        Assert.Equal(CallEventOutcome.Duplicate, _model.Apply(Csta.Cleared("1", "5001"), _sink));
        Assert.Equal(CallEventOutcome.Duplicate, _model.ApplyCallCleared("1", null, _sink));
        Assert.Empty(_sink.Faults);
        Assert.Equal(CallEventOutcome.Fault, _model.Apply(Csta.Held("1", "5001"), _sink));
        Assert.Contains("already ended", Assert.Single(_sink.Faults).Detail, StringComparison.Ordinal);
    }
}
