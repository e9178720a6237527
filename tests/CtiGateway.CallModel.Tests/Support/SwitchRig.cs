using System.Buffers;
using CtiGateway.Pbx.Csta;
using CtiGateway.Protocol;
using CtiGateway.Simulator;

namespace CtiGateway.CallModel.Tests;

/// <summary>
/// The simulated switch (the Simulator's <see cref="SwitchModel"/>, a monitor on every DN used) feeding a
/// <see cref="SwitchCallModel"/> the way the gateway will: each CSTA event the switch raises is written as CSTA-XML
/// (ed4, OSV style) by the simulator's writer and read back by the real decoder before the model applies it.
/// </summary>
internal sealed class SwitchRig
{
    public const string Ed4 = "http://www.ecma-international.org/standards/ecma-323/csta/ed4";

    private readonly ArrayBufferWriter<byte> _xml = new(2048);

    public SwitchRig(CallModelOptions? options = null, ulong connIdStart = 1_767_225_600)
    {
        Plan = new SwitchingPlan();
        Plan.AddRange("tel_sw", 5001, 5010, SimDeviceKind.Extension);
        Plan.Add(new SimDevice("4001", "tel_sw", SimDeviceKind.AcdQueue));
        Plan.Add(new SimDevice("3001", "tel_sw", SimDeviceKind.RoutePoint));
        Switch = new SwitchModel(Plan, new VirtualTimeProvider());
        foreach (var device in Plan.Devices)
        {
            Switch.MonitorStart(device.DeviceId, this);
        }

        Directory = DirectoryOf(Plan);
        ConnIds = new ConnIdGenerator(connIdStart);
        Model = new SwitchCallModel(Directory, ConnIds, options);
    }

    public SwitchingPlan Plan { get; }

    public SwitchModel Switch { get; }

    public DnDirectory Directory { get; }

    public ConnIdGenerator ConnIds { get; }

    public SwitchCallModel Model { get; }

    public RecordingSink Sink { get; } = new();

    /// <summary>Outcomes of the events applied, in order.</summary>
    public List<CallEventOutcome> Outcomes { get; } = [];

    public static DnDirectory DirectoryOf(SwitchingPlan plan) => new(plan.Devices.Select(d => KeyValuePair.Create(d.DeviceId, d.Kind switch
    {
        SimDeviceKind.AcdQueue => DnKind.ACDQueue,
        SimDeviceKind.RoutePoint => DnKind.RoutingPoint,
        _ => DnKind.Extension,
    })));

    /// <summary>Runs a switch service, which must succeed, then applies the events it raised.</summary>
    public SimServiceResult Run(Func<SwitchModel, SimServiceResult> service)
    {
        var result = service(Switch);
        Assert.False(result.IsError, $"The switch refused {result.Element}: {result.ErrorCategory}/{result.ErrorValue} {result.Reason}");
        Pump();
        return result;
    }

    /// <summary>Applies every event the switch raised since the last pump.</summary>
    public void Pump()
    {
        foreach (var record in Switch.DrainEvents())
        {
            Apply(record.Event);
        }
    }

    /// <summary>Applies one CSTA event after a round trip through CSTA-XML and the real decoder.</summary>
    public CallEventOutcome Apply(CstaCallEvent callEvent)
    {
        var decoded = RoundTrip(callEvent);
        var outcome = Model.Apply(decoded, Sink);
        Outcomes.Add(outcome);
        return outcome;
    }

    public CstaCallEvent RoundTrip(CstaCallEvent callEvent)
    {
        _xml.ResetWrittenCount();
        CstaSwitchXmlWriter.WriteEvent(_xml, Ed4, callEvent);
        var decoded = CstaXmlDecoder.Decode(_xml.WrittenMemory);
        return Assert.IsType<CstaCallEvent>(decoded);
    }

    /// <summary>Takes a SnapshotDevice of <paramref name="dn"/> from the switch (through XML) and applies it.</summary>
    public void Snapshot(string dn)
    {
        var result = Switch.SnapshotDevice(dn);
        Assert.False(result.IsError, result.Reason);
        _xml.ResetWrittenCount();
        CstaSwitchXmlWriter.WriteResult(_xml, Ed4, result);
        var reply = Assert.IsType<CstaSnapshotDeviceResponse>(CstaXmlDecoder.Decode(_xml.WrittenMemory));
        Model.ApplySnapshot(dn, reply, Sink);
    }

    /// <summary>The CSTA connection of <paramref name="dn"/> on the call <paramref name="connId"/>, from the model.</summary>
    public CstaConnectionId Leg(ConnId connId, string dn)
    {
        Assert.True(Model.TryGetConnection(connId, dn, out var connection), $"{dn} is not on call {connId} in the model.");
        return connection;
    }
}
