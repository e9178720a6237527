using CtiGateway.Protocol;

namespace CtiGateway.CallModel;

/// <summary>
/// A call-level hardware error: an inconsistency in the switch's call events, naming the CSTA element at fault
/// (e.g. <c>HeldEvent/heldConnection</c>). The switch layer publishes it as EventHardwareError, adding the link.
/// </summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="Element">The CSTA element at fault, as <c>RootElement/child</c>.</param>
/// <param name="CallId">The CSTA callID concerned (empty when the event had none).</param>
/// <param name="DeviceId">The device concerned, when there is one.</param>
/// <param name="Detail">A sentence saying what was wrong.</param>
public sealed record CallModelFault(CallModelFaultKind Kind, string Element, string CallId, string? DeviceId, string Detail)
{
    /// <summary>The kind as the hardware error's cause text: unknown-call, impossible-state, missing-element, call-table-full.</summary>
    /// <summary>The gateway's ConnID of the call, when the model holds the call.</summary>
    public ConnId? ConnId { get; init; }

    /// <summary>The call's PreviousConnID (a consultation call), when it has one.</summary>
    public ConnId? PreviousConnId { get; init; }

    /// <summary>The DN of this switch the fault concerns (the device, when it is one of the switch's DNs), or null.</summary>
    public string? Dn { get; init; }

    public string Cause => Kind switch
    {
        CallModelFaultKind.UnknownCall => "unknown-call",
        CallModelFaultKind.ImpossibleState => "impossible-state",
        CallModelFaultKind.MissingElement => "missing-element",
        _ => "call-table-full",
    };
}
