namespace CtiGateway.CallModel;

/// <summary>The kinds of inconsistency the call model reports as hardware errors.</summary>
public enum CallModelFaultKind
{
    /// <summary>An event for a call the model does not hold (never reported, or already ended).</summary>
    UnknownCall,

    /// <summary>An event that a party in its current state cannot take (held when not connected, and so on).</summary>
    ImpossibleState,

    /// <summary>An event without an element the model needs (an empty callID, no added party, ...).</summary>
    MissingElement,

    /// <summary>A new call beyond <see cref="CallModelOptions.MaxCalls"/>.</summary>
    CallTableFull,
}
