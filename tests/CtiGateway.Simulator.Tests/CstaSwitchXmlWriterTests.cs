using System.Buffers;
using System.Text;
using CtiGateway.Pbx.Csta;

namespace CtiGateway.Simulator.Tests;

/// <summary>What the switch writes, read back by the gateway's own decoder (CstaXmlDecoder of CtiGateway.Pbx).</summary>
public sealed class CstaSwitchXmlWriterTests
{
    private static readonly CstaConnectionId Connection = new("0000000000000000000000000000002A", "5002");

    private static CstaMessage RoundTrip(Action<ArrayBufferWriter<byte>> write, out string text)
    {
        var body = new ArrayBufferWriter<byte>();
        write(body);
        text = Encoding.UTF8.GetString(body.WrittenSpan);
        return CstaXmlDecoder.Decode(body.WrittenMemory);
    }

    [Theory]
    [InlineData(CstaEventType.Delivered, "DeliveredEvent")]
    [InlineData(CstaEventType.Established, "EstablishedEvent")]
    [InlineData(CstaEventType.ConnectionCleared, "ConnectionClearedEvent")]
    [InlineData(CstaEventType.Held, "HeldEvent")]
    [InlineData(CstaEventType.Retrieved, "RetrievedEvent")]
    [InlineData(CstaEventType.Originated, "OriginatedEvent")]
    [InlineData(CstaEventType.ServiceInitiated, "ServiceInitiatedEvent")]
    [InlineData(CstaEventType.Failed, "FailedEvent")]
    [InlineData(CstaEventType.Queued, "QueuedEvent")]
    public void EveryEventDecodesBackWithItsFields(CstaEventType type, string root)
    {
        var written = new CstaCallEvent(root, "")
        {
            Type = type,
            MonitorCrossRefId = "7",
            Connection = Connection,
            SubjectDevice = "5002",
            CallingDevice = "N<5001>;noa=nk",
            CalledDevice = "5002",
            LocalConnectionInfo = "alerting",
            Cause = "newCall",
        };
        var decoded = Assert.IsType<CstaCallEvent>(RoundTrip(w => CstaSwitchXmlWriter.WriteEvent(w, CstaNamespaces.Ed4, written), out var text));
        Assert.Contains("N&lt;5001&gt;;noa=nk", text, StringComparison.Ordinal);
        Assert.Equal(written with { Element = root, Namespace = CstaNamespaces.Ed4 }, decoded with { Connections = written.Connections });
    }

    [Fact]
    public void OriginatedPutsTheOriginatingDeviceAfterCalledDevice()
    {
        var written = new CstaCallEvent("OriginatedEvent", "")
        {
            Type = CstaEventType.Originated, MonitorCrossRefId = "1", Connection = Connection, SubjectDevice = "5001", CallingDevice = "5001", CalledDevice = "5002",
        };
        RoundTrip(w => CstaSwitchXmlWriter.WriteEvent(w, CstaNamespaces.Ed4, written), out var text);
        Assert.True(text.IndexOf("<calledDevice>", StringComparison.Ordinal) < text.IndexOf("<originatingDevice>", StringComparison.Ordinal), text);
    }

    [Fact]
    public void ResponsesDecodeAsTheGatewayExpects()
    {
        var monitor = Assert.IsType<CstaMonitorStartResponse>(RoundTrip(w => CstaSwitchXmlWriter.WriteResult(w, CstaNamespaces.Ed4, SimServiceResult.MonitorStarted("12")), out _));
        Assert.Equal("12", monitor.MonitorCrossRefId);
        var made = Assert.IsType<CstaMakeCallResponse>(RoundTrip(w => CstaSwitchXmlWriter.WriteResult(w, CstaNamespaces.Ed4, SimServiceResult.CallMade(Connection)), out _));
        Assert.Equal(Connection, made.CallingDevice);
        var registered = Assert.IsType<CstaSystemRegisterResponse>(RoundTrip(w => CstaSwitchXmlWriter.WriteResult(w, CstaNamespaces.Ed3, SimServiceResult.Registered("3")), out _));
        Assert.Equal(("3", CstaNamespaces.Ed3), (registered.SysStatRegisterId, registered.Namespace));
        var error = Assert.IsType<CstaErrorResponse>(RoundTrip(
            w => CstaSwitchXmlWriter.WriteResult(w, CstaNamespaces.Ed4, SimServiceResult.Error("operation", "invalidDeviceID", "why")), out var text));
        Assert.Equal(("operation", "invalidDeviceID"), (error.Category, error.Value));
        Assert.DoesNotContain("why", text, StringComparison.Ordinal);
        var empty = Assert.IsType<CstaAcknowledgement>(RoundTrip(w => CstaSwitchXmlWriter.WriteResult(w, CstaNamespaces.Ed4, SimServiceResult.Ok("AnswerCallResponse")), out _));
        Assert.Equal("AnswerCallResponse", empty.Element);
    }

    [Fact]
    public void SnapshotResponseListsConnectionsAndStates()
    {
        RoundTrip(w => CstaSwitchXmlWriter.WriteResult(w, CstaNamespaces.Ed4, SimServiceResult.SnapshotTaken([new SimSnapshotItem(Connection, "alerting")])), out var text);
        var doc = System.Xml.Linq.XDocument.Parse(text);
        System.Xml.Linq.XNamespace ns = CstaNamespaces.Ed4;
        var info = Assert.Single(doc.Descendants(ns + "snapshotDeviceResponseInfo"));
        Assert.Equal(Connection.CallId, info.Element(ns + "connectionIdentifier")!.Element(ns + "callID")!.Value);
        Assert.Equal("alerting", info.Element(ns + "localCallState")!.Element(ns + "compoundCallState")!.Value);
    }

    [Theory]
    [InlineData("normal", null)]
    [InlineData("messagesLost", "4")]
    [InlineData("disabled", null)]
    public void SystemStatusDecodesWithItsValue(string status, string? registerId)
    {
        var decoded = Assert.IsType<CstaSystemStatus>(RoundTrip(w => CstaSwitchXmlWriter.WriteSystemStatus(w, CstaNamespaces.Ed4, status, registerId), out _));
        Assert.Equal((status, registerId), (decoded.Status, decoded.SysStatRegisterId));
        Assert.Equal(status != "normal", decoded.IsHardwareError);
    }
}
