using System.Buffers;
using System.Text;
using System.Xml.Linq;
using CtiGateway.Pbx.Csta;

namespace CtiGateway.Pbx.Tests.Csta;

/// <summary>
/// The call-control requests of issue 9 (AlternateCall, ReconnectCall, SingleStepConferenceCall, GenerateDigits) as
/// the encoder writes them in both dialect flavours, read back by an independent parser (XDocument); their responses
/// and NetworkReachedEvent through CstaXmlDecoder, whole and split at every byte.
/// </summary>
public sealed class CstaCallControlCodecTests
{
    private static readonly CstaConnectionId Held = new("FF000100000000002D65C85C1C750000", "5002");
    private static readonly CstaConnectionId Active = new("FF000100000000002D65C85C1C750001", "5002");

    public static TheoryData<CstaDialectFlavour, string> Flavours() => new()
    {
        { CstaDialectFlavour.OsvEd4, CstaNamespaces.Ed4 },
        { CstaDialectFlavour.DmccEd3, CstaNamespaces.Ed3 },
    };

    private static XElement Parse(Action<ArrayBufferWriter<byte>> write)
    {
        var w = new ArrayBufferWriter<byte>();
        write(w);
        var text = Encoding.UTF8.GetString(w.WrittenSpan);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", text, StringComparison.Ordinal);
        return XDocument.Parse(text).Root!;
    }

    private static CstaConnectionId ConnectionIn(XElement parent, XNamespace ns, string name)
    {
        var element = parent.Element(ns + name)!;
        return new CstaConnectionId(element.Element(ns + "callID")!.Value, element.Element(ns + "deviceID")!.Value);
    }

    private static string[] Children(XElement root) => [.. root.Elements().Select(e => e.Name.LocalName)];

    [Theory]
    [MemberData(nameof(Flavours))]
    public void AlternateAndReconnectCarryBothConnectionsInSchemaOrder(CstaDialectFlavour flavour, string ns)
    {
        var alternate = Parse(w => CstaXmlEncoder.WriteAlternateCall(w, flavour, Held, Active));
        Assert.Equal((XNamespace)ns + "AlternateCall", alternate.Name);
        Assert.Equal(["heldCall", "activeCall"], Children(alternate));
        Assert.Equal((Held, Active), (ConnectionIn(alternate, ns, "heldCall"), ConnectionIn(alternate, ns, "activeCall")));

        var reconnect = Parse(w => CstaXmlEncoder.WriteReconnectCall(w, flavour, Active, Held));
        Assert.Equal((XNamespace)ns + "ReconnectCall", reconnect.Name);
        Assert.Equal(["activeCall", "heldCall"], Children(reconnect));
        Assert.Equal((Active, Held), (ConnectionIn(reconnect, ns, "activeCall"), ConnectionIn(reconnect, ns, "heldCall")));
    }

    [Theory]
    [MemberData(nameof(Flavours))]
    public void SingleStepConferenceCallCarriesTheDeviceAndTheParticipationWhenGiven(CstaDialectFlavour flavour, string ns)
    {
        var plain = Parse(w => CstaXmlEncoder.WriteSingleStepConferenceCall(w, flavour, Active, "5003"));
        Assert.Equal((XNamespace)ns + "SingleStepConferenceCall", plain.Name);
        Assert.Equal(["activeCall", "deviceToJoin"], Children(plain));
        Assert.Equal((Active, "5003"), (ConnectionIn(plain, ns, "activeCall"), plain.Element((XNamespace)ns + "deviceToJoin")!.Value));

        foreach (var (type, text) in new[] { (CstaParticipationType.Active, "active"), (CstaParticipationType.Silent, "silent") })
        {
            var root = Parse(w => CstaXmlEncoder.WriteSingleStepConferenceCall(w, flavour, Active, "5003:CM1:0.0.0.0:0", type));
            Assert.Equal(["activeCall", "deviceToJoin", "participationType"], Children(root));
            Assert.Equal(("5003:CM1:0.0.0.0:0", text), (root.Element((XNamespace)ns + "deviceToJoin")!.Value, root.Element((XNamespace)ns + "participationType")!.Value));
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => CstaXmlEncoder.WriteSingleStepConferenceCall(new ArrayBufferWriter<byte>(), flavour, Active, "5003", (CstaParticipationType)7));
    }

