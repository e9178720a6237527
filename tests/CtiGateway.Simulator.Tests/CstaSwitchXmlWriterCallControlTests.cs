using System.Buffers;
using System.Text;
using CtiGateway.Pbx.Csta;

namespace CtiGateway.Simulator.Tests;

/// <summary>Transfered, Conferenced, Diverted and Queued as the switch writes them, read back by CstaXmlDecoder.</summary>
public sealed class CstaSwitchXmlWriterCallControlTests
{
    private static readonly CstaConnectionId Held = new("00000000000000000000000000000001", "5001");
    private static readonly CstaConnectionId Active = new("00000000000000000000000000000002", "5001");

    private static CstaCallEvent RoundTrip(CstaCallEvent written, out string text)
    {
        var body = new ArrayBufferWriter<byte>();
        CstaSwitchXmlWriter.WriteEvent(body, CstaNamespaces.Ed4, written);
        text = Encoding.UTF8.GetString(body.WrittenSpan);
        return Assert.IsType<CstaCallEvent>(CstaXmlDecoder.Decode(body.WrittenMemory));
    }

    [Theory]
    [InlineData(CstaEventType.Transfered, "TransferedEvent", "transferringDevice", "transferredToDevice", "transferredConnections")]
    [InlineData(CstaEventType.Conferenced, "ConferencedEvent", "conferencingDevice", "addedParty", "conferenceConnections")]
    public void MergeEventsDecodeBackWithTheirConnectionList(CstaEventType type, string root, string subject, string other, string list)
    {
        var written = new CstaCallEvent(root, "")
        {
            Type = type,
            MonitorCrossRefId = "3",
            Connection = Held,
            SecondaryOldCall = Active,
            SubjectDevice = "5001",
            OtherDevice = "5003",
            LocalConnectionInfo = "connected",
            Cause = "transfer",
            Connections =
            [
                new(new("00000000000000000000000000000003", "5002"), new(Held.CallId, "5002"), "5002"),
                new(new("00000000000000000000000000000003", "5003"), new(Active.CallId, "5003"), "5003"),
            ],
        };
        var read = RoundTrip(written, out var text);
        Assert.Equal((root, CstaNamespaces.Ed4), (read.Element, read.Namespace));
        Assert.Equal(written with { Element = root, Namespace = CstaNamespaces.Ed4, Connections = [] }, read with { Connections = [] });
        Assert.Equal(written.Connections, read.Connections);

        // Schema order of switch.md 1.4.
        string[] order = ["monitorCrossRefID", "primaryOldCall", "secondaryOldCall", subject, other, list, "localConnectionInfo", "cause"];
        var positions = order.Select(name => text.IndexOf("<" + name + ">", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
    }

    [Fact]
    public void DivertedDecodesBackWithNewDestinationAfterDivertingDevice()
    {
        var written = new CstaCallEvent("DivertedEvent", "")
        {
            Type = CstaEventType.Diverted,
            MonitorCrossRefId = "4",
            Connection = new("00000000000000000000000000000009", "3001"),
            SubjectDevice = "3001",
            OtherDevice = "5005",
            CallingDevice = "302118840100",
            CalledDevice = "3001",
            LastRedirectionDevice = "3001",
            LocalConnectionInfo = "null",
            Cause = "redirected",
        };
        var read = RoundTrip(written, out var text);
        Assert.Equal(written with { Namespace = CstaNamespaces.Ed4 }, read with { Connections = [] });
        string[] order = ["connection", "divertingDevice", "newDestination", "callingDevice", "calledDevice", "lastRedirectionDevice", "localConnectionInfo", "cause"];
        var positions = order.Select(name => text.IndexOf("<" + name + ">", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
    }

    [Fact]
    public void QueuedFromTheModelDecodesBack()
    {
        var model = new SwitchModel(SwitchingPlan.Demo(), new ManualTimeProvider());
        model.MonitorStart("4001", null);
        var callId = model.DeliverInboundCall("302118840100", "3001")!;
        model.DeflectCall(new CstaConnectionId(callId, "3001"), "4001");
        var queued = Assert.Single(model.DrainEvents()).Event;
        var read = RoundTrip(queued, out _);
        Assert.Equal(
            (CstaEventType.Queued, new CstaConnectionId(callId, "4001"), "4001", "queued", "redirected", "3001"),
            (read.Type, read.Connection, read.SubjectDevice, read.LocalConnectionInfo, read.Cause, read.LastRedirectionDevice));
    }

    [Fact]
    public void CallControlResponsesCarryTheirConnection()
    {
        var connection = new CstaConnectionId("0000000000000000000000000000000A", "5001");
        var body = new ArrayBufferWriter<byte>();
        CstaSwitchXmlWriter.WriteResult(body, CstaNamespaces.Ed4, SimServiceResult.WithConnection("ConsultationCallResponse", "initiatedCall", connection));
        Assert.Equal(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ConsultationCallResponse xmlns=\"" + CstaNamespaces.Ed4
                + "\"><initiatedCall><callID>0000000000000000000000000000000A</callID><deviceID>5001</deviceID></initiatedCall></ConsultationCallResponse>",
            Encoding.UTF8.GetString(body.WrittenSpan));
        Assert.Equal("ConsultationCallResponse", CstaXmlDecoder.Decode(body.WrittenMemory).Element);
    }
}
