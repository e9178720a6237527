using System.Buffers;
using System.Globalization;
using System.Text;
using System.Xml;
using Nerdbank.Streams;

namespace CtiGateway.Pbx.Csta;

/// <summary>
/// The XmlReader path of the CSTA-XML decoder (the whole decoder before issue 9), reading the body through Nerdbank.Streams'
/// <see cref="ReadOnlySequence{T}"/> <c>AsStream()</c>. <see cref="CstaXmlDecoder"/> hands it the bodies its UTF-8 scanner
/// does not take: a body in another encoding (a UTF-16 or UTF-32 byte order mark or zero bytes at the start, an XML
/// declaration naming an encoding other than UTF-8) or an XML declaration that is not the plain
/// <c>version="1.0" [encoding="UTF-8"] [standalone="yes|no"]</c> form, so that what is accepted stays exactly what
/// XmlReader accepts. The differential tests and the A/B benchmark use it as the reference decoder. Hostile XML is rejected,
/// never expanded: DTDs are prohibited ("xml-dtd"), no resolver is set, nesting is limited to
/// <see cref="CstaXmlDecoder.MaxDepth"/> ("xml-too-deep") and the body to <see cref="CstaWire.MaxBodySize"/> bytes
/// ("xml-too-large"). Other malformed XML is "bad-xml"; a missing mandatory element is "missing-element" with its path.
/// </summary>
internal static class CstaXmlReaderDecoder
{
    private const int MaxDepth = CstaXmlDecoder.MaxDepth;

    [ThreadStatic]
    private static XmlReaderSettings? t_settings;

    /// <summary>Decodes one XML body (the <see cref="CstaFrame.Xml"/> of a frame).</summary>
    /// <exception cref="CstaDialectException">The body is malformed, hostile or lacks a mandatory element.</exception>
    public static CstaMessage Decode(ReadOnlySequence<byte> xml)
    {
        if (xml.Length > CstaWire.MaxBodySize)
        {
            throw new CstaDialectException("xml-too-large", $"CSTA-XML body of {xml.Length} bytes is over the maximum of {CstaWire.MaxBodySize}.");
        }

        try
        {
            using var stream = xml.AsStream();
            using var reader = XmlReader.Create(stream, Settings());
            var parser = new Parser(reader);
            return parser.ParseDocument();
        }
        catch (XmlException ex)
        {
            if (ContainsDoctype(xml))
            {
                throw new CstaDialectException("xml-dtd", $"CSTA-XML body carries a DTD, which is prohibited: {ex.Message}", "", ex);
            }

            throw new CstaDialectException("bad-xml", $"CSTA-XML body is not well-formed XML: {ex.Message}", "", ex);
        }
        catch (DecoderFallbackException ex)
        {
            throw new CstaDialectException("bad-xml", $"CSTA-XML body is not valid in its declared encoding: {ex.Message}", "", ex);
        }
    }

    /// <summary>Per-thread settings sharing one bounded NameTable, replaced when full.</summary>
    private static XmlReaderSettings Settings()
    {
        if (t_settings?.NameTable is BoundedNameTable { IsFull: false })
        {
            return t_settings;
        }

        t_settings = CstaXmlReaderSettings.Create(new BoundedNameTable());
        return t_settings;
    }

    private static bool ContainsDoctype(ReadOnlySequence<byte> xml)
    {
        var reader = new SequenceReader<byte>(xml);
        return reader.TryReadTo(out ReadOnlySequence<byte> _, "<!DOCTYPE"u8, advancePastDelimiter: false);
    }

    private sealed class Parser(XmlReader reader)
    {
        private readonly XmlReader _reader = reader;

