using System.Buffers;

namespace CtiGateway.Pbx.Csta;

/// <summary>
/// Writes the CSTA-XML request bodies a T-Server sends (element names and order per switch.md 1.4), in the
/// namespace of the dialect flavour, as UTF-8 into an <see cref="IBufferWriter{T}"/>. Text is XML-escaped. The
/// body goes into a frame with <see cref="CstaFrameWriter"/>.
/// </summary>
public static class CstaXmlEncoder
{
    private static ReadOnlySpan<byte> Declaration => "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"u8;

    /// <summary>MonitorStart on a device: <c>monitorObject/deviceObject</c>.</summary>
    public static void WriteMonitorStart(IBufferWriter<byte> output, CstaDialectFlavour flavour, string deviceId)
    {
        ArgumentNullException.ThrowIfNull(output);
        Open(output, "MonitorStart", flavour);
        Raw(output, "<monitorObject><deviceObject"u8);
        if (flavour == CstaDialectFlavour.OsvEd4)
        {
            Raw(output, " typeOfNumber=\"dialingNumber\""u8);
        }

        Raw(output, ">"u8);
        Text(output, deviceId);
        Raw(output, "</deviceObject></monitorObject>"u8);
        Close(output, "MonitorStart");
    }

    /// <summary>MonitorStop of a monitor cross reference.</summary>
    public static void WriteMonitorStop(IBufferWriter<byte> output, CstaDialectFlavour flavour, string monitorCrossRefId)
    {
        ArgumentNullException.ThrowIfNull(output);
        Open(output, "MonitorStop", flavour);
        Element(output, "monitorCrossRefID", monitorCrossRefId);
        Close(output, "MonitorStop");
    }

    /// <summary>MakeCall from <paramref name="callingDevice"/> to <paramref name="calledDirectoryNumber"/>.</summary>
    public static void WriteMakeCall(IBufferWriter<byte> output, CstaDialectFlavour flavour, string callingDevice, string calledDirectoryNumber)
    {
        ArgumentNullException.ThrowIfNull(output);
        Open(output, "MakeCall", flavour);
        Raw(output, "<callingDevice"u8);
        if (flavour == CstaDialectFlavour.OsvEd4)
        {
            Raw(output, " typeOfNumber=\"explicitPublic:subscriber\""u8);
        }

        Raw(output, ">"u8);
        Text(output, callingDevice);
        Raw(output, "</callingDevice><calledDirectoryNumber"u8);
        if (flavour == CstaDialectFlavour.OsvEd4)
        {
            Raw(output, " typeOfNumber=\"dialingNumber\""u8);
        }

        Raw(output, ">"u8);
        Text(output, calledDirectoryNumber);
        Raw(output, "</calledDirectoryNumber>"u8);
        Close(output, "MakeCall");
    }

    /// <summary>AnswerCall of a connection: <c>callToBeAnswered</c>.</summary>
    public static void WriteAnswerCall(IBufferWriter<byte> output, CstaDialectFlavour flavour, CstaConnectionId connection)
    {
        ArgumentNullException.ThrowIfNull(output);
        Open(output, "AnswerCall", flavour);
        Connection(output, "callToBeAnswered", connection);
        Close(output, "AnswerCall");
    }

    /// <summary>ClearConnection of a connection: <c>connectionToBeCleared</c>.</summary>
    public static void WriteClearConnection(IBufferWriter<byte> output, CstaDialectFlavour flavour, CstaConnectionId connection)
    {
        ArgumentNullException.ThrowIfNull(output);
        Open(output, "ClearConnection", flavour);
        Connection(output, "connectionToBeCleared", connection);
        Close(output, "ClearConnection");
    }

    /// <summary>ClearCall: <c>callToBeCleared</c>.</summary>
    public static void WriteClearCall(IBufferWriter<byte> output, CstaDialectFlavour flavour, CstaConnectionId connection) =>
        WriteConnections(output, flavour, "ClearCall", "callToBeCleared", connection);

    /// <summary>HoldCall: <c>callToBeHeld</c>.</summary>
    public static void WriteHoldCall(IBufferWriter<byte> output, CstaDialectFlavour flavour, CstaConnectionId connection) =>
        WriteConnections(output, flavour, "HoldCall", "callToBeHeld", connection);

    /// <summary>RetrieveCall: <c>callToBeRetrieved</c>.</summary>
    public static void WriteRetrieveCall(IBufferWriter<byte> output, CstaDialectFlavour flavour, CstaConnectionId connection) =>
        WriteConnections(output, flavour, "RetrieveCall", "callToBeRetrieved", connection);

