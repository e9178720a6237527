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
        var message = Assert.IsType<CstaUnknownMessage>(Decode("<SetMessageWaitingIndicatorResponse xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"/>"));
        Assert.Equal("SetMessageWaitingIndicatorResponse", message.Element);
        Assert.Equal(CstaNamespaces.Ed3, message.Namespace);
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
            var bytes = XmlBodyMutator.Mutate(random, seed);
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

    private const string Ed3 = "http://www.ecma-international.org/standards/ecma-323/csta/ed3";
    private const string Appl = "http://www.ecma-international.org/standards/ecma-354/appl_session";

    [Fact]
    public void ConsultationCallResponseCarriesTheInitiatedCall()
    {
        var response = Assert.IsType<CstaConsultationCallResponse>(Decode(
            $"<ConsultationCallResponse xmlns=\"{Ed4}\"><initiatedCall><callID>0A</callID><deviceID>5001</deviceID></initiatedCall>"
            + "<mediaCallCharacteristics><mediaClass><voice>true</voice></mediaClass></mediaCallCharacteristics></ConsultationCallResponse>"));
        Assert.Equal(new CstaConnectionId("0A", "5001"), response.InitiatedCall);
        Assert.Equal("missing-element", Rejects($"<ConsultationCallResponse xmlns=\"{Ed4}\"/>", "missing-element").Cause);
    }

    [Fact]
    public void TransferAndSingleStepTransferResponsesCarryTheTransferredCallAndConnections()
    {
        var transfer = Assert.IsType<CstaTransferCallResponse>(Decode(
            $"<TransferCallResponse xmlns=\"{Ed3}\"><transferredCall><callID>0C</callID><deviceID>5002</deviceID></transferredCall>"
            + "<connections><connectionListItem><newConnection><callID>0C</callID><deviceID>5002</deviceID></newConnection>"
            + "<oldConnection><callID>0A</callID><deviceID>5002</deviceID></oldConnection><endpoint><deviceID>5002</deviceID></endpoint></connectionListItem>"
            + "<connectionListItem><newConnection><callID>0C</callID><deviceID>5003</deviceID></newConnection><endpoint><deviceID>5003</deviceID></endpoint></connectionListItem>"
            + "</connections></TransferCallResponse>"));
        Assert.Equal(("TransferCallResponse", new CstaConnectionId("0C", "5002")), (transfer.Element, transfer.TransferredCall));
        Assert.Equal(
            [
                new CstaConnectionListItem(new CstaConnectionId("0C", "5002"), new CstaConnectionId("0A", "5002"), "5002"),
                new CstaConnectionListItem(new CstaConnectionId("0C", "5003"), null, "5003"),
            ],
            transfer.Connections);

        var single = Assert.IsType<CstaTransferCallResponse>(Decode(
            $"<SingleStepTransferCallResponse xmlns=\"{Ed4}\"><transferredCall><callID>0B</callID><deviceID>5004</deviceID></transferredCall></SingleStepTransferCallResponse>"));
        Assert.Equal(("SingleStepTransferCallResponse", new CstaConnectionId("0B", "5004")), (single.Element, single.TransferredCall));
        Assert.Empty(single.Connections);
        Assert.Equal("TransferCallResponse/transferredCall/deviceID", Rejects(
            $"<TransferCallResponse xmlns=\"{Ed4}\"><transferredCall><callID>0C</callID></transferredCall></TransferCallResponse>", "missing-element").Element);
    }

    [Fact]
    public void ConferenceCallResponseCarriesTheConferenceCall()
    {
        var response = Assert.IsType<CstaConferenceCallResponse>(Decode(
            $"<ConferenceCallResponse xmlns=\"{Ed4}\"><conferenceCall><callID>0D</callID><deviceID>5001</deviceID></conferenceCall></ConferenceCallResponse>"));
        Assert.Equal(new CstaConnectionId("0D", "5001"), response.ConferenceCall);
        Assert.Equal("ConferenceCallResponse/conferenceCall", Rejects($"<ConferenceCallResponse xmlns=\"{Ed4}\"></ConferenceCallResponse>", "missing-element").Element);
    }

    [Fact]
    public void EmptyPositiveResponsesAreAcknowledgements()
    {
        foreach (var element in new[] { "AnswerCallResponse", "ClearConnectionResponse", "HoldCallResponse", "DeflectCallResponse", "SetAgentStateResponse", "MonitorStopResponse" })
        {
            var ack = Assert.IsType<CstaAcknowledgement>(Decode($"<{element} xmlns=\"{Ed3}\"/>"));
            Assert.Equal((element, Ed3), (ack.Element, ack.Namespace));
        }
    }

    [Fact]
    public void SnapshotDeviceResponseListsConnectionsAndStates()
    {
        var response = Assert.IsType<CstaSnapshotDeviceResponse>(Decode(
            $"<SnapshotDeviceResponse xmlns=\"{Ed4}\"><crossRefIDorSnapshotData><snapshotData>"
            + "<snapshotDeviceResponseInfo><connectionIdentifier><callID>01</callID><deviceID>5001</deviceID></connectionIdentifier>"
            + "<localCallState><compoundCallState>connected</compoundCallState></localCallState></snapshotDeviceResponseInfo>"
            + "<snapshotDeviceResponseInfo><connectionIdentifier><callID>02</callID><deviceID>5001</deviceID></connectionIdentifier>"
            + "<localCallState><compoundCallState>hold</compoundCallState></localCallState></snapshotDeviceResponseInfo>"
            + "</snapshotData></crossRefIDorSnapshotData></SnapshotDeviceResponse>"));
        Assert.Equal(
            [new CstaSnapshotItem(new CstaConnectionId("01", "5001"), "connected"), new CstaSnapshotItem(new CstaConnectionId("02", "5001"), "hold")],
            response.Items);
    }

    [Fact]
    public void ApplicationSessionAnswersDecodeWithDurationAndErrorCode()
    {
        var started = Assert.IsType<CstaStartApplicationSessionPosResponse>(Decode(
            $"<StartApplicationSessionPosResponse xmlns=\"{Appl}\"><sessionID>469421A9364D46D6444524AE41BEAD72-0</sessionID>"
            + "<actualProtocolVersion>http://www.ecma-international.org/standards/ecma-323/csta/ed3/priv7</actualProtocolVersion>"
            + "<actualSessionDuration>180</actualSessionDuration></StartApplicationSessionPosResponse>"));
        Assert.Equal(("469421A9364D46D6444524AE41BEAD72-0", 180), (started.SessionId, started.ActualSessionDuration));

        var refused = Assert.IsType<CstaApplicationSessionResponse>(Decode(
            $"<StartApplicationSessionNegResponse xmlns=\"{Appl}\"><errorCode><definedError>invalidApplicationInfo</definedError></errorCode></StartApplicationSessionNegResponse>"));
        Assert.Equal((false, "definedError: invalidApplicationInfo", (int?)null), (refused.IsPositive, refused.ErrorCode, refused.ActualSessionDuration));

        var reset = Assert.IsType<CstaApplicationSessionResponse>(Decode(
            $"<ResetApplicationSessionTimerPosResponse xmlns=\"{Appl}\"><actualSessionDuration>80</actualSessionDuration></ResetApplicationSessionTimerPosResponse>"));
        Assert.Equal((true, 80, (string?)null), (reset.IsPositive, reset.ActualSessionDuration, reset.ErrorCode));

        var stopped = Assert.IsType<CstaApplicationSessionResponse>(Decode($"<StopApplicationSessionPosResponse xmlns=\"{Appl}\"/>"));
        Assert.True(stopped.IsPositive);
        Assert.Equal("ResetApplicationSessionTimerPosResponse/actualSessionDuration", Rejects(
            $"<ResetApplicationSessionTimerPosResponse xmlns=\"{Appl}\"><actualSessionDuration>eighty</actualSessionDuration></ResetApplicationSessionTimerPosResponse>", "bad-xml").Element);
    }

    [Fact]
    public void GetAgentStateResponseListsTheAgents()
    {
        var response = Assert.IsType<CstaGetAgentStateResponse>(Decode(
            $"<GetAgentStateResponse xmlns=\"{Ed4}\"><agentStateList><agentStateEntry><agentID>A5001</agentID><loggedOnState>true</loggedOnState>"
            + "<agentInfo><agentInfoItem><acdGroup><deviceIdentifier>4001</deviceIdentifier></acdGroup><agentState>agentReady</agentState></agentInfoItem></agentInfo>"
            + "</agentStateEntry><agentStateEntry><agentID>A5002</agentID><loggedOnState>false</loggedOnState></agentStateEntry></agentStateList></GetAgentStateResponse>"));
        Assert.Equal([new CstaAgentStateEntry("A5001", true, "agentReady", "4001"), new CstaAgentStateEntry("A5002", false, null, null)], response.Agents);
        Assert.Equal("GetAgentStateResponse/agentStateList/agentStateEntry/loggedOnState", Rejects(
            $"<GetAgentStateResponse xmlns=\"{Ed4}\"><agentStateList><agentStateEntry><loggedOnState>maybe</loggedOnState></agentStateEntry></agentStateList></GetAgentStateResponse>", "bad-xml").Element);
    }

    [Theory]
    [InlineData("AgentLoggedOnEvent", CstaAgentEventType.AgentLoggedOn)]
    [InlineData("AgentLoggedOffEvent", CstaAgentEventType.AgentLoggedOff)]
    [InlineData("AgentReadyEvent", CstaAgentEventType.AgentReady)]
    [InlineData("AgentNotReadyEvent", CstaAgentEventType.AgentNotReady)]
    [InlineData("AgentWorkingAfterCallEvent", CstaAgentEventType.AgentWorkingAfterCall)]
    [InlineData("AgentBusyEvent", CstaAgentEventType.AgentBusy)]
    public void AgentEventsDecodeDeviceAgentAndGroup(string root, CstaAgentEventType type)
    {
        var ev = Assert.IsType<CstaAgentEvent>(Decode(
            $"<{root} xmlns=\"{Ed4}\"><monitorCrossRefID>12</monitorCrossRefID><agentDevice><deviceIdentifier>5001</deviceIdentifier></agentDevice>"
            + "<agentID>A5001</agentID><acdGroup><deviceIdentifier>4001</deviceIdentifier></acdGroup></" + root + ">"));
        Assert.Equal((type, "12", "5001", "A5001", "4001"), (ev.Type, ev.MonitorCrossRefId, ev.AgentDevice, ev.AgentId, ev.AcdGroup));
        Assert.Equal(root, CstaAgentEvent.ElementOf(type));
        Assert.Equal(root + "/agentDevice", Rejects($"<{root} xmlns=\"{Ed4}\"><monitorCrossRefID>12</monitorCrossRefID></{root}>", "missing-element").Element);
    }

    [Fact]
    public void BodiesInAnotherEncodingGoThroughXmlReaderAndDecodeTheSame()
    {
        const string Xml = "<MonitorStartResponse xmlns=\"" + Ed4 + "\"><monitorCrossRefID>\u00e9t\u00e9 7</monitorCrossRefID></MonitorStartResponse>";
        var expected = Decode(Xml);
        byte[][] bodies =
        [
            [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Xml)],
            [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-16\"?>" + Xml)],
            Encoding.Latin1.GetBytes("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" + Xml),
        ];
        foreach (var body in bodies)
        {
            Assert.False(CstaXmlDecoder.IsForScanner(body));
            Assert.Equal(expected, CstaXmlDecoder.Decode(new ReadOnlySequence<byte>(body)));
        }

        // A declaration outside the plain form goes there too, so that it is accepted or refused exactly as before.
        Assert.False(CstaXmlDecoder.IsForScanner("<?xml version=\"1.0\" encoding=\"utf8\"?><a/>"u8));
        Assert.Equal("bad-xml", Rejects("<?xml version=\"1.0\" encoding=\"utf8\"?>" + Xml, "bad-xml").Cause);
        Assert.True(CstaXmlDecoder.IsForScanner(Encoding.UTF8.GetBytes("<?xml version='1.0' encoding='utf-8' standalone='no'?>" + Xml)));
        Assert.True(CstaXmlDecoder.IsForScanner([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Xml)]));
    }

    [Fact]
    public void GetDeviceIdResponseCarriesTheDevice()
    {
        var response = Assert.IsType<CstaGetDeviceIdResponse>(Decode(
            "<GetDeviceIdResponse xmlns=\"http://www.avaya.com/csta\"><device typeOfNumber=\"other\" mediaClass=\"notKnown\">7001:CM1:0.0.0.0:0</device></GetDeviceIdResponse>"));
        Assert.Equal("7001:CM1:0.0.0.0:0", response.Device);
    }
}