        public CstaMessage ParseDocument()
        {
            _reader.MoveToContent();
            if (_reader.NodeType != XmlNodeType.Element)
            {
                throw new CstaDialectException("bad-xml", "CSTA-XML body has no root element.");
            }

            var root = _reader.LocalName;
            var ns = _reader.NamespaceURI;
            CstaMessage message = root switch
            {
                "DeliveredEvent" => ParseEvent(root, ns, CstaEventType.Delivered, "connection", "alertingDevice", null),
                "EstablishedEvent" => ParseEvent(root, ns, CstaEventType.Established, "establishedConnection", "answeringDevice", null),
                "ConnectionClearedEvent" => ParseEvent(root, ns, CstaEventType.ConnectionCleared, "droppedConnection", "releasingDevice", null),
                "HeldEvent" => ParseEvent(root, ns, CstaEventType.Held, "heldConnection", "holdingDevice", null),
                "RetrievedEvent" => ParseEvent(root, ns, CstaEventType.Retrieved, "retrievedConnection", "retrievingDevice", null),
                "TransferedEvent" => ParseEvent(root, ns, CstaEventType.Transfered, "primaryOldCall", "transferringDevice", "transferredToDevice"),
                "ConferencedEvent" => ParseEvent(root, ns, CstaEventType.Conferenced, "primaryOldCall", "conferencingDevice", "addedParty"),
                "DivertedEvent" => ParseEvent(root, ns, CstaEventType.Diverted, "connection", "divertingDevice", "newDestination"),
                "OriginatedEvent" => ParseEvent(root, ns, CstaEventType.Originated, "originatedConnection", "originatingDevice", null),
                "ServiceInitiatedEvent" => ParseEvent(root, ns, CstaEventType.ServiceInitiated, "initiatedConnection", "initiatingDevice", null),
                "FailedEvent" => ParseEvent(root, ns, CstaEventType.Failed, "failedConnection", "failingDevice", null),
                "QueuedEvent" => ParseEvent(root, ns, CstaEventType.Queued, "queuedConnection", "queue", null),
                "CallInformationEvent" => ParseEvent(root, ns, CstaEventType.CallInformation, "connection", "device", null),
                "NetworkReachedEvent" => ParseEvent(root, ns, CstaEventType.NetworkReached, "outboundConnection", "networkInterfaceUsed", null),
                "SystemStatus" => ParseSystemStatus(root, ns),
                "MonitorStartResponse" => new CstaMonitorStartResponse(root, ns, ParseSingleText(root, "monitorCrossRefID")),
                "SystemRegisterResponse" => new CstaSystemRegisterResponse(root, ns, ParseSingleText(root, "sysStatRegisterID")),
                "MakeCallResponse" => ParseMakeCallResponse(root, ns),
                "StartApplicationSessionPosResponse" => ParseStartApplicationSessionPosResponse(root, ns),
                "StartApplicationSessionNegResponse" or "ResetApplicationSessionTimerPosResponse" or "ResetApplicationSessionTimerNegResponse"
                    or "StopApplicationSessionPosResponse" or "StopApplicationSessionNegResponse" => ParseApplicationSessionResponse(root, ns),
                "ConsultationCallResponse" => new CstaConsultationCallResponse(root, ns, ParseSingleConnection(root, "initiatedCall")),
                "TransferCallResponse" or "SingleStepTransferCallResponse" => ParseTransferResponse(root, ns),
                "ConferenceCallResponse" => ParseConferenceResponse(root, ns),
                "SingleStepConferenceCallResponse" => ParseSingleStepConferenceResponse(root, ns),
                "SnapshotDeviceResponse" => ParseSnapshotDeviceResponse(root, ns),
                "GetAgentStateResponse" => ParseGetAgentStateResponse(root, ns),
                "GetDeviceIdResponse" => new CstaGetDeviceIdResponse(root, ns, ParseSingleText(root, "device")),
                "AgentLoggedOnEvent" => ParseAgentEvent(root, ns, CstaAgentEventType.AgentLoggedOn),
                "AgentLoggedOffEvent" => ParseAgentEvent(root, ns, CstaAgentEventType.AgentLoggedOff),
                "AgentReadyEvent" => ParseAgentEvent(root, ns, CstaAgentEventType.AgentReady),
                "AgentNotReadyEvent" => ParseAgentEvent(root, ns, CstaAgentEventType.AgentNotReady),
                "AgentWorkingAfterCallEvent" => ParseAgentEvent(root, ns, CstaAgentEventType.AgentWorkingAfterCall),
                "AgentBusyEvent" => ParseAgentEvent(root, ns, CstaAgentEventType.AgentBusy),
                "OutOfServiceEvent" => ParseMaintenanceEvent(root, ns, CstaMaintenanceEventType.OutOfService),
                "BackInServiceEvent" => ParseMaintenanceEvent(root, ns, CstaMaintenanceEventType.BackInService),
                "MonitorEndedEvent" => ParseMonitorEnded(root, ns),
                "CSTAErrorCode" => ParseError(root, ns),
                _ when CstaAcknowledgement.Elements.Contains(root) => new CstaAcknowledgement(root, ns),
                _ => ParseUnknown(root, ns),
            };

            // Read the rest so trailing garbage and unbalanced tags are still caught.
            while (Read())
            {
            }

            return message;
        }

