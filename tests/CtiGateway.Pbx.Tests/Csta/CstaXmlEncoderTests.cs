using System.Buffers;
using System.Text;
using System.Xml.Linq;
using CtiGateway.Pbx.Csta;

namespace CtiGateway.Pbx.Tests.Csta;

/// <summary>Encoder output checked with an independent parser (XDocument) against switch.md 1.3/1.4.</summary>
public sealed class CstaXmlEncoderTests
{
    private static XElement Parse(Action<ArrayBufferWriter<byte>> write, out string text)
    {
        var w = new ArrayBufferWriter<byte>();
        write(w);
        text = Encoding.UTF8.GetString(w.WrittenSpan);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", text, StringComparison.Ordinal);
        return XDocument.Parse(text).Root!;
    }

    [Fact]
    public void MonitorStartOsvUsesEd4AndDialingNumber()
    {
        var root = Parse(w => CstaXmlEncoder.WriteMonitorStart(w, CstaDialectFlavour.OsvEd4, "302118840100"), out _);
        XNamespace ns = "http://www.ecma-international.org/standards/ecma-323/csta/ed4";
        Assert.Equal(ns + "MonitorStart", root.Name);
        var device = root.Element(ns + "monitorObject")!.Element(ns + "deviceObject")!;
        Assert.Equal("302118840100", device.Value);
        Assert.Equal("dialingNumber", (string?)device.Attribute("typeOfNumber"));
    }

    [Fact]
    public void MonitorStartDmccUsesEd3WithoutTypeOfNumber()
    {
        var root = Parse(w => CstaXmlEncoder.WriteMonitorStart(w, CstaDialectFlavour.DmccEd3, "5001:CM::0"), out _);
        XNamespace ns = "http://www.ecma-international.org/standards/ecma-323/csta/ed3";
        var device = root.Element(ns + "monitorObject")!.Element(ns + "deviceObject")!;
        Assert.Equal("5001:CM::0", device.Value);
        Assert.Null(device.Attribute("typeOfNumber"));
    }

    [Fact]
    public void MakeCallCarriesCallingAndCalledInSchemaOrderWithEscaping()
    {
        var root = Parse(w => CstaXmlEncoder.WriteMakeCall(w, CstaDialectFlavour.OsvEd4, "N<5001>;noa=nk", "5002&x"), out var text);
        XNamespace ns = CstaNamespaces.Ed4;
        Assert.Contains("N&lt;5001&gt;;noa=nk", text, StringComparison.Ordinal);
        var children = root.Elements().ToList();
        Assert.Equal([ns + "callingDevice", ns + "calledDirectoryNumber"], children.Select(e => e.Name));
        Assert.Equal("N<5001>;noa=nk", children[0].Value);
        Assert.Equal("explicitPublic:subscriber", (string?)children[0].Attribute("typeOfNumber"));
        Assert.Equal("5002&x", children[1].Value);
    }

    [Fact]
    public void AnswerAndClearConnectionCarryTheConnection()
    {
        var connection = new CstaConnectionId("FF000100000000002D65C85C1C750000", "302118840100");
        XNamespace ns = CstaNamespaces.Ed4;
        var clear = Parse(w => CstaXmlEncoder.WriteClearConnection(w, CstaDialectFlavour.OsvEd4, connection), out _);
        Assert.Equal(ns + "ClearConnection", clear.Name);
        Assert.Equal("FF000100000000002D65C85C1C750000", clear.Element(ns + "connectionToBeCleared")!.Element(ns + "callID")!.Value);
        Assert.Equal("302118840100", clear.Element(ns + "connectionToBeCleared")!.Element(ns + "deviceID")!.Value);

        var answer = Parse(w => CstaXmlEncoder.WriteAnswerCall(w, CstaDialectFlavour.OsvEd4, connection), out _);
        Assert.Equal("302118840100", answer.Element(ns + "callToBeAnswered")!.Element(ns + "deviceID")!.Value);
    }

