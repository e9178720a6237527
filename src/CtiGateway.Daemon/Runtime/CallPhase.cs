namespace CtiGateway.Daemon;

/// <summary>
/// Where a live call stands, for the counts of <c>ctigw status</c>, taken from its parties' states by the first rule
/// that holds: a party held (held), a party ringing (ringing), a party waiting in a queue or at a route point (queued),
/// a party dialing or off hook (dialing), a party talking (established), a party whose call failed (failed), else other.
/// </summary>
internal enum CallPhase
{
    /// <summary>The caller dialed (or is off hook); nobody rings yet.</summary>
    Dialing,

    /// <summary>A party is alerting.</summary>
    Ringing,

    /// <summary>A party is an ACD queue or a route point holding the call.</summary>
    Queued,

    /// <summary>The parties talk.</summary>
    Established,

    /// <summary>A party holds the call.</summary>
    Held,

    /// <summary>The call did not reach its destination (busy, invalid number).</summary>
    Failed,

    /// <summary>None of the above (e.g. no party left yet to report).</summary>
    Other,
}
