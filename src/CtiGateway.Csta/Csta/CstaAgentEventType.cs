namespace CtiGateway.Pbx.Csta;

/// <summary>The ECMA-269 logical-device (agent) events the dialect decodes.</summary>
public enum CstaAgentEventType
{
    AgentLoggedOn,
    AgentLoggedOff,
    AgentReady,
    AgentNotReady,
    AgentWorkingAfterCall,
    AgentBusy,
}