    [Fact]
    public void CallControlRequestsUseTheSwitchMdElementNames()
    {
        var held = new CstaConnectionId("C1", "5001");
        var active = new CstaConnectionId("C2", "5001");
        XNamespace ns = CstaNamespaces.Ed3;
        const CstaDialectFlavour F = CstaDialectFlavour.DmccEd3;
        var cases = new (Action<ArrayBufferWriter<byte>> Write, string Root, string[] Children)[]
        {
            (w => CstaXmlEncoder.WriteClearCall(w, F, held), "ClearCall", ["callToBeCleared"]),
            (w => CstaXmlEncoder.WriteHoldCall(w, F, held), "HoldCall", ["callToBeHeld"]),
            (w => CstaXmlEncoder.WriteRetrieveCall(w, F, held), "RetrieveCall", ["callToBeRetrieved"]),
            (w => CstaXmlEncoder.WriteTransferCall(w, F, held, active), "TransferCall", ["heldCall", "activeCall"]),
            (w => CstaXmlEncoder.WriteConferenceCall(w, F, held, active), "ConferenceCall", ["heldCall", "activeCall"]),
            (w => CstaXmlEncoder.WriteConsultationCall(w, F, held, "5003"), "ConsultationCall", ["existingCall", "consultedDevice"]),
            (w => CstaXmlEncoder.WriteDeflectCall(w, F, held, "5003"), "DeflectCall", ["callToBeDiverted", "newDestination"]),
            (w => CstaXmlEncoder.WriteSingleStepTransferCall(w, F, active, "5003"), "SingleStepTransferCall", ["activeCall", "transferredTo"]),
        };
        foreach (var (write, rootName, children) in cases)
        {
            var root = Parse(write, out _);
            Assert.Equal(ns + rootName, root.Name);
            Assert.Equal(children.Select(c => ns + c), root.Elements().Select(e => e.Name));
            Assert.Equal(rootName == "SingleStepTransferCall" ? "C2" : "C1", root.Elements().First().Element(ns + "callID")!.Value);
            Assert.Equal("5001", root.Elements().First().Element(ns + "deviceID")!.Value);
            if (children.Length == 2 && children[1] is not "activeCall")
            {
                Assert.Equal("5003", root.Elements().Last().Value);
            }
        }

        var transfer = Parse(w => CstaXmlEncoder.WriteTransferCall(w, F, held, active), out _);
        Assert.Equal("C1", transfer.Element(ns + "heldCall")!.Element(ns + "callID")!.Value);
        Assert.Equal("C2", transfer.Element(ns + "activeCall")!.Element(ns + "callID")!.Value);
    }

    [Fact]
    public void StartUpRequestsAsSwitchMdSection13()
    {
        XNamespace ns = CstaNamespaces.Ed4;
        var response = Parse(w => CstaXmlEncoder.WriteSystemStatusResponse(w, CstaDialectFlavour.OsvEd4), out _);
        Assert.Equal(ns + "SystemStatusResponse", response.Name);
        Assert.False(response.HasElements);

        var register = Parse(w => CstaXmlEncoder.WriteSystemRegister(w, CstaDialectFlavour.OsvEd4), out _);
        var types = register.Element(ns + "requestTypes")!;
        Assert.Equal("true", types.Element(ns + "systemStatus")!.Value);
        Assert.Equal("false", types.Element(ns + "requestSystemStatus")!.Value);

        var stop = Parse(w => CstaXmlEncoder.WriteMonitorStop(w, CstaDialectFlavour.DmccEd3, "1193240031"), out _);
        Assert.Equal("1193240031", stop.Element((XNamespace)CstaNamespaces.Ed3 + "monitorCrossRefID")!.Value);

        var snapshot = Parse(w => CstaXmlEncoder.WriteSnapshotDevice(w, CstaDialectFlavour.OsvEd4, "5001"), out _);
        Assert.Equal("5001", snapshot.Element(ns + "snapshotObject")!.Value);
    }

    [Fact]
    public void EncodedBodyTravelsInAFrameAndOurDecoderNamesIt()
    {
        var body = new ArrayBufferWriter<byte>();
        CstaXmlEncoder.WriteMonitorStart(body, CstaDialectFlavour.OsvEd4, "5001");
        var frame = new ArrayBufferWriter<byte>();
        CstaFrameWriter.Write(1, body.WrittenSpan, frame);
        var buffer = new ReadOnlySequence<byte>(frame.WrittenMemory);
        Assert.True(CstaFrameReader.TryReadFrame(ref buffer, out var read));
        Assert.Equal(1, read.InvokeId);
        var message = CstaXmlDecoder.Decode(read.Xml);
        Assert.Equal("MonitorStart", message.Element);
        Assert.Equal(CstaNamespaces.Ed4, message.Namespace);
    }

