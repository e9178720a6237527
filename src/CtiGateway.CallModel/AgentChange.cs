namespace CtiGateway.CallModel;

/// <summary>What an agent request, or the switch, changes of an agent.</summary>
public enum AgentChange
{
    /// <summary>RequestAgentLogin: the agent logs in (to a queue, when one is named).</summary>
    Login,

    /// <summary>RequestAgentLogout: the agent leaves a queue, or logs out.</summary>
    Logout,

    /// <summary>RequestAgentReady.</summary>
    Ready,

    /// <summary>RequestAgentNotReady (AfterCallWork when its AgentWorkMode says so).</summary>
    NotReady,
}
