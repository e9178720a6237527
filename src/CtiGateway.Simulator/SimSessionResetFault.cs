namespace CtiGateway.Simulator;

/// <summary>Fault injection for ResetApplicationSessionTimer on an AES-style simulator.</summary>
public enum SimSessionResetFault
{
    /// <summary>Resets are answered and restart the session timer.</summary>
    None,

    /// <summary>Resets get no answer and do not restart the timer (the session then expires).</summary>
    Ignore,

    /// <summary>Resets get ResetApplicationSessionTimerNegResponse.</summary>
    Refuse,
}
