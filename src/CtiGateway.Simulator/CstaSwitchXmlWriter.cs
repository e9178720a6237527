using System.Buffers;
using CtiGateway.Pbx.Csta;

namespace CtiGateway.Simulator;

/// <summary>
/// Writes the CSTA-XML bodies the switch sends: call events (element order per switch.md 1.4), responses and
/// CSTAErrorCode, and the SystemStatus request. Device elements carry <c>deviceIdentifier</c>; connections carry
/// <c>callID</c> and <c>deviceID</c>. The body goes into a frame with <see cref="CstaFrameWriter"/>.
/// </summary>
public static class CstaSwitchXmlWriter
{
    /// <summary>Writes one call event.</summary>
    public static void WriteEvent(IBufferWriter<byte> output, string ns, CstaCallEvent callEvent)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(callEvent);
        if (callEvent.Type is CstaEventType.Transfered or CstaEventType.Conferenced)
        {
            WriteMergeEvent(output, ns, callEvent);
            return;
        }

        var (root, connection, subject, subjectAfterCalled) = Layout(callEvent.Type);
        var x = new XmlOut(output);
        x.Declaration();
        x.OpenRoot(root, ns);
        x.Element("monitorCrossRefID", callEvent.MonitorCrossRefId);
        Connection(x, connection, callEvent.Connection);
        if (!subjectAfterCalled)
        {
            Device(x, subject, callEvent.SubjectDevice);
        }

        if (callEvent.Type == CstaEventType.Diverted)
        {
            Device(x, "newDestination", callEvent.OtherDevice);
        }

        Device(x, "callingDevice", callEvent.CallingDevice);
        Device(x, "calledDevice", callEvent.CalledDevice);
        if (subjectAfterCalled)
        {
            Device(x, subject, callEvent.SubjectDevice);
        }

        if (callEvent.LastRedirectionDevice is not null)
        {
            Device(x, "lastRedirectionDevice", callEvent.LastRedirectionDevice);
        }

        if (callEvent.LocalConnectionInfo is not null)
        {
            x.Element("localConnectionInfo", callEvent.LocalConnectionInfo);
        }

        if (callEvent.Cause is not null)
        {
            x.Element("cause", callEvent.Cause);
        }

