using System.Collections.Frozen;

namespace CtiGateway.Pbx.Profiles;

/// <summary>The names a profile may use: quirk flags, CSTA services and the fixed value sets.</summary>
public static class ProfileVocabulary
{
    /// <summary>The quirk flags the gateway knows, with what each one means.</summary>
    public static readonly FrozenDictionary<string, string> Quirks = new Dictionary<string, string>
    {
        ["agent-events-not-reported-poll-agent-state"] = "the switch reports no agent-state events (DMCC 6.2.x and later): poll GetAgentState",
        ["switch-invoke-ids-may-repeat"] = "invoke ids from the peer may repeat (pyssimist numbers from 0000): do not reject a reused id",
        ["device-id-noa-syntax"] = "device ids carry the N<dn>;noa=nk syntax and must be reduced to the DN",
        ["private-data-scx"] = "events carry scx: private data (Siemens namespace) that is ignored",
        ["actual-hbt-in-session-extensions"] = "StartApplicationSessionPosResponse reports the heartbeat in extensions/actualHBT",
        ["system-status-after-call-associated-response"] = "a SystemStatus event follows every call-associated response",
        ["transferred-event-standard-spelling"] = "the transfer event is spelled TransferedEvent, as in the standard",
        ["lapb-information-field-is-csta-frame"] = "the LAPB information fields carry the CSTA-XML frames themselves (cut at n1 - 4 octets), no X.25 packet layer",
        ["bsc-relinquish-send-right-on-contention"] = "on ENQ contention the gateway relinquishes the send right to the switch",
        ["bsc-mixed-ebcdic-control-codes"] = "ACK0/ACK1/WACK/RVI use DLE-prefixed EBCDIC-style codes mixed with ASCII STX/ETX/EOT",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The CSTA services a profile may list as supported.</summary>
    public static readonly FrozenSet<string> Services = new[]
    {
        "MonitorStart", "MonitorStop", "MakeCall", "AnswerCall", "ClearConnection", "ClearCall", "HoldCall",
        "RetrieveCall", "ConsultationCall", "TransferCall", "ConferenceCall", "DeflectCall", "SingleStepTransferCall",
        "SingleStepConferenceCall", "AlternateCall", "ReconnectCall", "GenerateDigits", "SnapshotDevice", "SystemStatus", "SystemRegister", "RequestSystemStatus", "GetAgentState", "SetAgentState",
        "StartApplicationSession", "StopApplicationSession", "ResetApplicationSessionTimer", "GetDeviceId",
        "SetDoNotDisturb", "SetForwarding",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The standard serial baud rates accepted.</summary>
    public static readonly FrozenSet<int> BaudRates = new[]
    {
        110, 300, 600, 1200, 2400, 4800, 9600, 14400, 19200, 28800, 38400, 57600, 115200, 230400,
    }.ToFrozenSet();
}