    /// <summary>TransferCall: <c>heldCall</c>, <c>activeCall</c>.</summary>
    public static void WriteTransferCall(IBufferWriter<byte> output, CstaDialectFlavour flavour, CstaConnectionId heldCall, CstaConnectionId activeCall) =>
        WriteConnections(output, flavour, "TransferCall", "heldCall", heldCall, "activeCall", activeCall);

    /// <summary>ConferenceCall: <c>heldCall</c>, <c>activeCall</c>.</summary>
    public static void WriteConferenceCall(IBufferWriter<byte> output, CstaDialectFlavour flavour, CstaConnectionId heldCall, CstaConnectionId activeCall) =>
        WriteConnections(output, flavour, "ConferenceCall", "heldCall", heldCall, "activeCall", activeCall);

    /// <summary>ConsultationCall: <c>existingCall</c>, <c>consultedDevice</c>.</summary>
    public static void WriteConsultationCall(IBufferWriter<byte> output, CstaDialectFlavour flavour, CstaConnectionId existingCall, string consultedDevice) =>
        WriteConnectionAndDevice(output, flavour, "ConsultationCall", "existingCall", existingCall, "consultedDevice", consultedDevice);

    /// <summary>DeflectCall: <c>callToBeDiverted</c>, <c>newDestination</c>.</summary>
    public static void WriteDeflectCall(IBufferWriter<byte> output, CstaDialectFlavour flavour, CstaConnectionId callToBeDiverted, string newDestination) =>
        WriteConnectionAndDevice(output, flavour, "DeflectCall", "callToBeDiverted", callToBeDiverted, "newDestination", newDestination);

    /// <summary>SingleStepTransferCall: <c>activeCall</c>, <c>transferredTo</c>.</summary>
    public static void WriteSingleStepTransferCall(IBufferWriter<byte> output, CstaDialectFlavour flavour, CstaConnectionId activeCall, string transferredTo) =>
        WriteConnectionAndDevice(output, flavour, "SingleStepTransferCall", "activeCall", activeCall, "transferredTo", transferredTo);

    /// <summary>
    /// AlternateCall: <c>heldCall</c>, <c>activeCall</c> (one device's connections in two calls): the switch holds the
    /// active call and retrieves the held one (T-Library AlternateCall).
    /// </summary>
    public static void WriteAlternateCall(IBufferWriter<byte> output, CstaDialectFlavour flavour, CstaConnectionId heldCall, CstaConnectionId activeCall) =>
        WriteConnections(output, flavour, "AlternateCall", "heldCall", heldCall, "activeCall", activeCall);

    /// <summary>
    /// ReconnectCall: <c>activeCall</c>, <c>heldCall</c>: the switch clears the active connection and retrieves the
    /// held one (T-Library ReconnectCall).
    /// </summary>
    public static void WriteReconnectCall(IBufferWriter<byte> output, CstaDialectFlavour flavour, CstaConnectionId activeCall, CstaConnectionId heldCall) =>
        WriteConnections(output, flavour, "ReconnectCall", "activeCall", activeCall, "heldCall", heldCall);

    /// <summary>
    /// SingleStepConferenceCall: <c>activeCall</c>, <c>deviceToJoin</c> and, when given, <c>participationType</c>
    /// (active or silent; the switch's default, active, when omitted). The device joins the call without a
    /// consultation call, on the same callID (T-Library SingleStepConference).
    /// </summary>
    public static void WriteSingleStepConferenceCall(
        IBufferWriter<byte> output, CstaDialectFlavour flavour, CstaConnectionId activeCall, string deviceToJoin, CstaParticipationType? participationType = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        Open(output, "SingleStepConferenceCall", flavour);
        Connection(output, "activeCall", activeCall);
        Element(output, "deviceToJoin", deviceToJoin);
        switch (participationType)
        {
            case null:
                break;
            case CstaParticipationType.Active:
                Raw(output, "<participationType>active</participationType>"u8);
                break;
            case CstaParticipationType.Silent:
                Raw(output, "<participationType>silent</participationType>"u8);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(participationType), participationType, "Unknown participation type.");
        }

