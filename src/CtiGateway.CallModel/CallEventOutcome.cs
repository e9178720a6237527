namespace CtiGateway.CallModel;

/// <summary>What became of one switch event.</summary>
public enum CallEventOutcome
{
    /// <summary>The model changed (possibly without any T-Library event: a party outside the switch, an off-hook).</summary>
    Applied,

    /// <summary>
    /// A copy of an event already applied: the switch reports an event once per monitor of each device in the call,
    /// so the copies after the first change nothing.
    /// </summary>
    Duplicate,

    /// <summary>An inconsistency: a hardware error was reported (and, for a call, a resynchronisation asked for).</summary>
    Fault,
}
