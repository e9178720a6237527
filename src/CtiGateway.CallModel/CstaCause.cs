namespace CtiGateway.CallModel;

/// <summary>The ECMA-269 EventCause values the call model acts on; the rest are <see cref="Other"/>.</summary>
internal enum CstaCause
{
    None,
    Other,
    NewCall,
    MakeCall,
    Consultation,
    Transfer,
    SingleStepTransfer,
    Conference,
    SingleStepConference,
    Redirected,
    CallForward,
    Busy,
    DestNotObtainable,
    NoAnswer,
    TrunksBusy,
    Reorder,
    NormalClearing,
}
