using System.Text;

namespace CtiGateway.Pbx.Tests.Csta.Differential;

/// <summary>
/// Hand-written bodies for the decoder's differential tests: CSTA messages written with every XML construct a switch
/// could legally use (declarations, byte order mark, comments, processing instructions, CDATA, references, line ends,
/// namespace prefixes, xml:space, attributes, non-ASCII text and names) and small documents on each well-formedness
/// rule, valid and not (names, attributes, namespaces, references, comments, declarations, structure).
/// </summary>
internal static class XmlEdgeBodies
{
    private const string Ed4 = "http://www.ecma-international.org/standards/ecma-323/csta/ed4";

    /// <summary>Each body as UTF-8 bytes, plus bodies that are not UTF-8 text.</summary>
    public static List<byte[]> All()
    {
        var bodies = CstaMessages().Concat(WellFormednessRules).Select(Encoding.UTF8.GetBytes).ToList();
        bodies.Add([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?><MonitorStartResponse><monitorCrossRefID>7</monitorCrossRefID></MonitorStartResponse>")]);
        bodies.Add([.. Encoding.UTF8.GetBytes("<MonitorStartResponse><monitorCrossRefID>"), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("</monitorCrossRefID></MonitorStartResponse>")]);
        bodies.Add([.. Encoding.UTF8.GetBytes("<MonitorStartResponse><monitorCrossRefID>"), 0xED, 0xA0, 0x80, .. Encoding.UTF8.GetBytes("</monitorCrossRefID></MonitorStartResponse>")]);
        bodies.Add([.. Encoding.UTF8.GetBytes("<MonitorStartResponse><monitorCrossRefID>"), 0xF0, 0x9F, 0x98, .. Encoding.UTF8.GetBytes("</monitorCrossRefID></MonitorStartResponse>")]);
        bodies.Add([.. Encoding.UTF8.GetBytes("<MonitorStartResponse><monitorCrossRefID>7</monitorCrossRefID></MonitorStartResponse>"), 0xFF]);
        bodies.Add([.. Encoding.UTF8.GetBytes("<MonitorStartResponse><monitorCrossRefID>7"), 0xC3]);
        bodies.Add(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("<MonitorStartResponse><monitorCrossRefID>\u00e97</monitorCrossRefID></MonitorStartResponse>")).ToArray());
        bodies.Add(Encoding.BigEndianUnicode.GetBytes("<MonitorStartResponse><monitorCrossRefID>7</monitorCrossRefID></MonitorStartResponse>"));
        bodies.Add(Encoding.Latin1.GetBytes("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><MonitorStartResponse><monitorCrossRefID>\u00e97</monitorCrossRefID></MonitorStartResponse>"));
        return bodies;
    }

    /// <summary>CSTA messages with unusual but legal XML (and a few that break a dialect rule).</summary>
    private static IEnumerable<string> CstaMessages()
    {
        const string Delivered = "<monitorCrossRefID>77</monitorCrossRefID><connection><callID>C1</callID><deviceID>5001</deviceID></connection>"
            + "<alertingDevice><deviceIdentifier>5001</deviceIdentifier></alertingDevice><callingDevice><deviceIdentifier>5002</deviceIdentifier></callingDevice>"
            + "<calledDevice><deviceIdentifier>5001</deviceIdentifier></calledDevice><localConnectionInfo>alerting</localConnectionInfo><cause>newCall</cause>";
        yield return $"<DeliveredEvent xmlns=\"{Ed4}\">{Delivered}</DeliveredEvent>";
        yield return $"<?xml version=\"1.0\"?>\r\n<!-- switch 1 -->\r\n<DeliveredEvent xmlns=\"{Ed4}\">\r\n  {Delivered.Replace("><", ">\r\n  <", StringComparison.Ordinal)}\r\n</DeliveredEvent>\r\n<?trailer x?>\n";
        yield return $"<?xml version='1.0' encoding='utf-8' standalone='yes' ?><DeliveredEvent xmlns='{Ed4}'>{Delivered}</DeliveredEvent>";
        yield return $"<?xml version = \"1.0\"  encoding = \"UTF-8\"?><?pi?><!----><DeliveredEvent xmlns=\"{Ed4}\">{Delivered}</DeliveredEvent>";
        yield return $"<?xml version=\"1.0\" standalone=\"no\"?><DeliveredEvent xmlns=\"{Ed4}\">{Delivered}</DeliveredEvent>";
        yield return $"<csta:DeliveredEvent xmlns:csta=\"{Ed4}\" xmlns:x=\"urn:x\" x:a=\"1\" a=\"2\">"
            + "<csta:monitorCrossRefID>77</csta:monitorCrossRefID><x:connection><csta:callID>C1</csta:callID><deviceID xmlns=\"urn:y\">5001</deviceID></x:connection>"
            + "</csta:DeliveredEvent>";
        yield return "<DeliveredEvent xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed&#52;\">" + Delivered + "</DeliveredEvent>";
        yield return "<DeliveredEvent xmlns=\"  urn:\ttab\r\nline  \">" + Delivered + "</DeliveredEvent>";
        yield return "<p:DeliveredEvent xmlns:p=\"urn:&#x61;&amp;b\">" + Delivered + "</p:DeliveredEvent>";
        yield return "<DeliveredEvent><monitorCrossRefID> 7<!-- c -->7 </monitorCrossRefID><connection><callID><![CDATA[C<1>]]></callID>"
            + "<deviceID>50<?pi?>01</deviceID></connection><alertingDevice><deviceIdentifier>N&lt;302118840101&gt;;noa=nk</deviceIdentifier></alertingDevice>"
            + "<callingDevice><deviceIdentifier>&#53;&#x30;02</deviceIdentifier></callingDevice>"
            + "<calledDevice><deviceIdentifier>&#xA0;5001&#x2003;</deviceIdentifier></calledDevice>"
            + "<localConnectionInfo>\r\nalerting\r\n</localConnectionInfo><cause>a<x>b</x>c<![CDATA[ d ]]> e</cause></DeliveredEvent>";
        yield return "<DeliveredEvent><monitorCrossRefID>1</monitorCrossRefID><connection><callID xml:space=\"preserve\">a<x/> <y/>b</callID>"
            + "<deviceID xml:space=\"preserve\">  5001  </deviceID></connection><alertingDevice xml:space=\"preserve\"> <deviceIdentifier> 5 </deviceIdentifier> </alertingDevice>"
            + "<cause xml:space=\"default\">x <y/> z</cause><localConnectionInfo>x <y/> z</localConnectionInfo></DeliveredEvent>";
        yield return "<DeliveredEvent><monitorCrossRefID>1</monitorCrossRefID><connection><callID>C&#13;1&#10;</callID><deviceID>\u00e9\u65e5\u672c</deviceID></connection>"
            + "<alertingDevice><deviceIdentifier>&#x1F600;</deviceIdentifier></alertingDevice><calledDevice><deviceIdentifier>\u0085x\u3000</deviceIdentifier></calledDevice>"
            + "<donn\u00e9es a=\"\u00e9\"/><\u65e5\u672c/></DeliveredEvent>";
        yield return "<DeliveredEvent><monitorCrossRefID>1</monitorCrossRefID><monitorCrossRefID>2</monitorCrossRefID><connection><callID>A</callID><callID>B</callID>"
            + "<deviceID>5001</deviceID></connection><connection><callID>C</callID><deviceID>5002</deviceID></connection>"
            + "<callingDevice><deviceIdentifier>1</deviceIdentifier><deviceID>2</deviceID></callingDevice><calledDevice/><cause/></DeliveredEvent>";
        yield return "<DeliveredEvent><monitorCrossRefID>1</monitorCrossRefID><connection><callID>A</callID><deviceID>5001</deviceID></connection>"
            + "<alertingDevice><notKnown/></alertingDevice><callingDevice><deviceIdentifier></deviceIdentifier></callingDevice>"
            + "<calledDevice><deviceIdentifier/></calledDevice><extensions><privateData><private><a><b><c>deep</c></b></a></private></privateData></extensions></DeliveredEvent>";
        yield return "<TransferedEvent><monitorCrossRefID>1</monitorCrossRefID><primaryOldCall><callID>1</callID><deviceID>2</deviceID></primaryOldCall>"
            + "<secondaryOldCall><callID>3</callID><deviceID>2</deviceID></secondaryOldCall><transferringDevice><deviceIdentifier>2</deviceIdentifier></transferringDevice>"
            + "<transferredToDevice><deviceIdentifier>4</deviceIdentifier></transferredToDevice><transferredConnections><connectionListItem/>"
            + "<connectionListItem><newConnection><callID>5</callID><deviceID>4</deviceID></newConnection><endpoint><deviceIdentifier>4</deviceIdentifier></endpoint></connectionListItem>"
            + "<other/></transferredConnections><conferenceConnections/></TransferedEvent>";
        yield return "<ConferencedEvent><monitorCrossRefID>1</monitorCrossRefID><primaryOldCall><callID>1</callID><deviceID>2</deviceID></primaryOldCall>"
            + "<conferenceConnections><connectionListItem><oldConnection><callID>1</callID><deviceID>3</deviceID></oldConnection></connectionListItem></conferenceConnections>"
            + "<addedParty><deviceIdentifier>3</deviceIdentifier></addedParty><lastRedirectionDevice><deviceIdentifier>9</deviceIdentifier></lastRedirectionDevice></ConferencedEvent>";
        yield return "<DivertedEvent><monitorCrossRefID>1</monitorCrossRefID><connection><callID>1</callID><deviceID>2</deviceID></connection>"
            + "<divertingDevice><deviceIdentifier>2</deviceIdentifier></divertingDevice><newDestination><deviceIdentifier>3</deviceIdentifier></newDestination></DivertedEvent>";
        yield return "<NetworkReachedEvent><monitorCrossRefID>1</monitorCrossRefID><outboundConnection><callID>1</callID><deviceID>T1</deviceID></outboundConnection>"
            + "<networkInterfaceUsed><deviceIdentifier>T1</deviceIdentifier></networkInterfaceUsed></NetworkReachedEvent>";
        yield return "<CallInformationEvent><monitorCrossRefID>1</monitorCrossRefID><connection><callID>1</callID><deviceID>2</deviceID></connection><device><deviceIdentifier>2</deviceIdentifier></device></CallInformationEvent>";
        yield return "<QueuedEvent/>";
        yield return "<FailedEvent><monitorCrossRefID>1</monitorCrossRefID></FailedEvent>";
        yield return "<OriginatedEvent><originatedConnection><callID>1</callID><deviceID>2</deviceID></originatedConnection></OriginatedEvent>";
        yield return "<ServiceInitiatedEvent><monitorCrossRefID>1</monitorCrossRefID><initiatedConnection><deviceID>2</deviceID></initiatedConnection></ServiceInitiatedEvent>";
        yield return "<HeldEvent><monitorCrossRefID>1</monitorCrossRefID><heldConnection/></HeldEvent>";
        yield return "<SystemStatus><systemStatus> normal </systemStatus><sysStatRegisterID/></SystemStatus>";
        yield return "<SystemRegisterResponse><sysStatRegisterID>&amp;1</sysStatRegisterID></SystemRegisterResponse>";
        yield return "<MakeCallResponse><callingDevice><callID>1</callID><deviceID>2</deviceID></callingDevice><extra><callingDevice/></extra></MakeCallResponse>";
        yield return "<ConsultationCallResponse><initiatedCall/></ConsultationCallResponse>";
        yield return "<SingleStepConferenceCallResponse><conferencedCall><callID>1</callID><deviceID>2</deviceID></conferencedCall>"
            + "<connections><connectionListItem><newConnection><callID>1</callID><deviceID>3</deviceID></newConnection></connectionListItem></connections></SingleStepConferenceCallResponse>";
        yield return "<ConferenceCallResponse><conferenceCall><callID>1</callID><deviceID>2</deviceID></conferenceCall><connections/></ConferenceCallResponse>";
        yield return "<SnapshotDeviceResponse><crossRefIDorSnapshotData><snapshotData><snapshotDeviceResponseInfo><connectionIdentifier><callID>1</callID><deviceID>2</deviceID></connectionIdentifier>"
            + "<localCallState><compoundCallState><x/> held </compoundCallState>other</localCallState></snapshotDeviceResponseInfo><snapshotDeviceResponseInfo/></snapshotData></crossRefIDorSnapshotData></SnapshotDeviceResponse>";
        yield return "<SnapshotDeviceResponse><crossRefIDorSnapshotData><snapshotData><snapshotDeviceResponseInfo><connectionIdentifier><callID>1</callID><deviceID>2</deviceID></connectionIdentifier>"
            + "<localCallState/></snapshotDeviceResponseInfo></snapshotData><snapshotData/></crossRefIDorSnapshotData><crossRefIDorSnapshotData/></SnapshotDeviceResponse>";
        yield return "<GetAgentStateResponse><agentStateList><agentStateEntry><agentID>A1</agentID><loggedOnState>1</loggedOnState><agentInfo><agentInfoItem>"
            + "<agentState>ready</agentState><agentState>busy</agentState><acdGroup>4001</acdGroup></agentInfoItem><agentInfoItem><acdGroup><deviceIdentifier>4002</deviceIdentifier></acdGroup></agentInfoItem></agentInfo>"
            + "</agentStateEntry><agentStateEntry><loggedOnState>0</loggedOnState><agentInfo/></agentStateEntry></agentStateList><agentStateList/></GetAgentStateResponse>";
        yield return "<GetAgentStateResponse><agentStateList><agentStateEntry><agentID>A1</agentID></agentStateEntry></agentStateList></GetAgentStateResponse>";
        yield return "<GetAgentStateResponse><agentStateList><agentStateEntry><loggedOnState>yes</loggedOnState></agentStateEntry></agentStateList></GetAgentStateResponse>";
        yield return "<AgentReadyEvent><monitorCrossRefID>1</monitorCrossRefID><agentDevice>5001</agentDevice><acdGroup><deviceIdentifier> </deviceIdentifier></acdGroup></AgentReadyEvent>";
        yield return "<AgentBusyEvent><monitorCrossRefID>1</monitorCrossRefID><agentDevice><deviceIdentifier/></agentDevice></AgentBusyEvent>";
        yield return "<OutOfServiceEvent><monitorCrossRefID>1</monitorCrossRefID><device><deviceIdentifier> 5001 </deviceIdentifier></device><cause/></OutOfServiceEvent>";
        yield return "<BackInServiceEvent><device>5001</device><monitorCrossRefID>1<x/>2</monitorCrossRefID><device><deviceIdentifier>5002</deviceIdentifier></device></BackInServiceEvent>";
        yield return "<OutOfServiceEvent><monitorCrossRefID>1</monitorCrossRefID><device><notKnown/></device></OutOfServiceEvent>";
        yield return "<MonitorEndedEvent><monitorCrossRefID><![CDATA[ 7 ]]></monitorCrossRefID><cause> normal </cause><cause>busy</cause></MonitorEndedEvent>";
        yield return "<MonitorEndedEvent><cause>normal</cause></MonitorEndedEvent>";
        yield return "<StartApplicationSessionPosResponse><sessionID>S</sessionID><actualSessionDuration>0180</actualSessionDuration></StartApplicationSessionPosResponse>";
        yield return "<StartApplicationSessionPosResponse><sessionID>S</sessionID><actualSessionDuration>-1</actualSessionDuration></StartApplicationSessionPosResponse>";
        yield return "<StartApplicationSessionPosResponse><sessionID>S</sessionID><actualSessionDuration>99999999999</actualSessionDuration></StartApplicationSessionPosResponse>";
        yield return "<StopApplicationSessionNegResponse><errorCode><x><definedError>invalidSessionID</definedError></x><y>z</y></errorCode></StopApplicationSessionNegResponse>";
        yield return "<StopApplicationSessionNegResponse><errorCode>  <definedError/> plain </errorCode></StopApplicationSessionNegResponse>";
        yield return "<ResetApplicationSessionTimerPosResponse><actualSessionDuration> 80 </actualSessionDuration></ResetApplicationSessionTimerPosResponse>";
        yield return "<CSTAErrorCode><operation>invalidCallID</operation><security>x</security></CSTAErrorCode>";
        yield return "<CSTAErrorCode><p:operation xmlns:p=\"u\"/></CSTAErrorCode>";
        yield return "<CSTAErrorCode/>";
        yield return "<GetDeviceIdResponse xmlns=\"http://www.avaya.com/csta\"><device>7001:CM1:0.0.0.0:0</device></GetDeviceIdResponse>";
        yield return "<AnswerCallResponse xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed3\"><extensions/></AnswerCallResponse>";
        yield return "<SetForwardingResponse xmlns=\"urn:other\"/>";
        yield return "<\u00c9v\u00e9nement/>";
        yield return "<Custom>" + string.Concat(Enumerable.Repeat("<a>", 32)) + string.Concat(Enumerable.Repeat("</a>", 32)) + "</Custom>";
        yield return "<Custom>" + string.Concat(Enumerable.Repeat("<a>", 32)) + " \r\n " + string.Concat(Enumerable.Repeat("</a>", 32)) + "</Custom>";
        yield return "<Custom>" + string.Concat(Enumerable.Repeat("<a>", 32)) + "x" + string.Concat(Enumerable.Repeat("</a>", 32)) + "</Custom>";
        yield return "<Custom>" + string.Concat(Enumerable.Repeat("<a>", 31)) + "<a xml:space=\"preserve\"> </a>" + string.Concat(Enumerable.Repeat("</a>", 31)) + "</Custom>";
        yield return "<Custom>" + string.Concat(Enumerable.Repeat("<a>", 32)) + "<![CDATA[]]>" + string.Concat(Enumerable.Repeat("</a>", 32)) + "</Custom>";
        yield return "<Custom>" + string.Concat(Enumerable.Repeat("<a>", 32)) + "<b/>" + string.Concat(Enumerable.Repeat("</a>", 32)) + "</Custom>";
        yield return "<Custom " + string.Join(" ", Enumerable.Range(0, 40).Select(i => $"a{i}=\"{i}\"")) + "/>";
        yield return "<Custom " + string.Join(" ", Enumerable.Range(0, 40).Select(i => $"a{i}=\"{i}\"")) + " a7=\"x\"/>";
        yield return "<Custom xmlns:p=\"u\" xmlns:q=\"u\" " + string.Join(" ", Enumerable.Range(0, 20).Select(i => $"p:a{i}=\"{i}\"")) + " q:a19=\"x\"/>";
        yield return "<Custom xmlns:p=\"u\" xmlns:q=\"v\" " + string.Join(" ", Enumerable.Range(0, 20).Select(i => $"p:a{i}=\"{i}\" q:a{i}=\"{i}\"")) + "/>";
        yield return "<DeliveredEvent><!DOCTYPE x></DeliveredEvent>";
        yield return "<!-- <!DOCTYPE x> --><SystemStatus><systemStatus>normal</systemStatus></SystemStatus>";
        yield return "<SystemStatus><systemStatus>&#x0;</systemStatus><!DOCTYPE x></SystemStatus>";
    }

    /// <summary>Small documents on each well-formedness rule, most from XmlReader's own behaviour, valid and not.</summary>
    private static readonly string[] WellFormednessRules =
    [
        "<a>&#32;<b/>&#32;</a>",
        "<a>x&#32;<b/>&#32;y</a>",
        "<a> <![CDATA[x]]> </a>",
        "<?xml version=\"1.1\"?><a/>",
        "<?xml version=\"1.0 \"?><a/>",
        "<?xml version='1.0' encoding='utf8'?><a/>",
        "<?xml version='1.0' encoding='UTF8'?><a/>",
        "<?xml version='1.0' standalone='yes'?><a/>",
        "<?xml version='1.0' standalone='maybe'?><a/>",
        "<?xml version='1.0'  encoding='UTF-8'   ?><a/>",
        "<?xml version='1.0'encoding='UTF-8'?><a/>",
        "<?xml encoding='UTF-8'?><a/>",
        "<?xml version='1.0' standalone='yes' encoding='UTF-8'?><a/>",
        " <?xml version='1.0'?><a/>",
        "<?xml-stylesheet x?><a/>",
        "<a><?XmL x?></a>",
        "<a><?a:b x?></a>",
        "<a><?a?></a>",
        "<a><?a  ?></a>",
        "<a><?a?x?></a>",
        "<a xml:space=\"bad\"/>",
        "<a xml:space=\" preserve \"> <b/> </a>",
        "<a xml:space=\"preserve\"> <b/> </a>",
        "<a xml:lang=\"!!\"/>",
        "<a>]]></a>",
        "<a>]]&gt;</a>",
        "<a><!-- a -- b --></a>",
        "<a><!-- a ---></a>",
        "<a><!----></a>",
        "<a>&#xD800;</a>",
        "<a>&#xFFFE;</a>",
        "<a>&#x10FFFF;</a>",
        "<a>&#x110000;</a>",
        "<a>&#X20;</a>",
        "<a>&#0032;</a>",
        "<a>&#x0000000000041;</a>",
        "<a>&#;</a>",
        "<a>&#x;</a>",
        "<a b=\"<\"/>",
        "<a b=\">\"/>",
        "<a b=\"1\"c=\"2\"/>",
        "<a b = \"1\" />",
        "<a></a >",
        "<a></ a>",
        "< a/>",
        "<a/ >",
        "<a/>x",
        "<a/>&#32;",
        "<a/>&#x20;",
        "<a/><!-- x --> <?p?> ",
        "\u0020\u0020",
        "<a:b xmlns:a=\"u\"/>",
        "<a:b/>",
        "<b xmlns:a=\"\"/>",
        "<b xmlns=\"\"/>",
        "<xmlns:b/>",
        "<b xmlns:xml=\"http://www.w3.org/XML/1998/namespace\"/>",
        "<b xmlns:xml=\"x\"/>",
        "<b xmlns:x=\"http://www.w3.org/XML/1998/namespace\"/>",
        "<b xmlns:xmlns=\"x\"/>",
        "<b xmlns=\"http://www.w3.org/2000/xmlns/\"/>",
        "<b xmlns:x=\"http://www.w3.org/2000/xmlns/\"/>",
        "<b xmlns=\"http://www.w3.org/XML/1998/namespace\"/>",
        "<b xmlns:a=\"u\" xmlns:c=\"u\" a:x=\"1\" c:x=\"2\"/>",
        "<b x=\"1\" x=\"2\"/>",
        "<b a:x=\"1\"/>",
        "<b xml:x=\"1\"/>",
        "<b xmlns:a=\"u\" a:xmlns=\"1\"/>",
        "<a:b:c xmlns:a=\"u\"/>",
        "<:a/>",
        "<a:/>",
        "<a.b-c_d/>",
        "<-a/>",
        "<.a/>",
        "<1a/>",
        "<é/>",
        "<aé/>",
        "<a·/>",
        "<·a/>",
        "<a\u0300/>",
        "<a>\r\nx\ry</a>",
        "<a b=\"\r\nx\ty\nz\"/>",
        "<a b=\"&#9;&#10;&#13;\"/>",
        "<a>&amp;&lt;&gt;&quot;&apos;</a>",
        "<a>&AMP;</a>",
        "<a>& amp;</a>",
        "<a>&amp</a>",
        "<a>\u0085\u2028</a>",
        "<a>\u000B</a>",
        "<a>\uFFFD</a>",
        "<a>\uFFFE</a>",
        "<a b='x\"'/>",
        "<a b=\"x'\"/>",
        "<a b=x/>",
        "<!DOCTYPE a><a/>",
        "<a><!DOCTYPE a></a>",
        "<a><![CDATA[ ]]></a>",
        "<a><![cdata[x]]></a>",
        "<a><![CDATA[x]]]></a>",
        "<a><!-- x --></a><!-- y -->",
        "<!-- y --><a/>",
        "<a>x</a>\u0000",
        "<?xml version=\"1.0x\"?><a/>",
        "<?xml version=\" 1.0\"?><a/>",
        "<?xml version=\"1.00\"?><a/>",
        "<?xml version=\"1.5\"?><a/>",
        "<?xml version=\"1.0\t\"?><a/>",
        "<?xml version=\"1.\"?><a/>",
        "<?xml version = \"1.0\" ?><a/>",
        "<?xml version=\"1.0\"encoding=\"UTF-8\"?><a/>",
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?><a/>",
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\" ?><a/>",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"standalone=\"no\"?><a/>",
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><a/>",
        "<?xml version=\"1.0\" encoding=\"Utf-8\"?><a/>",
        "<?xml version=\"1.0\" encoding=\" UTF-8\"?><a/>",
        "<?xml version=\"1.0\" encoding=\"UTF-8 \"?><a/>",
        "<?xml version=\"1.0\" encoding=\"\"?><a/>",
        "<?xml version=\"1.0\" encoding=\"us-ascii\"?><a>é</a>",
        "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><a>é</a>",
        "<?xml version=\"1.0\" encoding=\"UTF-16\"?><a/>",
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"No\"?><a/>",
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\" no\"?><a/>",
        "<?xml version=\"1.0\" foo=\"x\"?><a/>",
        "<?xml version=\"1.0\"?><?xml version=\"1.0\"?><a/>",
        "<?xml version=\"1.0\"?>",
        "<?xml version=\"1.0\"?><a/>",
        "<?xml version=\"1.0\"?><a/><?xml version=\"1.0\"?>",
        "<?xml version=\"1.0\"?><a><?xml version=\"1.0\"?></a>",
        "<?xml?><a/>",
        "<?xml ?><a/>",
        "<?xml	version=\"1.0\"?><a/>",
        "<?xml\nversion=\"1.0\"?><a/>",
        "<?xmlversion=\"1.0\"?><a/>",
        "<?xml version=\"1.0\"?\u0020><a/>",
        "<?xml version='1.0\"?><a/>",
        "<a>&#xA0;<b/>&#xA0;</a>",
        "<a>&#x9;<b/>\t</a>",
        "<a> <!-- c --> x</a>",
        "<a> <?p?> x</a>",
        "<a>x<!-- c --> </a>",
        "<a>&#32;x</a>",
        "<a xml:space=\"preserve\">&#32;<b/></a>",
        "<a xml:space=\"preserve\"><b xml:space=\"default\"> <c/> </b></a>",
        "<a xml:space=\"preserve\"></a>",
        "<a xml:space=\"\"/>",
        "<a xml:space=\"Preserve\"/>",
        "<a xml:space=\"\tpreserve\n\"/>",
        "<a xml:space=\"&#32;preserve\"/>",
        "<a xmlns:p=\"u\"><p:b xml:space=\"bad\"/></a>",
        "<a xmlns:p=\"http://www.w3.org/XML/1998/namespace\" />",
        "<a xmlns:xml=\"http://www.w3.org/XML/1998/namespace\" xml:space=\"preserve\"> </a>",
        "<a xmlns:xmlns=\"http://www.w3.org/2000/xmlns/\"/>",
        "<a xmlns=\" \"/>",
        "<a xmlns:p=\" \"/>",
        "<a xmlns:p=\"&#32;\"/>",
        "<a xmlns=\"&#x75;\"><b/></a>",
        "<a xmlns=\"u\"><b xmlns=\"\"/></a>",
        "<a xmlns:p=\"u\"><b xmlns:p=\"\"/></a>",
        "<p:a xmlns:p=\"u\"></a>",
        "<p:a xmlns:p=\"u\"></p:a >",
        "<a xml:lang=\"x\" xml:lang=\"y\"/>",
        "<a xmlns=\"u\" xmlns=\"v\"/>",
        "<a b=\"\u00e9\"/>",
        "<a>\uD7FF\uE000</a>",
        "<a>\u0080</a>",
        "<a\u00B7b/>",
        "<a\u0387/>",
        "<a\u00AA/>",
        "<\u00AA/>",
        "<\u0E01\u0E4E/>",
        "<\u3007/>",
        "<\u3021/>",
        "<\u2070/>",
        "<a\u2070/>",
        "<\u10000/>",
        "<a\u0650/>",
        "<\u00C0\u00D7/>",
        "<\u0132/>",
        "<\u0149/>",
        "<\u01F0/>",
        "<\u02B0/>",
        "<a\u02B0/>",
        "<\u0386/>",
        "<\u03F4/>",
        "<\u1E00/>",
        "<\uF900/>",
        "<\uFFFD/>",
        "<a\u06DD/>",
        "<\u00BA/>",
        "<\u00B5/>",
        "<\u2160/>",
        "<\u0E2F/>",
        "<a><![CDATA[x\r\ny\rz]]></a>",
        "<a xmlns=\"u\tv\"/>",
        "<a xmlns=\"u\r\nv\"/>",
        "<a>&#13;</a>",
        "<a>x&#13;<b/>&#xD;&#xA;</a>",
        "<a>\r</a>",
        "<a></a b=\"1\">",
        "<a></a><!DOCTYPE x>",
        "<a/>\u00A0",
        "\uFEFF<a/>",
        "<a>\uFEFF</a>",
        "<a><![CDATA[]]></a>",
        "<a><![CDATA[x]]><![CDATA[y]]></a>",
        "<a>x<![CDATA[y]]>z</a>",
        "<![CDATA[x]]><a/>",
        "<a><b></a></b>",
        "<a b=\"1\" / >",
        "<a b=\"&amp;&lt;\"/>",
        "<a b=\"&#60;\"/>",
        "<a b=\"&x;\"/>",
        "<a b=\"&#0;\"/>",
        "<a b='&apos;'/>",
        "<a>&#x9;</a>",
        "<a>&#9;x</a>",
        "<a>&#1114111;</a>",
        "<a>&#99999999999999999999;</a>",
        "<a>&#x-1;</a>",
        "<a>&#x 1;</a>",
        "<a>&#1 ;</a>",
        "<a>&lt</a>",
        "<a>&l;</a>",
        "<a>&;</a>",
        "<a>&</a>",
        "<a>&#38;#60;</a>",
        "<p:a xmlns:p=\"u\" p:b=\"1\" b=\"2\"/>",
        "<p:a xmlns:p=\"u\" xmlns:q=\"u\" p:b=\"1\" q:c=\"2\"/>",
        "<a xmlns:p=\"u\" xmlns:q=\"&#117;\" p:x=\"1\" q:x=\"2\"/>",
        "<a xmlns:p=\"u\" xmlns:q=\"u\t\" p:x=\"1\" q:x=\"2\"/>",
        "<a p:x=\"1\" xmlns:p=\"u\"/>",
        "<a xml:space=\"preserve\"><b>  </b></a>",
        "<a xml:space='preserve'>x<!--c--> <b/></a>",
    ];
}
