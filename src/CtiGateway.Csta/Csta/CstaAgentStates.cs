namespace CtiGateway.Pbx.Csta;

/// <summary>
/// The agent-state value sets of ECMA-269/323: <c>requestedAgentState</c> of SetAgentState (what an application asks
/// for) and <c>agentState</c> of GetAgentStateResponse (what the switch reports).
/// </summary>
public static class CstaAgentStates
{
    /// <summary>requestedAgentState values.</summary>
    public static readonly IReadOnlySet<string> Requested = new HashSet<string>(StringComparer.Ordinal)
    {
        "loggedOn", "loggedOff", "ready", "notReady", "workingAfterCall",
    };

    /// <summary>agentState values.</summary>
    public static readonly IReadOnlySet<string> Reported = new HashSet<string>(StringComparer.Ordinal)
    {
        "agentNull", "agentReady", "agentNotReady", "agentBusy", "agentWorkingAfterCall",
    };
}