        private CstaCallEvent ParseEvent(string root, string ns, CstaEventType type, string connectionName, string subjectName, string? otherName)
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
                    if (name == connectionName)
                    {
                        connection = ReadConnection(root, name);
                    }
                    else if (name == subjectName)
                    {
                        subject = ReadDevice();
                    }
                    else if (name == otherName)
                    {
                        other = ReadDevice();
                    }
                    else
                    {
                        switch (name)
                        {
                            case "monitorCrossRefID":
                                crossRef = ReadText();
                                break;
                            case "secondaryOldCall":
                                secondary = ReadConnection(root, name);
                                break;
                            case "callingDevice":
                                calling = ReadDevice();
                                break;
                            case "calledDevice":
                                called = ReadDevice();
                                break;
                            case "lastRedirectionDevice":
                                lastRedirection = ReadDevice();
                                break;
                            case "localConnectionInfo":
                                local = ReadText();
                                break;
                            case "cause":
                                cause = ReadText();
                                break;
                            case "transferredConnections" or "conferenceConnections":
                                list = ReadConnectionList(root + "/" + name);
                                break;
                            default:
                                break;
                        }
                    }
                }
            }

            if (crossRef is null)
            {
                throw Missing(root + "/monitorCrossRefID");
            }

            if (connection is null)
            {
                throw Missing(root + "/" + connectionName);
            }

            return new CstaCallEvent(root, ns)
            {
                Type = type,
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
                    switch (_reader.LocalName)
                    {
                        case "systemStatus":
                            status = ReadText();
                            break;
                        case "sysStatRegisterID":
                            registerId = ReadText();
                            break;
                        default:
                            break;
                    }
                }
            }

            return new CstaSystemStatus(root, ns)
            {
                Status = status ?? throw Missing(root + "/systemStatus"),
                SysStatRegisterId = registerId,
            };
        }

        private CstaMakeCallResponse ParseMakeCallResponse(string root, string ns)
        {
            CstaConnectionId? calling = null;
            if (!_reader.IsEmptyElement)
            {
                while (NextChild(0))
                {
                    if (_reader.LocalName == "callingDevice")
                    {
                        calling = ReadConnection(root, "callingDevice");
                    }
                }
            }

            return new CstaMakeCallResponse(root, ns, calling ?? throw Missing(root + "/callingDevice"));
        }

        private CstaStartApplicationSessionPosResponse ParseStartApplicationSessionPosResponse(string root, string ns)
        {
            string? sessionId = null, protocol = null;
            int? duration = null;
            if (!_reader.IsEmptyElement)
            {
                while (NextChild(0))
                {
                    switch (_reader.LocalName)
                    {
                        case "sessionID":
                            sessionId = ReadText();
                            break;
                        case "actualProtocolVersion":
                            protocol = ReadText();
                            break;
                        case "actualSessionDuration":
                            var text = ReadText();
                            duration = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                                ? seconds
                                : throw new CstaDialectException("bad-xml", $"actualSessionDuration '{text}' is not a number of seconds.", root + "/actualSessionDuration");
                            break;
                        default:
                            break;
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
                    switch (_reader.LocalName)
                    {
                        case "actualSessionDuration":
                            duration = ReadSeconds(root + "/actualSessionDuration");
                            break;
                        case "errorCode":
                            error = ReadFirstLeaf();
                            break;
                        default:
                            break;
                    }
                }
            }

            return new CstaApplicationSessionResponse(root, ns) { ActualSessionDuration = duration, ErrorCode = error };
        }

        private CstaConnectionId ParseSingleConnection(string root, string childName)
        {
            CstaConnectionId? connection = null;
            if (!_reader.IsEmptyElement)
            {
                while (NextChild(0))
                {
                    if (_reader.LocalName == childName)
                    {
                        connection = ReadConnection(root, childName);
                    }
                }
            }

            return connection ?? throw Missing(root + "/" + childName);
        }

        private CstaTransferCallResponse ParseTransferResponse(string root, string ns)
        {
            var (connection, list) = ParseConnectionAndList(root, "transferredCall");
            return new CstaTransferCallResponse(root, ns, connection) { Connections = list };
        }

        private CstaConferenceCallResponse ParseConferenceResponse(string root, string ns)
        {
            var (connection, list) = ParseConnectionAndList(root, "conferenceCall");
            return new CstaConferenceCallResponse(root, ns, connection) { Connections = list };
        }

        private CstaSingleStepConferenceCallResponse ParseSingleStepConferenceResponse(string root, string ns)
        {
            var (connection, list) = ParseConnectionAndList(root, "conferencedCall");
            return new CstaSingleStepConferenceCallResponse(root, ns, connection) { Connections = list };
        }

        private (CstaConnectionId Connection, IReadOnlyList<CstaConnectionListItem> List) ParseConnectionAndList(string root, string childName)
        {
            CstaConnectionId? connection = null;
            IReadOnlyList<CstaConnectionListItem> list = [];
            if (!_reader.IsEmptyElement)
            {
                while (NextChild(0))
                {
                    if (_reader.LocalName == childName)
                    {
                        connection = ReadConnection(root, childName);
                    }
                    else if (_reader.LocalName == "connections")
                    {
                        list = ReadConnectionList(root + "/connections");
                    }
                }
            }

            return (connection ?? throw Missing(root + "/" + childName), list);
        }

        private CstaSnapshotDeviceResponse ParseSnapshotDeviceResponse(string root, string ns)
        {
            var items = new List<CstaSnapshotItem>();
            if (!_reader.IsEmptyElement)
            {
                while (NextChild(0))
                {
                    if (_reader.LocalName != "crossRefIDorSnapshotData" || _reader.IsEmptyElement)
                    {
                        continue;
                    }

                    while (NextChild(1))
                    {
                        if (_reader.LocalName != "snapshotData" || _reader.IsEmptyElement)
                        {
                            continue;
                        }

                        while (NextChild(2))
                        {
                            if (_reader.LocalName == "snapshotDeviceResponseInfo")
                            {
                                items.Add(ReadSnapshotInfo(root + "/crossRefIDorSnapshotData/snapshotData/snapshotDeviceResponseInfo"));
                            }
                        }
                    }
                }
            }

            return new CstaSnapshotDeviceResponse(root, ns, items);
        }

        private CstaSnapshotItem ReadSnapshotInfo(string path)
        {
            var depth = _reader.Depth;
            CstaConnectionId? connection = null;
            string? state = null;
            if (!_reader.IsEmptyElement)
            {
                while (NextChild(depth))
                {
                    switch (_reader.LocalName)
                    {
                        case "connectionIdentifier":
                            connection = ReadConnection(path, "connectionIdentifier");
                            break;
                        case "localCallState":
                            state = ReadFirstLeaf(valueOnly: true);
                            break;
                        default:
                            break;
                    }
                }
            }

            return new CstaSnapshotItem(connection ?? throw Missing(path + "/connectionIdentifier"), state);
        }

        private CstaGetAgentStateResponse ParseGetAgentStateResponse(string root, string ns)
        {
            var agents = new List<CstaAgentStateEntry>();
            if (!_reader.IsEmptyElement)
            {
                while (NextChild(0))
                {
                    if (_reader.LocalName != "agentStateList" || _reader.IsEmptyElement)
                    {
                        continue;
                    }

                    while (NextChild(1))
                    {
                        if (_reader.LocalName == "agentStateEntry")
                        {
                            agents.Add(ReadAgentStateEntry(root + "/agentStateList/agentStateEntry"));
                        }
                    }
                }
            }

            return new CstaGetAgentStateResponse(root, ns, agents);
        }

        private CstaAgentStateEntry ReadAgentStateEntry(string path)
        {
            var depth = _reader.Depth;
            string? agentId = null, loggedOn = null, state = null, group = null;
            if (!_reader.IsEmptyElement)
            {
                while (NextChild(depth))
                {
                    switch (_reader.LocalName)
                    {
                        case "agentID":
                            agentId = ReadText();
                            break;
                        case "loggedOnState":
                            loggedOn = ReadText();
                            break;
                        case "agentInfo" when !_reader.IsEmptyElement:
                            var infoDepth = _reader.Depth;
                            while (NextChild(infoDepth))
                            {
                                if (_reader.LocalName != "agentInfoItem" || _reader.IsEmptyElement)
                                {
                                    continue;
                                }

                                var itemDepth = _reader.Depth;
                                while (NextChild(itemDepth))
                                {
                                    switch (_reader.LocalName)
                                    {
                                        case "agentState":
                                            state ??= ReadText();
                                            break;
                                        case "acdGroup":
                                            group ??= ReadDeviceOrText();
                                            break;
                                        default:
                                            break;
                                    }
                                }
                            }

                            break;
                        default:
                            break;
                    }
                }
            }

            return loggedOn switch
            {
                "true" or "1" => new CstaAgentStateEntry(agentId, true, state, group),
                "false" or "0" => new CstaAgentStateEntry(agentId, false, state, group),
                null => throw Missing(path + "/loggedOnState"),
                _ => throw new CstaDialectException("bad-xml", $"loggedOnState '{loggedOn}' is not a boolean.", path + "/loggedOnState"),
            };
        }

        private CstaAgentEvent ParseAgentEvent(string root, string ns, CstaAgentEventType type)
        {
            string? crossRef = null, device = null, agentId = null, group = null;
            if (!_reader.IsEmptyElement)
            {
                while (NextChild(0))
                {
                    switch (_reader.LocalName)
                    {
                        case "monitorCrossRefID":
                            crossRef = ReadText();
                            break;
                        case "agentDevice":
                            device = ReadDeviceOrText();
                            break;
                        case "agentID":
                            agentId = ReadText();
                            break;
                        case "acdGroup":
                            group = ReadDeviceOrText();
                            break;
                        default:
                            break;
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
                    switch (_reader.LocalName)
                    {
                        case "monitorCrossRefID":
                            crossRef = ReadText();
                            break;
                        case "device":
                            device = ReadDeviceOrText();
                            break;
                        case "cause":
                            cause = ReadText();
                            break;
                        default:
                            break;
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
                    switch (_reader.LocalName)
                    {
                        case "monitorCrossRefID":
                            crossRef = ReadText();
                            break;
                        case "cause":
                            cause = ReadText();
                            break;
                        default:
                            break;
                    }
                }
            }

            return new CstaMonitorEndedEvent(root, ns)
            {
                MonitorCrossRefId = crossRef ?? throw Missing(root + "/monitorCrossRefID"),
                Cause = string.IsNullOrEmpty(cause) ? null : cause,
            };
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
        private string ReadFirstLeaf(bool valueOnly = false)
        {
            if (_reader.IsEmptyElement)
            {
                return "";
            }

            var depth = _reader.Depth;
            string? found = null;
            var name = _reader.LocalName;
            while (Read())
            {
                switch (_reader.NodeType)
                {
                    case XmlNodeType.Element:
                        name = _reader.LocalName;
                        break;
                    case XmlNodeType.Text or XmlNodeType.CDATA when found is null:
                        var text = _reader.Value.Trim();
                        if (text.Length > 0)
                        {
                            found = valueOnly ? text : name + ": " + text;
                        }

                        break;
                    case XmlNodeType.EndElement when _reader.Depth == depth:
                        return found ?? "";
                    default:
                        break;
                }
            }

            throw new CstaDialectException("bad-xml", "CSTA-XML body ended inside an element.");
        }

        private int ReadSeconds(string path)
        {
            var text = ReadText();
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                ? seconds
                : throw new CstaDialectException("bad-xml", $"{path} '{text}' is not a number of seconds.", path);
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
                        category = _reader.LocalName;
                        value = ReadText();
                    }
                }
            }

            return new CstaErrorResponse(root, ns, category ?? throw Missing(root + "/*"), value ?? "");
        }

        private CstaUnknownMessage ParseUnknown(string root, string ns) => new(root, ns);

        private string ParseSingleText(string root, string childName)
        {
            string? value = null;
            if (!_reader.IsEmptyElement)
            {
                while (NextChild(0))
                {
                    if (_reader.LocalName == childName)
                    {
                        value = ReadText();
                    }
                }
            }

            return value ?? throw Missing(root + "/" + childName);
        }

        /// <summary>On a ConnectionID element: reads callID and deviceID, both mandatory here.</summary>
        private CstaConnectionId ReadConnection(string parentPath, string name)
        {
            var depth = _reader.Depth;
            string? callId = null, deviceId = null;
            if (!_reader.IsEmptyElement)
            {
                while (NextChild(depth))
                {
                    switch (_reader.LocalName)
                    {
                        case "callID":
                            callId = ReadText();
                            break;
                        case "deviceID":
                            deviceId = ReadText();
                            break;
                        default:
                            break;
                    }
                }
            }

            if (callId is null)
            {
                throw Missing(parentPath + "/" + name + "/callID");
            }

            if (deviceId is null)
            {
                throw Missing(parentPath + "/" + name + "/deviceID");
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
                    if (_reader.LocalName is "deviceIdentifier" or "deviceID")
                    {
                        value = ReadText();
                    }
                }
            }

            return value;
        }

        private List<CstaConnectionListItem> ReadConnectionList(string path)
        {
            var list = new List<CstaConnectionListItem>(2);
            var depth = _reader.Depth;
            if (_reader.IsEmptyElement)
            {
                return list;
            }

            while (NextChild(depth))
            {
                if (_reader.LocalName != "connectionListItem")
                {
                    continue;
                }

                var itemPath = path + "/connectionListItem";
                var itemDepth = _reader.Depth;
                CstaConnectionId? newConnection = null, oldConnection = null;
                string? endpoint = null;
                if (!_reader.IsEmptyElement)
                {
                    while (NextChild(itemDepth))
                    {
                        switch (_reader.LocalName)
                        {
                            case "newConnection":
                                newConnection = ReadConnection(itemPath, "newConnection");
                                break;
                            case "oldConnection":
                                oldConnection = ReadConnection(itemPath, "oldConnection");
                                break;
                            case "endpoint":
                                endpoint = ReadDevice();
                                break;
                            default:
                                break;
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
            while (Read())
            {
                if (_reader.NodeType == XmlNodeType.Element && _reader.Depth == parentDepth + 1)
                {
                    return true;
                }

                if (_reader.NodeType == XmlNodeType.EndElement && _reader.Depth == parentDepth)
                {
                    return false;
                }
            }

            throw new CstaDialectException("bad-xml", "CSTA-XML body ended inside an element.");
        }

        /// <summary>On a start element: its text content, trimmed; leaves the reader on its end tag.</summary>
        private string ReadText()
        {
            if (_reader.IsEmptyElement)
            {
                return "";
            }

            var depth = _reader.Depth;
            string? first = null;
            StringBuilder? more = null;
            while (Read())
            {
                switch (_reader.NodeType)
                {
                    case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace:
                        if (first is null)
                        {
                            first = _reader.Value;
                        }
                        else
                        {
                            (more ??= new StringBuilder(first)).Append(_reader.Value);
                        }

                        break;
                    case XmlNodeType.EndElement when _reader.Depth == depth:
                        return (more?.ToString() ?? first ?? "").Trim();
                    default:
                        break;
                }
            }

            throw new CstaDialectException("bad-xml", "CSTA-XML body ended inside an element.");
        }

        private bool Read()
        {
            if (!_reader.Read())
            {
                return false;
            }

            if (_reader.Depth > MaxDepth)
            {
                throw new CstaDialectException(
                    "xml-too-deep",
                    $"CSTA-XML body nests deeper than {MaxDepth} elements (at <{_reader.LocalName}>).",
                    _reader.LocalName);
            }

            return true;
        }

        private static CstaDialectException Missing(string path) =>
            new("missing-element", $"CSTA-XML body lacks the mandatory element {path}.", path);
    }
}
