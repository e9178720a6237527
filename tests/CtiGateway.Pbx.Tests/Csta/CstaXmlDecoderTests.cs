using System.Buffers;
using System.Text;
using CtiGateway.Pbx.Csta;

namespace CtiGateway.Pbx.Tests.Csta;

public sealed class CstaXmlDecoderTests
{
    private const string Ed4 = "http://www.ecma-international.org/standards/ecma-323/csta/ed4";

    private static CstaMessage Decode(string xml) => CstaXmlDecoder.Decode(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(xml)));

    private static CstaDialectException Rejects(string xml, string cause)
    {
        var ex = Assert.Throws<CstaDialectException>(() => Decode(xml));
        Assert.Equal(cause, ex.Cause);
        return ex;
    }

    [Theory]
    [InlineData("EstablishedEvent", CstaEventType.Established, "establishedConnection", "answeringDevice")]
    [InlineData("ConnectionClearedEvent", CstaEventType.ConnectionCleared, "droppedConnection", "releasingDevice")]
    [InlineData("HeldEvent", CstaEventType.Held, "heldConnection", "holdingDevice")]
    [InlineData("RetrievedEvent", CstaEventType.Retrieved, "retrievedConnection", "retrievingDevice")]
    [InlineData("ConferencedEvent", CstaEventType.Conferenced, "primaryOldCall", "conferencingDevice")]
    [InlineData("DivertedEvent", CstaEventType.Diverted, "connection", "divertingDevice")]
    [InlineData("FailedEvent", CstaEventType.Failed, "failedConnection", "failingDevice")]
    [InlineData("QueuedEvent", CstaEventType.Queued, "queuedConnection", "queue")]
    public void EachEventMapsItsConnectionAndSubjectDevice(string root, CstaEventType type, string connection, string subject)
    {
        var xml = $"<{root} xmlns=\"{Ed4}\"><monitorCrossRefID>77</monitorCrossRefID>"
            + $"<{connection}><callID>C1</callID><deviceID>5001</deviceID></{connection}>"
            + $"<{subject}><deviceIdentifier>5001</deviceIdentifier></{subject}>"
            + "<callingDevice><deviceIdentifier>5002</deviceIdentifier></callingDevice>"
            + "<calledDevice><deviceIdentifier>5001</deviceIdentifier></calledDevice>"
            + $"<localConnectionInfo>connected</localConnectionInfo><cause>normal</cause></{root}>";
        var ev = Assert.IsType<CstaCallEvent>(Decode(xml));
        Assert.Equal(type, ev.Type);
        Assert.Equal(root, ev.Element);
        Assert.Equal("77", ev.MonitorCrossRefId);
        Assert.Equal(new CstaConnectionId("C1", "5001"), ev.Connection);
        Assert.Equal("5001", ev.SubjectDevice);
        Assert.Equal("5002", ev.CallingDevice);
        Assert.Equal("5001", ev.CalledDevice);
        Assert.Equal("connected", ev.LocalConnectionInfo);
        Assert.Equal("normal", ev.Cause);
    }

    [Fact]
    public void DmccEd3PrivNamespaceWithTypedDeviceIds()
    {
        const string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<ConferencedEvent xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\">"
            + "<monitorCrossRefID>3</monitorCrossRefID>"
            + "<primaryOldCall><callID>12</callID><deviceID typeOfNumber=\"other\" mediaClass=\"notKnown\">5001:CM::0</deviceID></primaryOldCall>"
            + "<secondaryOldCall><callID>13</callID><deviceID typeOfNumber=\"other\" mediaClass=\"notKnown\">5001:CM::0</deviceID></secondaryOldCall>"
            + "<conferencingDevice><deviceIdentifier typeOfNumber=\"other\">5001:CM::0</deviceIdentifier></conferencingDevice>"
            + "<addedParty><deviceIdentifier>5003:CM::0</deviceIdentifier></addedParty>"
            + "<conferenceConnections><connectionListItem><newConnection><callID>12</callID><deviceID>5003:CM::0</deviceID></newConnection>"
            + "<oldConnection><callID>13</callID><deviceID>5003:CM::0</deviceID></oldConnection></connectionListItem></conferenceConnections>"
            + "<cause>conference</cause>"
            + "<extensions><privateData><private><ns1:x xmlns:ns1=\"http://www.avaya.com/csta\"/></private></privateData></extensions>"
            + "</ConferencedEvent>";
        var ev = Assert.IsType<CstaCallEvent>(Decode(xml));
        Assert.Equal(CstaNamespaces.Ed3, ev.Namespace);
        Assert.Equal(new CstaConnectionId("12", "5001:CM::0"), ev.Connection);
        Assert.Equal(new CstaConnectionId("13", "5001:CM::0"), ev.SecondaryOldCall);
        Assert.Equal("5001:CM::0", ev.SubjectDevice);
        Assert.Equal("5003:CM::0", ev.OtherDevice);
        var item = Assert.Single(ev.Connections);
        Assert.Equal(new CstaConnectionId("12", "5003:CM::0"), item.NewConnection);
        Assert.Equal(new CstaConnectionId("13", "5003:CM::0"), item.OldConnection);
        Assert.Null(item.Endpoint);
    }

    [Fact]
    public void PrefixedCstaElementsAreMatchedByLocalName()
    {
        var ev = Assert.IsType<CstaCallEvent>(Decode(
            "<csta:HeldEvent xmlns:csta=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3/priv6\">"
            + "<csta:monitorCrossRefID>1</csta:monitorCrossRefID><csta:heldConnection><csta:callID>9</csta:callID>"
            + "<csta:deviceID>6001</csta:deviceID></csta:heldConnection></csta:HeldEvent>"));
        Assert.Equal("http://www.ecma-international.org/standards/ecma-323/csta/ed3/priv6", ev.Namespace);
        Assert.Equal(new CstaConnectionId("9", "6001"), ev.Connection);
        Assert.Null(ev.SubjectDevice);
    }

    [Theory]
    [InlineData("normal", false)]
    [InlineData("messagesLost", true)]
    [InlineData("disabled", true)]
    public void SystemStatusFlagsMessagesLostAndDisabled(string status, bool hardwareError)
    {
        var message = Assert.IsType<CstaSystemStatus>(Decode(
            $"<SystemStatus xmlns=\"{Ed4}\"><sysStatRegisterID>27ss</sysStatRegisterID><systemStatus>{status}</systemStatus></SystemStatus>"));
        Assert.Equal(status, message.Status);
        Assert.Equal("27ss", message.SysStatRegisterId);
        Assert.Equal(hardwareError, message.IsHardwareError);
    }

    [Fact]
    public void MakeCallResponseAndErrorResponse()
    {
        var made = Assert.IsType<CstaMakeCallResponse>(Decode(
            $"<MakeCallResponse xmlns=\"{Ed4}\"><callingDevice><callID>AB</callID><deviceID>5001</deviceID></callingDevice></MakeCallResponse>"));
        Assert.Equal(new CstaConnectionId("AB", "5001"), made.CallingDevice);

        var error = Assert.IsType<CstaErrorResponse>(Decode($"<CSTAErrorCode xmlns=\"{Ed4}\"><operation>invalidCallID</operation></CSTAErrorCode>"));
        Assert.Equal("operation", error.Category);
        Assert.Equal("invalidCallID", error.Value);
    }

    [Fact]
    public void UnknownRootIsARecordNotAnError()
    {
        var message = Assert.IsType<CstaUnknownMessage>(Decode("<ResetApplicationSessionTimerPosResponse xmlns=\"http://www.ecma-international.org/standards/ecma-354/appl_session\"/>"));
        Assert.Equal("ResetApplicationSessionTimerPosResponse", message.Element);
        Assert.Equal(CstaNamespaces.ApplicationSession, message.Namespace);
    }

    [Theory]
    [InlineData("<DeliveredEvent><connection><callID>1</callID><deviceID>2</deviceID></connection></DeliveredEvent>", "DeliveredEvent/monitorCrossRefID")]
    [InlineData("<DeliveredEvent><monitorCrossRefID>1</monitorCrossRefID></DeliveredEvent>", "DeliveredEvent/connection")]
    [InlineData("<EstablishedEvent><monitorCrossRefID>1</monitorCrossRefID><establishedConnection><deviceID>2</deviceID></establishedConnection></EstablishedEvent>", "EstablishedEvent/establishedConnection/callID")]
    [InlineData("<HeldEvent><monitorCrossRefID>1</monitorCrossRefID><heldConnection><callID>2</callID></heldConnection></HeldEvent>", "HeldEvent/heldConnection/deviceID")]
    [InlineData("<TransferedEvent><monitorCrossRefID>1</monitorCrossRefID><primaryOldCall><callID>1</callID><deviceID>2</deviceID></primaryOldCall><transferredConnections><connectionListItem><newConnection><callID>3</callID></newConnection></connectionListItem></transferredConnections></TransferedEvent>", "TransferedEvent/transferredConnections/connectionListItem/newConnection/deviceID")]
    [InlineData("<SystemStatus/>", "SystemStatus/systemStatus")]
    [InlineData("<MonitorStartResponse><extensions/></MonitorStartResponse>", "MonitorStartResponse/monitorCrossRefID")]
    [InlineData("<StartApplicationSessionPosResponse/>", "StartApplicationSessionPosResponse/sessionID")]
    public void MissingMandatoryElementNamesItsPath(string xml, string path)
    {
        var ex = Rejects(xml, "missing-element");
        Assert.Equal(path, ex.Element);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not xml")]
    [InlineData("<DeliveredEvent><monitorCrossRefID>1</monitorCrossRefID>")]
    [InlineData("<a></b>")]
    [InlineData("<a/><b/>")]
    [InlineData("<a>&undefined;</a>")]
    [InlineData("<a>\u0001</a>")]
    public void MalformedXmlIsBadXml(string xml) => Rejects(xml, "bad-xml");

    [Fact]
    public void BillionLaughsIsRejectedAsDtdNeverExpanded()
    {
        var xml = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
            + string.Concat(Enumerable.Range(1, 9).Select(i => $"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{(i == 1 ? "" : (i - 1).ToString(System.Globalization.CultureInfo.InvariantCulture))};", 10))}\">"))
            + "]><SystemStatus><systemStatus>&lol9;</systemStatus></SystemStatus>";
        Rejects(xml, "xml-dtd");
    }

    [Fact]
    public void ExternalEntityIsRejectedAsDtd()
    {
        Rejects(
            "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><MonitorStartResponse><monitorCrossRefID>&xxe;</monitorCrossRefID></MonitorStartResponse>",
            "xml-dtd");
        Rejects("<!DOCTYPE MonitorStartResponse SYSTEM \"http://127.0.0.1:9/x.dtd\"><MonitorStartResponse/>", "xml-dtd");
    }

    [Fact]
    public void TenThousandDeepNestingIsRejected()
    {
        // 10,000 open tags fit a frame (30 KB); the closing tags would not, and are never reached anyway.
        var xml = "<DeliveredEvent><extensions>" + string.Concat(Enumerable.Repeat("<a>", 10_000));
        Assert.True(Encoding.UTF8.GetByteCount(xml) <= CstaWire.MaxBodySize);
        var ex = Rejects(xml, "xml-too-deep");
        Assert.Equal("a", ex.Element);
        Rejects(string.Concat(Enumerable.Repeat("<a>", 10_000)), "xml-too-deep");
    }

    [Fact]
    public void NestingUpToTheLimitIsAccepted()
    {
        var depth = CstaXmlDecoder.MaxDepth;
        var xml = "<Custom>" + string.Concat(Enumerable.Repeat("<a>", depth)) + string.Concat(Enumerable.Repeat("</a>", depth)) + "</Custom>";
        Assert.IsType<CstaUnknownMessage>(Decode(xml));
    }

    [Fact]
    public void OversizedBodyIsRejectedBeforeParsing()
    {
        var xml = "<SystemStatus><systemStatus>" + new string('x', CstaWire.MaxBodySize) + "</systemStatus></SystemStatus>";
        Rejects(xml, "xml-too-large");
    }

    [Fact]
    public void CaptureBodiesDecodeTheSameAtEverySplitAndOneBytePerSegment()
    {
        foreach (var body in CstaCaptures.AllBodies())
        {
            var whole = CstaXmlDecoder.Decode(new ReadOnlySequence<byte>(body));
            AssertSame(whole, CstaXmlDecoder.Decode(Segmented.OneBytePerSegment(body)));
            for (var i = 0; i <= body.Length; i += 7)
            {
                AssertSame(whole, CstaXmlDecoder.Decode(Segmented.Split(body, i)));
            }
        }
    }

    [Fact]
    public void SeededFuzzOfMutatedCaptureBodiesOnlyGivesTypedErrors()
    {
        var bodies = CstaCaptures.AllBodies();
        var random = new Random(323);
        var decoded = 0;
        var causes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 100_000; i++)
        {
            var seed = bodies[random.Next(bodies.Count)];
            var bytes = Mutate(random, seed);
            var input = random.Next(8) == 0 ? Segmented.Split(bytes, random.Next(bytes.Length + 1)) : new ReadOnlySequence<byte>(bytes);
            try
            {
                var message = CstaXmlDecoder.Decode(input);
                decoded++;

                // Oracle: the decoder is deterministic over segmentation.
                AssertSame(message, CstaXmlDecoder.Decode(new ReadOnlySequence<byte>(bytes)));
            }
            catch (CstaDialectException ex)
            {
                Assert.Contains(ex.Cause, new[] { "bad-xml", "xml-dtd", "xml-too-deep", "xml-too-large", "missing-element" });
                causes.Add(ex.Cause);
            }
        }

        Assert.True(decoded > 1_000, $"only {decoded} bodies survived the mutations");
        Assert.Contains("bad-xml", causes);
        Assert.Contains("missing-element", causes);
    }

    private static byte[] Mutate(Random random, byte[] seed)
    {
        var bytes = seed.ToList();
        var edits = random.Next(1, 4);
        ReadOnlySpan<byte> interesting = "<>/&;\"'=!?[]x0 "u8;
        for (var e = 0; e < edits && bytes.Count > 0; e++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes[at] = interesting[random.Next(interesting.Length)];
                    break;
                case 2:
                    bytes.RemoveAt(at);
                    break;
                case 3:
                    // Delete a run, often a whole element name or a mandatory element.
                    bytes.RemoveRange(at, Math.Min(random.Next(1, 60), bytes.Count - at));
                    break;
                case 4:
                    bytes.Insert(at, interesting[random.Next(interesting.Length)]);
                    break;
                default:
                    var length = Math.Min(random.Next(1, 40), bytes.Count - at);
                    bytes.InsertRange(random.Next(bytes.Count), bytes.GetRange(at, length));
                    break;
            }
        }

        return [.. bytes];
    }

    private static void AssertSame(CstaMessage expected, CstaMessage actual)
    {
        if (expected is CstaCallEvent e && actual is CstaCallEvent a)
        {
            Assert.Equal(e with { Connections = [] }, a with { Connections = [] });
            Assert.Equal(e.Connections, a.Connections);
        }
        else
        {
            Assert.Equal(expected, actual);
        }
    }
}