        Close(output, "SingleStepConferenceCall");
    }

    /// <summary>
    /// GenerateDigits: <c>connectionToSendDigits</c>, <c>charactersToSend</c> and, when given, <c>toneDuration</c> in
    /// milliseconds (T-Library SendDTMF). The characters are the DTMF set of ECMA-269: 0-9, *, #, A-D, and ',' for a pause.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="charactersToSend"/> is empty, too long or has a character outside the set.</exception>
    public static void WriteGenerateDigits(
        IBufferWriter<byte> output, CstaDialectFlavour flavour, CstaConnectionId connectionToSendDigits, string charactersToSend, int? toneDurationMilliseconds = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        CheckDtmf(charactersToSend);
        Open(output, "GenerateDigits", flavour);
        Connection(output, "connectionToSendDigits", connectionToSendDigits);
        Element(output, "charactersToSend", charactersToSend);
        if (toneDurationMilliseconds is { } duration)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(duration, nameof(toneDurationMilliseconds));
            Raw(output, "<toneDuration>"u8);
            Number(output, duration);
            Raw(output, "</toneDuration>"u8);
        }

        Close(output, "GenerateDigits");
    }

    /// <summary>Whether <paramref name="characters"/> is a DTMF string GenerateDigits may carry (1 to <see cref="MaxDtmfCharacters"/> of 0-9 * # A-D ,).</summary>
    public static bool IsDtmf(string? characters)
    {
        if (string.IsNullOrEmpty(characters) || characters.Length > MaxDtmfCharacters)
        {
            return false;
        }

        foreach (var c in characters)
        {
            if (!char.IsAsciiDigit(c) && c is not ('*' or '#' or ',' or (>= 'A' and <= 'D')))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The longest DTMF string GenerateDigits carries.</summary>
    public const int MaxDtmfCharacters = 64;

    /// <summary>SnapshotDevice: <c>snapshotObject</c>.</summary>
    public static void WriteSnapshotDevice(IBufferWriter<byte> output, CstaDialectFlavour flavour, string deviceId)
    {
        ArgumentNullException.ThrowIfNull(output);
        Open(output, "SnapshotDevice", flavour);
        Element(output, "snapshotObject", deviceId);
        Close(output, "SnapshotDevice");
    }

    /// <summary>SystemRegister for SystemStatus reports, as OSV start-up step 3 (switch.md 1.3).</summary>
    public static void WriteSystemRegister(IBufferWriter<byte> output, CstaDialectFlavour flavour)
    {
        ArgumentNullException.ThrowIfNull(output);
        Open(output, "SystemRegister", flavour);
        Raw(output, "<requestTypes><systemStatus>true</systemStatus><requestSystemStatus>false</requestSystemStatus></requestTypes>"u8);
        Close(output, "SystemRegister");
    }

    /// <summary>SystemStatusResponse: the empty answer to the switch's SystemStatus (sent with its invoke id).</summary>
    public static void WriteSystemStatusResponse(IBufferWriter<byte> output, CstaDialectFlavour flavour)
    {
        ArgumentNullException.ThrowIfNull(output);
        Raw(output, Declaration);
        Raw(output, "<SystemStatusResponse xmlns=\""u8);
        Text(output, CstaNamespaces.For(flavour));
        Raw(output, "\"/>"u8);
    }

    /// <summary>
    /// ECMA-354 StartApplicationSession (namespace appl_session): <c>applicationInfo/applicationID</c>, with an
    /// Avaya <c>acx:SessionLoginInfo</c> (user name, password, sessionCleanupDelay) in applicationSpecificInfo when
    /// <paramref name="userName"/> is given (f-me/dmcc Request.hs), then <c>requestedProtocolVersions</c> and
    /// <c>requestedSessionDuration</c> in seconds.
    /// </summary>
    public static void WriteStartApplicationSession(
        IBufferWriter<byte> output, string applicationId, string protocolVersion, int requestedSessionDurationSeconds,
        string? userName = null, string? password = null, int? sessionCleanupDelaySeconds = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegative(requestedSessionDurationSeconds);
        Raw(output, Declaration);
        Raw(output, "<StartApplicationSession xmlns=\""u8);
        Text(output, CstaNamespaces.ApplicationSession);
        if (userName is not null)
        {
            Raw(output, "\" xmlns:acx=\""u8);
            Text(output, CstaNamespaces.AvayaPrivate);
        }

        Raw(output, "\"><applicationInfo>"u8);
        Element(output, "applicationID", applicationId);
        if (userName is not null)
        {
            Raw(output, "<applicationSpecificInfo><acx:SessionLoginInfo>"u8);
            Element(output, "acx:userName", userName);
            Element(output, "acx:password", password ?? "");
            if (sessionCleanupDelaySeconds is { } delay)
            {
                Element(output, "acx:sessionCleanupDelay", Seconds(delay));
            }

            Raw(output, "</acx:SessionLoginInfo></applicationSpecificInfo>"u8);
        }

        Raw(output, "</applicationInfo><requestedProtocolVersions>"u8);
        Element(output, "protocolVersion", protocolVersion);
        Raw(output, "</requestedProtocolVersions>"u8);
        Element(output, "requestedSessionDuration", Seconds(requestedSessionDurationSeconds));
        Raw(output, "</StartApplicationSession>"u8);
    }

    /// <summary>ECMA-354 ResetApplicationSessionTimer: <c>sessionID</c>, <c>requestedSessionDuration</c> in seconds.</summary>
    public static void WriteResetApplicationSessionTimer(IBufferWriter<byte> output, string sessionId, int requestedSessionDurationSeconds)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegative(requestedSessionDurationSeconds);
        OpenSession(output, "ResetApplicationSessionTimer");
        Element(output, "sessionID", sessionId);
        Element(output, "requestedSessionDuration", Seconds(requestedSessionDurationSeconds));
        Close(output, "ResetApplicationSessionTimer");
    }

    /// <summary>ECMA-354 StopApplicationSession: <c>sessionID</c>, <c>sessionEndReason/definedEndReason</c> normal.</summary>
    public static void WriteStopApplicationSession(IBufferWriter<byte> output, string sessionId)
    {
        ArgumentNullException.ThrowIfNull(output);
        OpenSession(output, "StopApplicationSession");
        Element(output, "sessionID", sessionId);
        Raw(output, "<sessionEndReason><definedEndReason>normal</definedEndReason></sessionEndReason>"u8);
        Close(output, "StopApplicationSession");
    }

    /// <summary>
    /// ECMA-269 SetAgentState: <c>device</c>, <c>requestedAgentState</c> (loggedOn, loggedOff, ready, notReady,
    /// workingAfterCall), then <c>agentID</c> and <c>group</c> when given (log-on needs them on most switches).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="requestedAgentState"/> is not an ECMA-269 value.</exception>
    public static void WriteSetAgentState(
        IBufferWriter<byte> output, CstaDialectFlavour flavour, string device, string requestedAgentState, string? agentId = null, string? group = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!CstaAgentStates.Requested.Contains(requestedAgentState))
        {
            throw new ArgumentException(
                $"requestedAgentState '{requestedAgentState}' is not one of {string.Join(", ", CstaAgentStates.Requested)}.", nameof(requestedAgentState));
        }

        Open(output, "SetAgentState", flavour);
        Element(output, "device", device);
        Element(output, "requestedAgentState", requestedAgentState);
        if (agentId is not null)
        {
            Element(output, "agentID", agentId);
        }

        if (group is not null)
        {
            Element(output, "group", group);
        }

        Close(output, "SetAgentState");
    }

    /// <summary>ECMA-269 SetDoNotDisturb: <c>device</c>, <c>doNotDisturbOn</c> (true or false).</summary>
    public static void WriteSetDoNotDisturb(IBufferWriter<byte> output, CstaDialectFlavour flavour, string device, bool on)
    {
        ArgumentNullException.ThrowIfNull(output);
        Open(output, "SetDoNotDisturb", flavour);
        Element(output, "device", device);
        Element(output, "doNotDisturbOn", on ? "true" : "false");
        Close(output, "SetDoNotDisturb");
    }

    /// <summary>
    /// ECMA-269 SetForwarding: <c>device</c>, <c>forwardingType</c> (forwardImmediate, forwardBusy, forwardNoAns, ...),
    /// <c>activateForward</c>, then <c>forwardDN</c> when given (activation needs it).
    /// </summary>
    public static void WriteSetForwarding(IBufferWriter<byte> output, CstaDialectFlavour flavour, string device, string forwardingType, bool activate, string? forwardDn)
    {
        ArgumentNullException.ThrowIfNull(output);
        Open(output, "SetForwarding", flavour);
        Element(output, "device", device);
        Element(output, "forwardingType", forwardingType);
        Element(output, "activateForward", activate ? "true" : "false");
        if (forwardDn is { Length: > 0 })
        {
            Element(output, "forwardDN", forwardDn);
        }

        Close(output, "SetForwarding");
    }

    /// <summary>ECMA-269 GetAgentState: <c>device</c>.</summary>
    public static void WriteGetAgentState(IBufferWriter<byte> output, CstaDialectFlavour flavour, string device)
    {
        ArgumentNullException.ThrowIfNull(output);
        Open(output, "GetAgentState", flavour);
        Element(output, "device", device);
        Close(output, "GetAgentState");
    }

    /// <summary>
    /// Avaya DMCC GetDeviceId (namespace http://www.avaya.com/csta): <c>switchName</c> and/or
    /// <c>switchIPInterface</c> (at least one), <c>extension</c>.
    /// </summary>
    public static void WriteGetDeviceId(IBufferWriter<byte> output, string? switchName, string extension, string? switchIpInterface = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentException.ThrowIfNullOrEmpty(extension);
        if (string.IsNullOrEmpty(switchName) && string.IsNullOrEmpty(switchIpInterface))
        {
            throw new ArgumentException("GetDeviceId needs a switchName or a switchIPInterface.", nameof(switchName));
        }

        Raw(output, Declaration);
        Raw(output, "<GetDeviceId xmlns=\""u8);
        Text(output, CstaNamespaces.AvayaPrivate);
        Raw(output, "\">"u8);
        if (!string.IsNullOrEmpty(switchName))
        {
            Element(output, "switchName", switchName);
        }

        if (!string.IsNullOrEmpty(switchIpInterface))
        {
            Element(output, "switchIPInterface", switchIpInterface);
        }

        Element(output, "extension", extension);
        Raw(output, "<controllableByOtherSessions>true</controllableByOtherSessions></GetDeviceId>"u8);
    }

    private static void CheckDtmf(string charactersToSend)
    {
        if (!IsDtmf(charactersToSend))
        {
            throw new ArgumentException(
                $"charactersToSend '{charactersToSend}' is not 1 to {MaxDtmfCharacters} DTMF characters (0-9, *, #, A-D, ',').", nameof(charactersToSend));
        }
    }

    private static void OpenSession(IBufferWriter<byte> output, string root)
    {
        Raw(output, Declaration);
        Raw(output, "<"u8);
        Ascii(output, root);
        Raw(output, " xmlns=\""u8);
        Text(output, CstaNamespaces.ApplicationSession);
        Raw(output, "\">"u8);
    }

    private static string Seconds(int seconds) => seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void WriteConnections(
        IBufferWriter<byte> output, CstaDialectFlavour flavour, string root, string name, CstaConnectionId connection, string? secondName = null, CstaConnectionId secondConnection = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        Open(output, root, flavour);
        Connection(output, name, connection);
        if (secondName is not null)
        {
            Connection(output, secondName, secondConnection);
        }

        Close(output, root);
    }

    private static void WriteConnectionAndDevice(
        IBufferWriter<byte> output, CstaDialectFlavour flavour, string root, string name, CstaConnectionId connection, string deviceName, string device)
    {
        ArgumentNullException.ThrowIfNull(output);
        Open(output, root, flavour);
        Connection(output, name, connection);
        Element(output, deviceName, device);
        Close(output, root);
    }

    private static void Open(IBufferWriter<byte> output, string root, CstaDialectFlavour flavour)
    {
        Raw(output, Declaration);
        Raw(output, "<"u8);
        Ascii(output, root);
        Raw(output, " xmlns=\""u8);
        Text(output, CstaNamespaces.For(flavour));
        Raw(output, "\">"u8);
    }

    private static void Close(IBufferWriter<byte> output, string root)
    {
        Raw(output, "</"u8);
        Ascii(output, root);
        Raw(output, ">"u8);
    }

    private static void Connection(IBufferWriter<byte> output, string name, CstaConnectionId connection)
    {
        Raw(output, "<"u8);
        Ascii(output, name);
        Raw(output, ">"u8);
        Element(output, "callID", connection.CallId);
        Element(output, "deviceID", connection.DeviceId);
        Raw(output, "</"u8);
        Ascii(output, name);
        Raw(output, ">"u8);
    }

    private static void Element(IBufferWriter<byte> output, string name, string value)
    {
        Raw(output, "<"u8);
        Ascii(output, name);
        Raw(output, ">"u8);
        Text(output, value);
        Raw(output, "</"u8);
        Ascii(output, name);
        Raw(output, ">"u8);
    }

    private static void Raw(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes) => output.Write(bytes);

    /// <summary>A non-negative number in decimal, formatted straight into the output.</summary>
    private static void Number(IBufferWriter<byte> output, int value)
    {
        var span = output.GetSpan(11);
        if (!System.Buffers.Text.Utf8Formatter.TryFormat(value, span, out var written))
        {
            throw new InvalidOperationException("The buffer writer gave less than the 11 bytes asked for.");
        }

        output.Advance(written);
    }

    private static void Ascii(IBufferWriter<byte> output, string name) => CstaXmlText.WriteAscii(output, name);

    private static void Text(IBufferWriter<byte> output, string value) => CstaXmlText.WriteEscaped(output, value);
}
