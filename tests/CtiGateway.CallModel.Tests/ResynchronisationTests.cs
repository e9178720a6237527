using CtiGateway.Protocol;
using CtiGateway.Simulator;

namespace CtiGateway.CallModel.Tests;

/// <summary>SnapshotDevice replies rebuild the model after a link outage, and one call after a hardware error.</summary>
public sealed class ResynchronisationTests
{
    [Fact]
    public void After_an_outage_snapshots_release_the_calls_that_ended_and_create_the_ones_that_began()
    {
        var rig = new SwitchRig();
        rig.Run(s => s.MakeCall("5001", "5002"));
        var ended = rig.Sink.Events[0].Event.ConnID!.Value;
        rig.Run(s => s.AnswerCall(rig.Leg(ended, "5002")));
        rig.Run(s => s.MakeCall("5003", "5004"));
        var answeredDuringOutage = rig.Sink.Events[^1].Event.ConnID!.Value;
        rig.Run(s => s.MakeCall("5005", "5006"));
        var heldDuringOutage = rig.Sink.Events[^1].Event.ConnID!.Value;
        rig.Run(s => s.AnswerCall(rig.Leg(heldDuringOutage, "5006")));
        var untouched = rig.Switch.DeliverInboundCall("0611000001", "5007")!;
        rig.Pump();
        Assert.Equal(4, rig.Model.CallCount);
        Assert.Empty(rig.Sink.Faults);

        // The link is down: the switch goes on, its events are lost.
        rig.Model.LinkDown();
        rig.Switch.ClearConnection(rig.Leg(ended, "5001"));
        rig.Switch.AnswerCall(rig.Leg(answeredDuringOutage, "5004"));
        rig.Switch.HoldCall(rig.Leg(heldDuringOutage, "5006"));
        rig.Switch.MakeCall("5008", "5009");
        var began = rig.Switch.DeliverInboundCall("0611000002", "5010")!;
        rig.Switch.AnswerCall(new Pbx.Csta.CstaConnectionId(began, "5010"));
        rig.Switch.DrainEvents();
        rig.Sink.Clear();

        var withCalls = rig.Model.LinkUp();
        Assert.True(rig.Model.IsLinkUp);
        Assert.Equal(["5001", "5002", "5003", "5004", "5005", "5006", "5007"], withCalls.Order(StringComparer.Ordinal));
        foreach (var device in rig.Plan.Devices)
        {
            rig.Snapshot(device.DeviceId);
        }

        Assert.Empty(rig.Sink.Faults);
        Assert.Equal([MessageType.EventReleased], rig.Sink.For("5001").Select(e => e.Type));
        Assert.Equal([MessageType.EventReleased], rig.Sink.For("5002").Select(e => e.Type));
        Assert.All(rig.Sink.For("5001").Concat(rig.Sink.For("5002")), e => Assert.Equal(ended, e.ConnID));
        Assert.False(rig.Model.TryGetCall(ended, out _));
        Assert.Equal([MessageType.EventEstablished], rig.Sink.For("5003").Select(e => e.Type));
        Assert.Equal([MessageType.EventEstablished], rig.Sink.For("5004").Select(e => e.Type));
        Assert.Equal([MessageType.EventHeld], rig.Sink.For("5006").Select(e => e.Type));
        Assert.Empty(rig.Sink.For("5005"));
        Assert.Empty(rig.Sink.For("5007"));
        Assert.Equal([MessageType.EventEstablished], rig.Sink.For("5008").Select(e => e.Type));
        Assert.Equal([MessageType.EventRinging], rig.Sink.For("5009").Select(e => e.Type));
        Assert.Equal([MessageType.EventEstablished], rig.Sink.For("5010").Select(e => e.Type));

        // The model's call table is the switch's.
        Assert.Equal(Truth(rig), Model(rig));
        Assert.True(rig.Model.TryGetConnId(untouched, out _));
        Assert.True(rig.Model.TryGetConnId(began, out var beganConnId));
        Assert.Contains(beganConnId, rig.Model.CallsOf("5010"));
    }

    [Fact]
    public void A_hardware_error_asks_for_the_call_to_be_resynchronised_and_the_snapshot_brings_it_in()
    {
        var rig = new SwitchRig();
        // The model missed the start of a call (say it started while the gateway was starting).
        rig.Switch.MakeCall("5001", "5002");
        rig.Switch.DrainEvents();
        Assert.Equal(CallEventOutcome.Fault, rig.Apply(Csta.Established("00000000000000000000000000000001", "5002")));
        var request = Assert.Single(rig.Sink.Resyncs);
        Assert.Equal(["5002"], request.Devices);
        rig.Switch.AnswerCall(new Pbx.Csta.CstaConnectionId(request.CallId, "5002"));
        rig.Switch.DrainEvents();
        rig.Sink.Clear();
        foreach (var device in new[] { "5001", "5002" })
        {
            rig.Snapshot(device);
        }

        Assert.True(rig.Model.TryGetConnId(request.CallId, out var connId));
        Assert.True(rig.Model.TryGetCall(connId, out var call));
        Assert.Equal(["5001", "5002"], call.Parties.Select(p => p.Dn));
        Assert.All(call.Parties, p => Assert.Equal(PartyState.Connected, p.State));
        Assert.Equal([MessageType.EventEstablished], rig.Sink.For("5001").Select(e => e.Type));
        Assert.Equal([MessageType.EventEstablished], rig.Sink.For("5002").Select(e => e.Type));

        // From now on the call's events apply normally.
        rig.Sink.Clear();
        rig.Run(s => s.ClearConnection(rig.Leg(connId, "5001")));
        Assert.Empty(rig.Sink.Faults);
        Assert.Equal(0, rig.Model.CallCount);
        Assert.Equal([MessageType.EventReleased], rig.Sink.For("5001").Select(e => e.Type));
        Assert.Equal([MessageType.EventReleased], rig.Sink.For("5002").Select(e => e.Type));
    }

    private static SortedSet<string> Truth(SwitchRig rig)
    {
        var set = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var device in rig.Plan.Devices)
        {
            foreach (var item in rig.Switch.SnapshotDevice(device.DeviceId).Snapshot!)
            {
                set.Add($"{item.Connection.CallId}/{device.DeviceId}/{item.LocalConnectionState}");
            }
        }

        return set;
    }

    private static SortedSet<string> Model(SwitchRig rig)
    {
        var set = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var call in rig.Model.ListCalls())
        {
            foreach (var p in call.Parties.Where(p => p.IsInternal))
            {
                set.Add($"{call.CallId}/{p.Dn}/{SwitchModel.StateText(p.State switch
                {
                    PartyState.Alerting => SimConnectionState.Alerting,
                    PartyState.Held => SimConnectionState.Held,
                    PartyState.Queued => SimConnectionState.Queued,
                    PartyState.Failed => SimConnectionState.Failed,
                    PartyState.Initiated => SimConnectionState.Initiated,
                    _ => SimConnectionState.Connected,
                })}");
            }
        }

        return set;
    }
}
