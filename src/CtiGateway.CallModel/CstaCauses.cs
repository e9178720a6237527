using CtiGateway.Protocol;

namespace CtiGateway.CallModel;

/// <summary>Reads the EventCause text and maps causes to T-Library CallState values.</summary>
internal static class CstaCauses
{
    public static CstaCause Parse(string? cause) => cause switch
    {
        null or "" => CstaCause.None,
        "newCall" => CstaCause.NewCall,
        "makeCall" => CstaCause.MakeCall,
        "consultation" => CstaCause.Consultation,
        "transfer" => CstaCause.Transfer,
        "singleStepTransfer" => CstaCause.SingleStepTransfer,
        "conference" => CstaCause.Conference,
        "singleStepConference" => CstaCause.SingleStepConference,
        "redirected" or "deflect" or "callPickup" => CstaCause.Redirected,
        "callForward" or "callForwardImmediate" or "callForwardBusy" or "callForwardNoAnswer" or "forward" => CstaCause.CallForward,
        "busy" or "blocked" => CstaCause.Busy,
        "destNotObtainable" or "numberChanged" or "doNotDisturb" => CstaCause.DestNotObtainable,
        "noAnswer" or "callNotAnswered" => CstaCause.NoAnswer,
        "trunksBusy" or "resourcesNotAvailable" => CstaCause.TrunksBusy,
        "reorderTone" => CstaCause.Reorder,
        "normalClearing" or "normal" => CstaCause.NormalClearing,
        _ => CstaCause.Other,
    };

    /// <summary>The CallState of EventDestinationBusy for a FailedEvent's cause.</summary>
    public static CallState FailureState(CstaCause cause) => cause switch
    {
        CstaCause.DestNotObtainable => CallState.SitInvalidnum,
        CstaCause.NoAnswer => CallState.NoAnswer,
        CstaCause.TrunksBusy => CallState.AllTrunksBusy,
        CstaCause.Reorder => CallState.SitReorder,
        _ => CallState.Busy,
    };

    /// <summary>The CallState of a party's arrival for the cause of its DeliveredEvent (OK unless it was sent on).</summary>
    public static CallState ArrivalState(CstaCause cause) => cause switch
    {
        CstaCause.Redirected => CallState.Redirected,
        CstaCause.CallForward => CallState.Forwarded,
        CstaCause.SingleStepTransfer => CallState.Transferred,
        _ => CallState.Ok,
    };
}
