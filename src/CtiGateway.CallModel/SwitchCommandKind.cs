namespace CtiGateway.CallModel;

/// <summary>The CSTA service a client request becomes (one per ECMA-269 service the gateway sends).</summary>
public enum SwitchCommandKind
{
    /// <summary>MakeCall (TMakeCall).</summary>
    MakeCall,

    /// <summary>AnswerCall (TAnswerCall).</summary>
    AnswerCall,

    /// <summary>ClearConnection (TReleaseCall, TDeleteFromConference).</summary>
    ClearConnection,

    /// <summary>ClearCall (TClearCall).</summary>
    ClearCall,

    /// <summary>HoldCall (THoldCall).</summary>
    HoldCall,

    /// <summary>RetrieveCall (TRetrieveCall).</summary>
    RetrieveCall,

    /// <summary>ConsultationCall (TInitiateTransfer, TInitiateConference).</summary>
    ConsultationCall,

    /// <summary>ConsultationCall, then TransferCall as soon as the switch accepts it (TMuteTransfer).</summary>
    MuteTransfer,

    /// <summary>TransferCall (TCompleteTransfer, TMergeCalls for a transfer).</summary>
    TransferCall,

    /// <summary>ConferenceCall (TCompleteConference, TMergeCalls for a conference).</summary>
    ConferenceCall,

    /// <summary>SingleStepTransferCall (TSingleStepTransfer).</summary>
    SingleStepTransferCall,

    /// <summary>SingleStepConferenceCall (TSingleStepConference).</summary>
    SingleStepConferenceCall,

    /// <summary>AlternateCall (TAlternateCall).</summary>
    AlternateCall,

    /// <summary>ReconnectCall (TReconnectCall).</summary>
    ReconnectCall,

    /// <summary>DeflectCall (TRedirectCall).</summary>
    DeflectCall,

    /// <summary>GenerateDigits (TSendDTMF).</summary>
    GenerateDigits,

    /// <summary>SetAgentState (TAgentLogin, TAgentLogout, TAgentSetReady, TAgentSetNotReady where the switch keeps agent state).</summary>
    SetAgentState,

    /// <summary>SetDoNotDisturb (TSetDNDOn, TSetDNDOff).</summary>
    SetDoNotDisturb,

    /// <summary>SetForwarding (TCallSetForward, TCallCancelForward).</summary>
    SetForwarding,
}