    [Fact]
    public void ControlCharactersAreRefused()
    {
        var w = new ArrayBufferWriter<byte>();
        var ex = Assert.Throws<ArgumentException>(() => CstaXmlEncoder.WriteMonitorStart(w, CstaDialectFlavour.OsvEd4, "50\u000101"));
        Assert.Contains("U+0001", ex.Message, StringComparison.Ordinal);
    }

    private static readonly XNamespace Appl = "http://www.ecma-international.org/standards/ecma-354/appl_session";

    [Fact]
    public void StartApplicationSessionCarriesLoginProtocolAndDuration()
    {
        var root = Parse(
            w => CstaXmlEncoder.WriteStartApplicationSession(w, "CtiGateway", "http://www.ecma-international.org/standards/ecma-323/csta/ed3/priv7", 80, "cti", "s<e>cret", 80),
            out var text);
        XNamespace acx = "http://www.avaya.com/csta";
        Assert.Equal(Appl + "StartApplicationSession", root.Name);
        var info = root.Element(Appl + "applicationInfo")!;
        Assert.Equal("CtiGateway", info.Element(Appl + "applicationID")!.Value);
        var login = info.Element(Appl + "applicationSpecificInfo")!.Element(acx + "SessionLoginInfo")!;
        Assert.Equal(("cti", "s<e>cret", "80"), (login.Element(acx + "userName")!.Value, login.Element(acx + "password")!.Value, login.Element(acx + "sessionCleanupDelay")!.Value));
        Assert.Equal(
            "http://www.ecma-international.org/standards/ecma-323/csta/ed3/priv7",
            root.Element(Appl + "requestedProtocolVersions")!.Element(Appl + "protocolVersion")!.Value);
        Assert.Equal("80", root.Element(Appl + "requestedSessionDuration")!.Value);
        Assert.Contains("s&lt;e&gt;cret", text, StringComparison.Ordinal);

        var plain = Parse(w => CstaXmlEncoder.WriteStartApplicationSession(w, "App", CstaNamespaces.Ed4, 600), out _);
        Assert.Null(plain.Element(Appl + "applicationInfo")!.Element(Appl + "applicationSpecificInfo"));
    }

    [Fact]
    public void ResetAndStopApplicationSessionNameTheSession()
    {
        var reset = Parse(w => CstaXmlEncoder.WriteResetApplicationSessionTimer(w, "AB-0", 80), out _);
        Assert.Equal(
            (Appl + "ResetApplicationSessionTimer", "AB-0", "80"),
            (reset.Name, reset.Element(Appl + "sessionID")!.Value, reset.Element(Appl + "requestedSessionDuration")!.Value));
        var stop = Parse(w => CstaXmlEncoder.WriteStopApplicationSession(w, "AB-0"), out _);
        Assert.Equal(
            (Appl + "StopApplicationSession", "AB-0", "normal"),
            (stop.Name, stop.Element(Appl + "sessionID")!.Value, stop.Element(Appl + "sessionEndReason")!.Element(Appl + "definedEndReason")!.Value));
    }

    [Fact]
    public void AgentStateRequestsUseTheEcma269Names()
    {
        XNamespace ns = "http://www.ecma-international.org/standards/ecma-323/csta/ed3";
        var set = Parse(w => CstaXmlEncoder.WriteSetAgentState(w, CstaDialectFlavour.DmccEd3, "5001", "loggedOn", "A5001", "4001"), out _);
        Assert.Equal(
            ["device=5001", "requestedAgentState=loggedOn", "agentID=A5001", "group=4001"],
            set.Elements().Select(e => e.Name.LocalName + "=" + e.Value));
        Assert.Equal(ns + "SetAgentState", set.Name);
        var get = Parse(w => CstaXmlEncoder.WriteGetAgentState(w, CstaDialectFlavour.DmccEd3, "5001"), out _);
        Assert.Equal((ns + "GetAgentState", "5001"), (get.Name, get.Element(ns + "device")!.Value));
        var bad = Assert.Throws<ArgumentException>(() => CstaXmlEncoder.WriteSetAgentState(new ArrayBufferWriter<byte>(), CstaDialectFlavour.OsvEd4, "5001", "busy"));
        Assert.Contains("'busy'", bad.Message, StringComparison.Ordinal);
    }
}
