using System.Globalization;
using System.Text;

namespace CtiGateway.Pbx.Csta;

/// <summary>
/// The CSTA dialect over <see cref="CstaXmlScanner"/>: the same reading, element by element, as the XmlReader path
/// (<see cref="CstaXmlReaderDecoder"/>), so that both give equal records for every body (the differential tests hold
/// them to it). Element names are matched as UTF-8 bytes; the only strings made are the values a record keeps.
/// </summary>
internal ref struct CstaXmlUtf8Parser
{
    private readonly CstaXmlScratch _scratch;
    private readonly bool _ascii;
    private CstaXmlScanner _reader;

    /// <param name="xml">The body, checked with <see cref="CstaXmlScanner.FindInvalidCharacter"/>.</param>
    /// <param name="start">Where the content starts, after a byte order mark and XML declaration.</param>
    /// <param name="ascii">Whether the body is all ASCII, so that its raw text becomes a string without UTF-8 decoding.</param>
    /// <param name="scratch">Working memory, rented for this body.</param>
    public CstaXmlUtf8Parser(ReadOnlySpan<byte> xml, int start, bool ascii, CstaXmlScratch scratch)
    {
        _scratch = scratch;
        _ascii = ascii;
        _reader = new CstaXmlScanner(xml, start, scratch);
    }

    public CstaMessage ParseDocument()
    {
        if (!_reader.Read() || _reader.Kind != CstaXmlNodeKind.Element)
        {
            throw new CstaDialectException("bad-xml", "CSTA-XML body has no root element.");
        }

        var known = CstaRootElements.Find(_reader.LocalName);
        var root = known?.Name ?? Encoding.UTF8.GetString(_reader.LocalName);
        var ns = CstaRootElements.Namespace(_reader.ElementNamespace());
        CstaMessage message = known is null ? new CstaUnknownMessage(root, ns) : known.Kind switch
        {
            CstaRootKind.CallEvent => ParseEvent(root, ns, known),
            CstaRootKind.SystemStatus => ParseSystemStatus(root, ns),
            CstaRootKind.MonitorStartResponse => new CstaMonitorStartResponse(root, ns, ParseSingleText(root, known)),
            CstaRootKind.SystemRegisterResponse => new CstaSystemRegisterResponse(root, ns, ParseSingleText(root, known)),
            CstaRootKind.MakeCallResponse => new CstaMakeCallResponse(root, ns, ParseSingleConnection(root, known)),
            CstaRootKind.StartApplicationSessionPosResponse => ParseStartApplicationSessionPosResponse(root, ns),
            CstaRootKind.ApplicationSessionResponse => ParseApplicationSessionResponse(root, ns),
            CstaRootKind.ConsultationCallResponse => new CstaConsultationCallResponse(root, ns, ParseSingleConnection(root, known)),
            CstaRootKind.TransferCallResponse => ParseTransferResponse(root, ns, known),
            CstaRootKind.ConferenceCallResponse => ParseConferenceResponse(root, ns, known),
            CstaRootKind.SingleStepConferenceCallResponse => ParseSingleStepConferenceResponse(root, ns, known),
            CstaRootKind.SnapshotDeviceResponse => ParseSnapshotDeviceResponse(root, ns),
            CstaRootKind.GetAgentStateResponse => ParseGetAgentStateResponse(root, ns),
            CstaRootKind.GetDeviceIdResponse => new CstaGetDeviceIdResponse(root, ns, ParseSingleText(root, known)),
            CstaRootKind.AgentEvent => ParseAgentEvent(root, ns, known.AgentEventType),
            CstaRootKind.MaintenanceEvent => ParseMaintenanceEvent(root, ns, known.MaintenanceEventType),
            CstaRootKind.MonitorEnded => ParseMonitorEnded(root, ns),
            CstaRootKind.ErrorCode => ParseError(root, ns),
            _ => new CstaAcknowledgement(root, ns),
        };

        // Read the rest so trailing garbage and unbalanced tags are still caught.
        while (_reader.Read())
        {
        }

        return message;
    }

    private CstaCallEvent ParseEvent(string root, string ns, CstaRootElement known)
    {
        string? crossRef = null;
        CstaConnectionId? connection = null;
        CstaConnectionId? secondary = null;
        string? subject = null, calling = null, called = null, lastRedirection = null, other = null, local = null, cause = null;
        IReadOnlyList<CstaConnectionListItem> list = [];
        if (!_reader.IsEmptyElement)
        {
            while (NextChild(0))
            {
                var name = _reader.LocalName;
                if (name.SequenceEqual(known.ChildUtf8))
                {
                    connection = ReadConnection(root, null, known.Child);
                }
                else if (name.SequenceEqual(known.SubjectUtf8))
                {
                    subject = ReadDevice();
                }
                else if (known.OtherUtf8 is { } otherName && name.SequenceEqual(otherName))
                {
                    other = ReadDevice();
                }
                else if (name.SequenceEqual("monitorCrossRefID"u8))
                {
                    crossRef = ReadText();
                }
                else if (name.SequenceEqual("secondaryOldCall"u8))
                {
                    secondary = ReadConnection(root, null, "secondaryOldCall");
                }
                else if (name.SequenceEqual("callingDevice"u8))
                {
                    calling = ReadDevice();
                }
                else if (name.SequenceEqual("calledDevice"u8))
                {
                    called = ReadDevice();
                }
                else if (name.SequenceEqual("lastRedirectionDevice"u8))
                {
                    lastRedirection = ReadDevice();
                }
                else if (name.SequenceEqual("localConnectionInfo"u8))
                {
                    local = ReadText();
                }
                else if (name.SequenceEqual("cause"u8))
                {
                    cause = ReadText();
                }
                else if (name.SequenceEqual("transferredConnections"u8))
                {
                    list = ReadConnectionList(root, "transferredConnections/connectionListItem");
                }
                else if (name.SequenceEqual("conferenceConnections"u8))
                {
                    list = ReadConnectionList(root, "conferenceConnections/connectionListItem");
                }
            }
        }

        if (crossRef is null)
        {
            throw Missing(root + "/monitorCrossRefID");
        }

        if (connection is null)
        {
            throw Missing(root + "/" + known.Child);
        }

        return new CstaCallEvent(root, ns)
        {
            Type = known.EventType,
            MonitorCrossRefId = crossRef,
            Connection = connection.Value,
            SecondaryOldCall = secondary,
            SubjectDevice = subject,
            CallingDevice = calling,
            CalledDevice = called,
            LastRedirectionDevice = lastRedirection,
            OtherDevice = other,
            LocalConnectionInfo = local,
            Cause = cause,
            Connections = list,
        };
    }

    private CstaSystemStatus ParseSystemStatus(string root, string ns)
    {
        string? status = null, registerId = null;
        if (!_reader.IsEmptyElement)
        {
            while (NextChild(0))
            {
                if (_reader.LocalName.SequenceEqual("systemStatus"u8))
                {
                    status = ReadText();
                }
                else if (_reader.LocalName.SequenceEqual("sysStatRegisterID"u8))
                {
                    registerId = ReadText();
                }
            }
        }

        return new CstaSystemStatus(root, ns)
        {
            Status = status ?? throw Missing(root + "/systemStatus"),
            SysStatRegisterId = registerId,
        };
    }

    private CstaStartApplicationSessionPosResponse ParseStartApplicationSessionPosResponse(string root, string ns)
    {
        string? sessionId = null, protocol = null;
        int? duration = null;
        if (!_reader.IsEmptyElement)
        {
            while (NextChild(0))
            {
                if (_reader.LocalName.SequenceEqual("sessionID"u8))
                {
                    sessionId = ReadText();
                }
                else if (_reader.LocalName.SequenceEqual("actualProtocolVersion"u8))
                {
                    protocol = ReadText();
                }
                else if (_reader.LocalName.SequenceEqual("actualSessionDuration"u8))
                {
                    duration = ReadSeconds(root, "actualSessionDuration");
                }
            }
        }

        return new CstaStartApplicationSessionPosResponse(root, ns)
        {
            SessionId = sessionId ?? throw Missing(root + "/sessionID"),
            ActualProtocolVersion = protocol,
            ActualSessionDuration = duration,
        };
    }

    private CstaApplicationSessionResponse ParseApplicationSessionResponse(string root, string ns)
    {
        int? duration = null;
        string? error = null;
        if (!_reader.IsEmptyElement)
        {
            while (NextChild(0))
            {
                if (_reader.LocalName.SequenceEqual("actualSessionDuration"u8))
                {
                    duration = ReadSeconds(root, "actualSessionDuration");
                }
                else if (_reader.LocalName.SequenceEqual("errorCode"u8))
                {
                    error = ReadFirstLeaf(valueOnly: false);
                }
            }
        }

        return new CstaApplicationSessionResponse(root, ns) { ActualSessionDuration = duration, ErrorCode = error };
    }

    private CstaConnectionId ParseSingleConnection(string root, CstaRootElement known)
    {
        CstaConnectionId? connection = null;
        if (!_reader.IsEmptyElement)
        {
            while (NextChild(0))
            {
                if (_reader.LocalName.SequenceEqual(known.ChildUtf8))
                {
                    connection = ReadConnection(root, null, known.Child);
                }
            }
        }

        return connection ?? throw Missing(root + "/" + known.Child);
    }

    private CstaTransferCallResponse ParseTransferResponse(string root, string ns, CstaRootElement known)
    {
        var connection = ParseConnectionAndList(root, known, out var list);
        return new CstaTransferCallResponse(root, ns, connection) { Connections = list };
    }

    private CstaConferenceCallResponse ParseConferenceResponse(string root, string ns, CstaRootElement known)
    {
        var connection = ParseConnectionAndList(root, known, out var list);
        return new CstaConferenceCallResponse(root, ns, connection) { Connections = list };
    }

    private CstaSingleStepConferenceCallResponse ParseSingleStepConferenceResponse(string root, string ns, CstaRootElement known)
    {
        var connection = ParseConnectionAndList(root, known, out var list);
        return new CstaSingleStepConferenceCallResponse(root, ns, connection) { Connections = list };
    }

    private CstaConnectionId ParseConnectionAndList(string root, CstaRootElement known, out IReadOnlyList<CstaConnectionListItem> list)
    {
        CstaConnectionId? connection = null;
        list = [];
        if (!_reader.IsEmptyElement)
        {
            while (NextChild(0))
            {
                if (_reader.LocalName.SequenceEqual(known.ChildUtf8))
                {
                    connection = ReadConnection(root, null, known.Child);
                }
                else if (_reader.LocalName.SequenceEqual("connections"u8))
                {
                    list = ReadConnectionList(root, "connections/connectionListItem");
                }
            }
        }

        return connection ?? throw Missing(root + "/" + known.Child);
    }

    private CstaSnapshotDeviceResponse ParseSnapshotDeviceResponse(string root, string ns)
    {
        var items = new List<CstaSnapshotItem>();
        if (!_reader.IsEmptyElement)
        {
            while (NextChild(0))
            {
                if (!_reader.LocalName.SequenceEqual("crossRefIDorSnapshotData"u8) || _reader.IsEmptyElement)
                {
                    continue;
                }

                while (NextChild(1))
                {
                    if (!_reader.LocalName.SequenceEqual("snapshotData"u8) || _reader.IsEmptyElement)
                    {
                        continue;
                    }

                    while (NextChild(2))
                    {
                        if (_reader.LocalName.SequenceEqual("snapshotDeviceResponseInfo"u8))
                        {
                            items.Add(ReadSnapshotInfo(root));
                        }
                    }
                }
            }
        }

        return new CstaSnapshotDeviceResponse(root, ns, items);
    }

    private CstaSnapshotItem ReadSnapshotInfo(string root)
    {
        const string Path = "crossRefIDorSnapshotData/snapshotData/snapshotDeviceResponseInfo";
        var depth = _reader.Depth;
        CstaConnectionId? connection = null;
        string? state = null;
        if (!_reader.IsEmptyElement)
        {
            while (NextChild(depth))
            {
                if (_reader.LocalName.SequenceEqual("connectionIdentifier"u8))
                {
                    connection = ReadConnection(root, Path, "connectionIdentifier");
                }
                else if (_reader.LocalName.SequenceEqual("localCallState"u8))
                {
                    state = ReadFirstLeaf(valueOnly: true);
                }
            }
        }

        return new CstaSnapshotItem(connection ?? throw Missing(root + "/" + Path + "/connectionIdentifier"), state);
    }

    private CstaGetAgentStateResponse ParseGetAgentStateResponse(string root, string ns)
    {
        var agents = new List<CstaAgentStateEntry>();
        if (!_reader.IsEmptyElement)
        {
            while (NextChild(0))
            {
                if (!_reader.LocalName.SequenceEqual("agentStateList"u8) || _reader.IsEmptyElement)
                {
                    continue;
                }

                while (NextChild(1))
                {
                    if (_reader.LocalName.SequenceEqual("agentStateEntry"u8))
                    {
                        agents.Add(ReadAgentStateEntry(root));
                    }
                }
            }
        }

        return new CstaGetAgentStateResponse(root, ns, agents);
    }

    private CstaAgentStateEntry ReadAgentStateEntry(string root)
    {
        var depth = _reader.Depth;
        string? agentId = null, loggedOn = null, state = null, group = null;
        if (!_reader.IsEmptyElement)
        {
            while (NextChild(depth))
            {
                if (_reader.LocalName.SequenceEqual("agentID"u8))
                {
                    agentId = ReadText();
                }
                else if (_reader.LocalName.SequenceEqual("loggedOnState"u8))
                {
                    loggedOn = ReadText();
                }
                else if (_reader.LocalName.SequenceEqual("agentInfo"u8) && !_reader.IsEmptyElement)
                {
                    var infoDepth = _reader.Depth;
                    while (NextChild(infoDepth))
                    {
                        if (!_reader.LocalName.SequenceEqual("agentInfoItem"u8) || _reader.IsEmptyElement)
                        {
                            continue;
                        }

                        var itemDepth = _reader.Depth;
                        while (NextChild(itemDepth))
                        {
                            if (_reader.LocalName.SequenceEqual("agentState"u8))
                            {
                                state ??= ReadText();
                            }
                            else if (_reader.LocalName.SequenceEqual("acdGroup"u8))
                            {
                                group ??= ReadDeviceOrText();
                            }
                        }
                    }
                }
            }
        }

        return loggedOn switch
        {
            "true" or "1" => new CstaAgentStateEntry(agentId, true, state, group),
            "false" or "0" => new CstaAgentStateEntry(agentId, false, state, group),
            null => throw Missing(root + "/agentStateList/agentStateEntry/loggedOnState"),
            _ => throw new CstaDialectException("bad-xml", $"loggedOnState '{loggedOn}' is not a boolean.", root + "/agentStateList/agentStateEntry/loggedOnState"),
        };
    }

    private CstaAgentEvent ParseAgentEvent(string root, string ns, CstaAgentEventType type)
    {
        string? crossRef = null, device = null, agentId = null, group = null;
        if (!_reader.IsEmptyElement)
        {
            while (NextChild(0))
            {
                var name = _reader.LocalName;
                if (name.SequenceEqual("monitorCrossRefID"u8))
                {
                    crossRef = ReadText();
                }
                else if (name.SequenceEqual("agentDevice"u8))
                {
                    device = ReadDeviceOrText();
                }
                else if (name.SequenceEqual("agentID"u8))
                {
                    agentId = ReadText();
                }
                else if (name.SequenceEqual("acdGroup"u8))
                {
                    group = ReadDeviceOrText();
                }
            }
        }

        return new CstaAgentEvent(root, ns)
        {
            Type = type,
            MonitorCrossRefId = crossRef ?? throw Missing(root + "/monitorCrossRefID"),
            AgentDevice = device ?? throw Missing(root + "/agentDevice"),
            AgentId = agentId,
            AcdGroup = group,
        };
    }

    private CstaMaintenanceEvent ParseMaintenanceEvent(string root, string ns, CstaMaintenanceEventType type)
    {
        string? crossRef = null, device = null, cause = null;
        if (!_reader.IsEmptyElement)
        {
            while (NextChild(0))
            {
                var name = _reader.LocalName;
                if (name.SequenceEqual("monitorCrossRefID"u8))
                {
                    crossRef = ReadText();
                }
                else if (name.SequenceEqual("device"u8))
                {
                    device = ReadDeviceOrText();
                }
                else if (name.SequenceEqual("cause"u8))
                {
                    cause = ReadText();
                }
            }
        }

        return new CstaMaintenanceEvent(root, ns)
        {
            Type = type,
            MonitorCrossRefId = crossRef ?? throw Missing(root + "/monitorCrossRefID"),
            Device = device ?? throw Missing(root + "/device"),
            Cause = string.IsNullOrEmpty(cause) ? null : cause,
        };
    }

    private CstaMonitorEndedEvent ParseMonitorEnded(string root, string ns)
    {
        string? crossRef = null, cause = null;
        if (!_reader.IsEmptyElement)
        {
            while (NextChild(0))
            {
                if (_reader.LocalName.SequenceEqual("monitorCrossRefID"u8))
                {
                    crossRef = ReadText();
                }
                else if (_reader.LocalName.SequenceEqual("cause"u8))
                {
                    cause = ReadText();
                }
            }
        }

        return new CstaMonitorEndedEvent(root, ns)
        {
            MonitorCrossRefId = crossRef ?? throw Missing(root + "/monitorCrossRefID"),
            Cause = string.IsNullOrEmpty(cause) ? null : cause,
        };
    }

    private CstaErrorResponse ParseError(string root, string ns)
    {
        string? category = null, value = null;
        if (!_reader.IsEmptyElement)
        {
            while (NextChild(0))
            {
                if (category is null)
                {
                    category = Encoding.UTF8.GetString(_reader.LocalName);
                    value = ReadText();
                }
            }
        }

        return new CstaErrorResponse(root, ns, category ?? throw Missing(root + "/*"), value ?? "");
    }

    private string ParseSingleText(string root, CstaRootElement known)
    {
        string? value = null;
        if (!_reader.IsEmptyElement)
        {
            while (NextChild(0))
            {
                if (_reader.LocalName.SequenceEqual(known.ChildUtf8))
                {
                    value = ReadText();
                }
            }
        }

        return value ?? throw Missing(root + "/" + known.Child);
    }

    private int ReadSeconds(string root, string name)
    {
        var text = ReadText();
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? seconds
            : throw new CstaDialectException("bad-xml", $"{root}/{name} '{text}' is not a number of seconds.", root + "/" + name);
    }

    /// <summary>On an element that holds either text or a deviceIdentifier child: that text.</summary>
    private string? ReadDeviceOrText()
    {
        var leaf = ReadFirstLeaf(valueOnly: true);
        return string.IsNullOrEmpty(leaf) ? null : leaf;
    }

    /// <summary>
    /// On an element: the first text found in it or below it, as <c>element: text</c> of the innermost element
    /// (or the text alone with <paramref name="valueOnly"/>); leaves the reader on the element's end tag.
    /// </summary>
    private string ReadFirstLeaf(bool valueOnly)
    {
        if (_reader.IsEmptyElement)
        {
            return "";
        }

        var depth = _reader.Depth;
        string? found = null;
        var name = _reader.LocalName;
        while (_reader.Read())
        {
            switch (_reader.Kind)
            {
                case CstaXmlNodeKind.Element:
                    name = _reader.LocalName;
                    break;
                case CstaXmlNodeKind.Text or CstaXmlNodeKind.CData when found is null:
                    var text = TextOf(_reader.Text);
                    if (text.Length > 0)
                    {
                        found = valueOnly ? text : Encoding.UTF8.GetString(name) + ": " + text;
                    }

                    break;
                case CstaXmlNodeKind.EndElement when _reader.Depth == depth:
                    return found ?? "";
                default:
                    break;
            }
        }

        throw new CstaDialectException("bad-xml", "CSTA-XML body ended inside an element.");
    }

    /// <summary>On a ConnectionID element: reads callID and deviceID, both mandatory here.</summary>
    private CstaConnectionId ReadConnection(string root, string? middle, string name)
    {
        var depth = _reader.Depth;
        string? callId = null, deviceId = null;
        if (!_reader.IsEmptyElement)
        {
            while (NextChild(depth))
            {
                if (_reader.LocalName.SequenceEqual("callID"u8))
                {
                    callId = ReadText();
                }
                else if (_reader.LocalName.SequenceEqual("deviceID"u8))
                {
                    deviceId = ReadText();
                }
            }
        }

        if (callId is null)
        {
            throw Missing(Path(root, middle, name) + "/callID");
        }

        if (deviceId is null)
        {
            throw Missing(Path(root, middle, name) + "/deviceID");
        }

        return new CstaConnectionId(callId, deviceId);
    }

    /// <summary>On a device element: the deviceIdentifier text, or null (absent, notKnown, notRequired, restricted).</summary>
    private string? ReadDevice()
    {
        var depth = _reader.Depth;
        string? value = null;
        if (!_reader.IsEmptyElement)
        {
            while (NextChild(depth))
            {
                if (_reader.LocalName.SequenceEqual("deviceIdentifier"u8) || _reader.LocalName.SequenceEqual("deviceID"u8))
                {
                    value = ReadText();
                }
            }
        }

        return value;
    }

    /// <summary>On a connection list (transferredConnections, conferenceConnections, connections): its items.</summary>
    /// <param name="root">The root element, for the path of a missing element.</param>
    /// <param name="itemPath">The list and item elements below the root, e.g. "connections/connectionListItem".</param>
    private List<CstaConnectionListItem> ReadConnectionList(string root, string itemPath)
    {
        var list = new List<CstaConnectionListItem>(2);
        var depth = _reader.Depth;
        if (_reader.IsEmptyElement)
        {
            return list;
        }

        while (NextChild(depth))
        {
            if (!_reader.LocalName.SequenceEqual("connectionListItem"u8))
            {
                continue;
            }

            var itemDepth = _reader.Depth;
            CstaConnectionId? newConnection = null, oldConnection = null;
            string? endpoint = null;
            if (!_reader.IsEmptyElement)
            {
                while (NextChild(itemDepth))
                {
                    if (_reader.LocalName.SequenceEqual("newConnection"u8))
                    {
                        newConnection = ReadConnection(root, itemPath, "newConnection");
                    }
                    else if (_reader.LocalName.SequenceEqual("oldConnection"u8))
                    {
                        oldConnection = ReadConnection(root, itemPath, "oldConnection");
                    }
                    else if (_reader.LocalName.SequenceEqual("endpoint"u8))
                    {
                        endpoint = ReadDevice();
                    }
                }
            }

            list.Add(new CstaConnectionListItem(newConnection, oldConnection, endpoint));
        }

        return list;
    }

    /// <summary>
    /// Moves to the next child element of the element at <paramref name="parentDepth"/>; false at its end tag.
    /// Anything deeper (the rest of an unread sibling) is passed over, within the depth limit.
    /// </summary>
    private bool NextChild(int parentDepth)
    {
        while (_reader.Read())
        {
            if (_reader.Kind == CstaXmlNodeKind.Element && _reader.Depth == parentDepth + 1)
            {
                return true;
            }

            if (_reader.Kind == CstaXmlNodeKind.EndElement && _reader.Depth == parentDepth)
            {
                return false;
            }
        }

        throw new CstaDialectException("bad-xml", "CSTA-XML body ended inside an element.");
    }

    /// <summary>
    /// On a start element: its text content (text, CDATA and significant white space at any depth below it, joined),
    /// trimmed; leaves the reader on its end tag.
    /// </summary>
    private string ReadText()
    {
        if (_reader.IsEmptyElement)
        {
            return "";
        }

        var depth = _reader.Depth;
        var pieces = 0;
        CstaXmlTextPiece first = default;
        var buffer = _scratch.TextBytes.AsSpan();
        var written = 0;
        while (_reader.Read())
        {
            switch (_reader.Kind)
            {
                case CstaXmlNodeKind.Text or CstaXmlNodeKind.CData or CstaXmlNodeKind.SignificantWhitespace:
                    if (pieces == 0)
                    {
                        first = _reader.Text;
                    }
                    else
                    {
                        if (pieces == 1)
                        {
                            written = _reader.Decode(first, buffer);
                        }

                        written += _reader.Decode(_reader.Text, buffer[written..]);
                    }

                    pieces++;
                    break;
                case CstaXmlNodeKind.EndElement when _reader.Depth == depth:
                    return pieces switch
                    {
                        0 => "",
                        1 => TextOf(first),
                        _ => Trimmed(buffer[..written], ascii: false),
                    };
                default:
                    break;
            }
        }

        throw new CstaDialectException("bad-xml", "CSTA-XML body ended inside an element.");
    }

    /// <summary>A text piece as a trimmed string: from its raw bytes when they need no decoding, else decoded first.</summary>
    private readonly string TextOf(CstaXmlTextPiece piece)
    {
        if (!piece.NeedsDecoding)
        {
            return Trimmed(_reader.Raw(piece), _ascii);
        }

        var buffer = _scratch.TextBytes.AsSpan();
        return Trimmed(buffer[.._reader.Decode(piece, buffer)], ascii: false);
    }

    /// <summary>
    /// The text as a string with white space trimmed as <see cref="string.Trim()"/> does; <paramref name="ascii"/> when
    /// the bytes are known to be ASCII (widened without UTF-8 decoding).
    /// </summary>
    private static string Trimmed(ReadOnlySpan<byte> utf8, bool ascii)
    {
        if (utf8.IsEmpty)
        {
            return "";
        }

        if (CstaXmlScanner.IsWhitespace(utf8[0]) || CstaXmlScanner.IsWhitespace(utf8[^1]))
        {
            var start = utf8.IndexOfAnyExcept(" \t\r\n"u8);
            if (start < 0)
            {
                return "";
            }

            utf8 = utf8[start..(utf8.LastIndexOfAnyExcept(" \t\r\n"u8) + 1)];
        }

        if (ascii)
        {
            return Encoding.Latin1.GetString(utf8);
        }

        // Only non-ASCII white space (U+0085, U+00A0, U+2000..., which references can also produce) is left to trim.
        var text = Encoding.UTF8.GetString(utf8);
        return text[0] > 0x7F || text[^1] > 0x7F ? text.Trim() : text;
    }

    private static string Path(string root, string? middle, string name) => middle is null ? root + "/" + name : root + "/" + middle + "/" + name;

    private static CstaDialectException Missing(string path) =>
        new("missing-element", $"CSTA-XML body lacks the mandatory element {path}.", path);
}