    [Theory]
    [MemberData(nameof(Flavours))]
    public void GenerateDigitsCarriesTheConnectionTheDigitsAndTheToneDuration(CstaDialectFlavour flavour, string ns)
    {
        var root = Parse(w => CstaXmlEncoder.WriteGenerateDigits(w, flavour, Active, "0123456789*#ABCD,"));
        Assert.Equal((XNamespace)ns + "GenerateDigits", root.Name);
        Assert.Equal(["connectionToSendDigits", "charactersToSend"], Children(root));
        Assert.Equal((Active, "0123456789*#ABCD,"), (ConnectionIn(root, ns, "connectionToSendDigits"), root.Element((XNamespace)ns + "charactersToSend")!.Value));

        var timed = Parse(w => CstaXmlEncoder.WriteGenerateDigits(w, flavour, Active, "5", 120));
        Assert.Equal(["connectionToSendDigits", "charactersToSend", "toneDuration"], Children(timed));
        Assert.Equal("120", timed.Element((XNamespace)ns + "toneDuration")!.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12a")]
    [InlineData("1 2")]
    [InlineData("E")]
    [InlineData("<1>")]
    public void GenerateDigitsRefusesWhatIsNotDtmf(string digits)
    {
        var ex = Assert.Throws<ArgumentException>(() => CstaXmlEncoder.WriteGenerateDigits(new ArrayBufferWriter<byte>(), CstaDialectFlavour.OsvEd4, Active, digits));
        Assert.Contains($"'{digits}'", ex.Message, StringComparison.Ordinal);
        Assert.False(CstaXmlEncoder.IsDtmf(digits));
    }

    [Fact]
    public void GenerateDigitsHasALengthLimitAndRefusesANegativeDuration()
    {
        Assert.True(CstaXmlEncoder.IsDtmf(new string('1', CstaXmlEncoder.MaxDtmfCharacters)));
        Assert.False(CstaXmlEncoder.IsDtmf(new string('1', CstaXmlEncoder.MaxDtmfCharacters + 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => CstaXmlEncoder.WriteGenerateDigits(new ArrayBufferWriter<byte>(), CstaDialectFlavour.OsvEd4, Active, "1", -1));
    }

    [Fact]
    public void AWarmCallControlEncodeAllocatesNothing()
    {
        var writer = new ArrayBufferWriter<byte>(64 * 1024);
        EncodeAll(writer, 100);
        var before = GC.GetAllocatedBytesForCurrentThread();
        EncodeAll(writer, 1000);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);

        static void EncodeAll(ArrayBufferWriter<byte> writer, int times)
        {
            for (var i = 0; i < times; i++)
            {
                Encode(writer, CstaDialectFlavour.OsvEd4);
                Encode(writer, CstaDialectFlavour.DmccEd3);
            }
        }

        static void Encode(ArrayBufferWriter<byte> writer, CstaDialectFlavour flavour)
        {
            writer.ResetWrittenCount();
            CstaXmlEncoder.WriteAlternateCall(writer, flavour, Held, Active);
            CstaXmlEncoder.WriteReconnectCall(writer, flavour, Active, Held);
            CstaXmlEncoder.WriteSingleStepConferenceCall(writer, flavour, Active, "5003", CstaParticipationType.Silent);
            CstaXmlEncoder.WriteGenerateDigits(writer, flavour, Active, "123#", 100);
            CstaXmlEncoder.WriteConsultationCall(writer, flavour, Held, "5003");
            CstaXmlEncoder.WriteTransferCall(writer, flavour, Held, Active);
            CstaXmlEncoder.WriteConferenceCall(writer, flavour, Held, Active);
            CstaXmlEncoder.WriteClearConnection(writer, flavour, Active);
        }
    }

    public static TheoryData<string> Acknowledgements() => ["AlternateCallResponse", "ReconnectCallResponse", "GenerateDigitsResponse"];

    [Theory]
    [MemberData(nameof(Acknowledgements))]
    public void TheNewServicesEmptyResponsesAreAcknowledgements(string root)
    {
        foreach (var ns in new[] { CstaNamespaces.Ed4, CstaNamespaces.Ed3 })
        {
            var ack = Assert.IsType<CstaAcknowledgement>(Decode($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><{root} xmlns=\"{ns}\"/>"));
            Assert.Equal((root, ns), (ack.Element, ack.Namespace));
        }
    }

    private const string SingleStepConferenceResponse =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><SingleStepConferenceCallResponse xmlns=\"" + CstaNamespaces.Ed3 + "\">"
        + "<conferencedCall><callID>12</callID><deviceID>5003:CM1:0.0.0.0:0</deviceID></conferencedCall>"
        + "<connections>"
        + "<connectionListItem><newConnection><callID>12</callID><deviceID>5001</deviceID></newConnection><oldConnection><callID>12</callID><deviceID>5001</deviceID></oldConnection><endpoint><deviceID>5001</deviceID></endpoint></connectionListItem>"
        + "<connectionListItem><newConnection><callID>12</callID><deviceID>5003:CM1:0.0.0.0:0</deviceID></newConnection><endpoint><deviceID>5003:CM1:0.0.0.0:0</deviceID></endpoint></connectionListItem>"
        + "</connections></SingleStepConferenceCallResponse>";

    [Fact]
    public void SingleStepConferenceCallResponseNamesTheJoiningConnectionAtEverySplit()
    {
        var bytes = Encoding.UTF8.GetBytes(SingleStepConferenceResponse);
        foreach (var input in Inputs(bytes))
        {
            var response = Assert.IsType<CstaSingleStepConferenceCallResponse>(CstaXmlDecoder.Decode(input));
            Assert.Equal(("SingleStepConferenceCallResponse", CstaNamespaces.Ed3), (response.Element, response.Namespace));
            Assert.Equal(new CstaConnectionId("12", "5003:CM1:0.0.0.0:0"), response.ConferencedCall);
            Assert.Equal(
                [
                    new CstaConnectionListItem(new("12", "5001"), new("12", "5001"), "5001"),
                    new CstaConnectionListItem(new("12", "5003:CM1:0.0.0.0:0"), null, "5003:CM1:0.0.0.0:0"),
                ],
                response.Connections);
        }
    }

    [Fact]
    public void SingleStepConferenceCallResponseWithoutConferencedCallIsAMissingElement()
    {
        var ex = Assert.Throws<CstaDialectException>(() => Decode($"<SingleStepConferenceCallResponse xmlns=\"{CstaNamespaces.Ed4}\"><connections/></SingleStepConferenceCallResponse>"));
        Assert.Equal(("missing-element", "SingleStepConferenceCallResponse/conferencedCall"), (ex.Cause, ex.Element));
    }

    private const string NetworkReached =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><NetworkReachedEvent xmlns=\"" + CstaNamespaces.Ed4 + "\">"
        + "<monitorCrossRefID>41</monitorCrossRefID>"
        + "<outboundConnection><callID>FF000100000000002D65C85C1C750002</callID><deviceID>+4989700100</deviceID></outboundConnection>"
        + "<networkInterfaceUsed><deviceIdentifier>T1</deviceIdentifier></networkInterfaceUsed>"
        + "<callingDevice><deviceIdentifier>5001</deviceIdentifier></callingDevice>"
        + "<calledDevice><deviceIdentifier>+4989700100</deviceIdentifier></calledDevice>"
        + "<localConnectionInfo>connected</localConnectionInfo><cause>normal</cause></NetworkReachedEvent>";

    [Fact]
    public void NetworkReachedEventMapsItsOutboundConnectionAndTrunkAtEverySplit()
    {
        var bytes = Encoding.UTF8.GetBytes(NetworkReached);
        foreach (var input in Inputs(bytes))
        {
            var ev = Assert.IsType<CstaCallEvent>(CstaXmlDecoder.Decode(input));
            Assert.Equal(
                (CstaEventType.NetworkReached, "41", new CstaConnectionId("FF000100000000002D65C85C1C750002", "+4989700100"), "T1", "5001", "+4989700100", "connected", "normal"),
                (ev.Type, ev.MonitorCrossRefId, ev.Connection, ev.SubjectDevice, ev.CallingDevice, ev.CalledDevice, ev.LocalConnectionInfo, ev.Cause));
        }

        var missing = Assert.Throws<CstaDialectException>(() => Decode(NetworkReached.Replace("outboundConnection", "otherConnection", StringComparison.Ordinal)));
        Assert.Equal("NetworkReachedEvent/outboundConnection", missing.Element);
    }

    private static CstaMessage Decode(string xml) => CstaXmlDecoder.Decode(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(xml)));

    private static IEnumerable<ReadOnlySequence<byte>> Inputs(byte[] bytes) =>
        Enumerable.Range(0, bytes.Length + 1).Select(i => Segmented.Split(bytes, i)).Append(Segmented.OneBytePerSegment(bytes));
}