        x.Close(root);
    }

    /// <summary>Writes the answer to a request: <c>NameResponse</c> with its content, or <c>CSTAErrorCode</c>.</summary>
    public static void WriteResult(IBufferWriter<byte> output, string ns, SimServiceResult result)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(result);
        var x = new XmlOut(output);
        x.Declaration();
        if (result.IsError)
        {
            x.OpenRoot("CSTAErrorCode", ns);
            x.Element(result.ErrorCategory!, result.ErrorValue!);
            x.Close("CSTAErrorCode");
            return;
        }

        switch (result.Element)
        {
            case "MonitorStartResponse":
                x.OpenRoot(result.Element, ns);
                x.Element("monitorCrossRefID", result.MonitorCrossRefId!);
                x.Close(result.Element);
                break;
            case "MakeCallResponse":
                x.OpenRoot(result.Element, ns);
                Connection(x, "callingDevice", result.CallingConnection!.Value);
                x.Close(result.Element);
                break;
            case "ConsultationCallResponse" or "TransferCallResponse" or "ConferenceCallResponse" or "SingleStepTransferCallResponse"
                or "SingleStepConferenceCallResponse"
                when result.ResultConnection is { } connection:
                x.OpenRoot(result.Element, ns);
                Connection(x, result.ResultConnectionElement!, connection);
                if (result.Connections.Count > 0)
                {
                    ConnectionList(x, "connections", result.Connections);
                }

                x.Close(result.Element);
                break;
            case "SystemRegisterResponse":
                x.OpenRoot(result.Element, ns);
                x.Element("sysStatRegisterID", result.SysStatRegisterId!);
                x.Close(result.Element);
                break;
            case "RequestSystemStatusResponse":
                x.OpenRoot(result.Element, ns);
                x.Element("systemStatus", result.SystemStatus!);
                x.Close(result.Element);
                break;
            case "GetAgentStateResponse":
                x.OpenRoot(result.Element, ns);
                x.Open("agentStateList");
                foreach (var agent in result.Agents!)
                {
                    x.Open("agentStateEntry");
                    x.Element("agentID", agent.AgentId);
                    x.Element("loggedOnState", agent.LoggedOn ? "true" : "false");
                    x.Open("agentInfo");
                    x.Open("agentInfoItem");
                    if (agent.Group is not null)
                    {
                        Device(x, "acdGroup", agent.Group);
                    }

                    x.Element("agentState", agent.ReportedState);
                    x.Close("agentInfoItem");
                    x.Close("agentInfo");
                    x.Close("agentStateEntry");
                }

                x.Close("agentStateList");
                x.Close(result.Element);
                break;
            case "SnapshotDeviceResponse":
                x.OpenRoot(result.Element, ns);
                x.Open("crossRefIDorSnapshotData");
                x.Open("snapshotData");
                foreach (var item in result.Snapshot!)
                {
                    x.Open("snapshotDeviceResponseInfo");
                    Connection(x, "connectionIdentifier", item.Connection);
                    x.Open("localCallState");
                    x.Element("compoundCallState", item.LocalConnectionState);
                    x.Close("localCallState");
                    x.Close("snapshotDeviceResponseInfo");
                }

                x.Close("snapshotData");
                x.Close("crossRefIDorSnapshotData");
                x.Close(result.Element);
                break;
            default:
                x.EmptyRoot(result.Element, ns);
                break;
        }
    }

    /// <summary>Writes an agent event: monitorCrossRefID, agentDevice, agentID, acdGroup (ECMA-269 logical-device events).</summary>
    public static void WriteAgentEvent(IBufferWriter<byte> output, string ns, CstaAgentEvent agentEvent)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(agentEvent);
        var root = CstaAgentEvent.ElementOf(agentEvent.Type);
        var x = new XmlOut(output);
        x.Declaration();
        x.OpenRoot(root, ns);
        x.Element("monitorCrossRefID", agentEvent.MonitorCrossRefId);
        Device(x, "agentDevice", agentEvent.AgentDevice);
        if (agentEvent.AgentId is not null)
        {
            x.Element("agentID", agentEvent.AgentId);
        }

        if (agentEvent.AcdGroup is not null)
        {
            Device(x, "acdGroup", agentEvent.AcdGroup);
        }

        x.Close(root);
    }

    /// <summary>Writes a device maintenance event (OutOfServiceEvent, BackInServiceEvent): monitorCrossRefID, device, cause.</summary>
    public static void WriteMaintenanceEvent(IBufferWriter<byte> output, string ns, CstaMaintenanceEvent maintenanceEvent)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(maintenanceEvent);
        var root = CstaMaintenanceEvent.ElementOf(maintenanceEvent.Type);
        var x = new XmlOut(output);
        x.Declaration();
        x.OpenRoot(root, ns);
        x.Element("monitorCrossRefID", maintenanceEvent.MonitorCrossRefId);
        Device(x, "device", maintenanceEvent.Device);
        if (maintenanceEvent.Cause is not null)
        {
            x.Element("cause", maintenanceEvent.Cause);
        }

        x.Close(root);
    }

    /// <summary>Writes MonitorEndedEvent: monitorCrossRefID and cause.</summary>
    public static void WriteMonitorEnded(IBufferWriter<byte> output, string ns, CstaMonitorEndedEvent ended)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(ended);
        var x = new XmlOut(output);
        x.Declaration();
        x.OpenRoot(CstaMonitorEndedEvent.RootElement, ns);
        x.Element("monitorCrossRefID", ended.MonitorCrossRefId);
        if (ended.Cause is not null)
        {
            x.Element("cause", ended.Cause);
        }

        x.Close(CstaMonitorEndedEvent.RootElement);
    }

    /// <summary>ECMA-354 StartApplicationSessionPosResponse: sessionID, actualProtocolVersion, actualSessionDuration.</summary>
    public static void WriteStartApplicationSessionPosResponse(IBufferWriter<byte> output, string sessionId, string protocolVersion, int actualSessionDurationSeconds)
    {
        var x = new XmlOut(output);
        x.Declaration();
        x.OpenRoot("StartApplicationSessionPosResponse", CstaNamespaces.ApplicationSession);
        x.Element("sessionID", sessionId);
        x.Element("actualProtocolVersion", protocolVersion);
        x.Element("actualSessionDuration", actualSessionDurationSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        x.Close("StartApplicationSessionPosResponse");
    }

    /// <summary>ECMA-354 ResetApplicationSessionTimerPosResponse with actualSessionDuration.</summary>
    public static void WriteResetApplicationSessionTimerPosResponse(IBufferWriter<byte> output, int actualSessionDurationSeconds)
    {
        var x = new XmlOut(output);
        x.Declaration();
        x.OpenRoot("ResetApplicationSessionTimerPosResponse", CstaNamespaces.ApplicationSession);
        x.Element("actualSessionDuration", actualSessionDurationSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        x.Close("ResetApplicationSessionTimerPosResponse");
    }

    /// <summary>An ECMA-354 negative response: <c>errorCode/definedError</c>.</summary>
    public static void WriteSessionNegResponse(IBufferWriter<byte> output, string element, string definedError)
    {
        var x = new XmlOut(output);
        x.Declaration();
        x.OpenRoot(element, CstaNamespaces.ApplicationSession);
        x.Open("errorCode");
        x.Element("definedError", definedError);
        x.Close("errorCode");
        x.Close(element);
    }

    /// <summary>An empty ECMA-354 positive response (StopApplicationSessionPosResponse).</summary>
    public static void WriteEmptySessionResponse(IBufferWriter<byte> output, string element)
    {
        var x = new XmlOut(output);
        x.Declaration();
        x.EmptyRoot(element, CstaNamespaces.ApplicationSession);
    }

    /// <summary>Avaya DMCC GetDeviceIdResponse: <c>device</c>.</summary>
    public static void WriteGetDeviceIdResponse(IBufferWriter<byte> output, string device)
    {
        var x = new XmlOut(output);
        x.Declaration();
        x.OpenRoot("GetDeviceIdResponse", CstaNamespaces.AvayaPrivate);
        x.Element("device", device);
        x.Close("GetDeviceIdResponse");
    }

    /// <summary>Writes the switch's SystemStatus request (OSV start-up and heartbeat).</summary>
    public static void WriteSystemStatus(IBufferWriter<byte> output, string ns, string status, string? sysStatRegisterId = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        var x = new XmlOut(output);
        x.Declaration();
        x.OpenRoot("SystemStatus", ns);
        if (sysStatRegisterId is not null)
        {
            x.Element("sysStatRegisterID", sysStatRegisterId);
        }

        x.Element("systemStatus", status);
        x.Close("SystemStatus");
    }

    /// <summary>Root, connection element, subject-device element, and whether the subject follows calledDevice.</summary>
    private static (string Root, string Connection, string Subject, bool SubjectAfterCalled) Layout(CstaEventType type) => type switch
    {
        CstaEventType.Delivered => ("DeliveredEvent", "connection", "alertingDevice", false),
        CstaEventType.Established => ("EstablishedEvent", "establishedConnection", "answeringDevice", false),
        CstaEventType.ConnectionCleared => ("ConnectionClearedEvent", "droppedConnection", "releasingDevice", false),
        CstaEventType.Held => ("HeldEvent", "heldConnection", "holdingDevice", false),
        CstaEventType.Retrieved => ("RetrievedEvent", "retrievedConnection", "retrievingDevice", false),
        CstaEventType.Originated => ("OriginatedEvent", "originatedConnection", "originatingDevice", true),
        CstaEventType.ServiceInitiated => ("ServiceInitiatedEvent", "initiatedConnection", "initiatingDevice", false),
        CstaEventType.Failed => ("FailedEvent", "failedConnection", "failingDevice", false),
        CstaEventType.Queued => ("QueuedEvent", "queuedConnection", "queue", false),
        CstaEventType.Diverted => ("DivertedEvent", "connection", "divertingDevice", false),
        CstaEventType.NetworkReached => ("NetworkReachedEvent", "outboundConnection", "networkInterfaceUsed", false),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "The simulator does not write this event type."),
    };

    /// <summary>
    /// TransferedEvent and ConferencedEvent: monitorCrossRefID, primaryOldCall, secondaryOldCall, the
    /// transferring/conferencing device, transferredToDevice/addedParty, the connection list, localConnectionInfo, cause.
    /// </summary>
    private static void WriteMergeEvent(IBufferWriter<byte> output, string ns, CstaCallEvent callEvent)
    {
        var transfer = callEvent.Type == CstaEventType.Transfered;
        var root = transfer ? "TransferedEvent" : "ConferencedEvent";
        var x = new XmlOut(output);
        x.Declaration();
        x.OpenRoot(root, ns);
        x.Element("monitorCrossRefID", callEvent.MonitorCrossRefId);
        Connection(x, "primaryOldCall", callEvent.Connection);
        if (callEvent.SecondaryOldCall is { } secondary)
        {
            Connection(x, "secondaryOldCall", secondary);
        }

        Device(x, transfer ? "transferringDevice" : "conferencingDevice", callEvent.SubjectDevice);
        Device(x, transfer ? "transferredToDevice" : "addedParty", callEvent.OtherDevice);
        ConnectionList(x, transfer ? "transferredConnections" : "conferenceConnections", callEvent.Connections);
        if (callEvent.LocalConnectionInfo is not null)
        {
            x.Element("localConnectionInfo", callEvent.LocalConnectionInfo);
        }

        if (callEvent.Cause is not null)
        {
            x.Element("cause", callEvent.Cause);
        }

        x.Close(root);
    }

    /// <summary>A connection list: connectionListItem with newConnection, oldConnection and endpoint/deviceID.</summary>
    private static void ConnectionList(XmlOut x, string name, IReadOnlyList<CstaConnectionListItem> items)
    {
        x.Open(name);
        foreach (var item in items)
        {
            x.Open("connectionListItem");
            if (item.NewConnection is { } newConnection)
            {
                Connection(x, "newConnection", newConnection);
            }

            if (item.OldConnection is { } oldConnection)
            {
                Connection(x, "oldConnection", oldConnection);
            }

            if (item.Endpoint is not null)
            {
                x.Open("endpoint");
                x.Element("deviceID", item.Endpoint);
                x.Close("endpoint");
            }

            x.Close("connectionListItem");
        }

        x.Close(name);
    }

    private static void Connection(XmlOut x, string name, CstaConnectionId connection)
    {
        x.Open(name);
        x.Element("callID", connection.CallId);
        x.Element("deviceID", connection.DeviceId);
        x.Close(name);
    }

    private static void Device(XmlOut x, string name, string? deviceId)
    {
        if (deviceId is null)
        {
            return;
        }

        x.Open(name);
        x.Element("deviceIdentifier", deviceId);
        x.Close(name);
    }
}
