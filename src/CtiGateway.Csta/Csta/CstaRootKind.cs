namespace CtiGateway.Pbx.Csta;

/// <summary>How the UTF-8 decoder reads the content of a known CSTA-XML root element.</summary>
internal enum CstaRootKind
{
    CallEvent,
    AgentEvent,
    MonitorEnded,
    MaintenanceEvent,
    SystemStatus,
    MonitorStartResponse,
    SystemRegisterResponse,
    MakeCallResponse,
    StartApplicationSessionPosResponse,
    ApplicationSessionResponse,
    ConsultationCallResponse,
    TransferCallResponse,
    ConferenceCallResponse,
    SingleStepConferenceCallResponse,
    SnapshotDeviceResponse,
    GetAgentStateResponse,
    GetDeviceIdResponse,
    ErrorCode,
    Acknowledgement,
}
