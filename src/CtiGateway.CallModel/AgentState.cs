namespace CtiGateway.CallModel;

/// <summary>Where an agent is, as the T-Library agent events report it.</summary>
public enum AgentState
{
    /// <summary>No agent logged in (EventAgentLogout).</summary>
    LoggedOut,

    /// <summary>Logged in and not ready (EventAgentNotReady), with a work mode other than after-call work.</summary>
    NotReady,

    /// <summary>Logged in and not ready in after-call work (EventAgentNotReady, AgentWorkMode AfterCallWork).</summary>
    AfterCallWork,

    /// <summary>Logged in and ready for calls (EventAgentReady).</summary>
    Ready,
}
