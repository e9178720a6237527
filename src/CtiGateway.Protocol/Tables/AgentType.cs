// Values from the public T-Library tables (docs: ../../docs/wire-format.md, source: reference tlib.md).
namespace CtiGateway.Protocol;

/// <summary>TAgentType (TAgentLogin).</summary>
public enum AgentType
{
    /// <summary>Agent (0).</summary>
    Agent = 0,
    /// <summary>Supervisor (1).</summary>
    Supervisor = 1,
}
