namespace CtiGateway.CallModel;

/// <summary>A party's state in the model (the T-Server's view, finer than the CSTA local connection state).</summary>
internal enum PartyStatus
{
    /// <summary>Off hook, nothing dialled yet (CSTA initiated).</summary>
    Initiated,

    /// <summary>The caller: dialled, the call not yet answered (CSTA connected at the originator).</summary>
    Dialing,

    /// <summary>Ringing (CSTA alerting).</summary>
    Alerting,

    /// <summary>Waiting in an ACD queue or at a routing point (CSTA queued).</summary>
    Queued,

    /// <summary>Added by a single-step conference, not yet ringing or answering.</summary>
    Joining,

    /// <summary>Talking (CSTA connected).</summary>
    Connected,

    /// <summary>Held (CSTA hold).</summary>
    Held,

    /// <summary>The call could not reach its destination (busy, invalid number): CSTA fail at the caller.</summary>
    Failed,

    /// <summary>Gone from the call.</summary>
    Released,
}
