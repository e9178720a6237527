// Values from the public T-Library tables (docs: ../../docs/wire-format.md, source: reference tlib.md).
namespace CtiGateway.Protocol;

/// <summary>TAgentWorkMode (AttributeAgentWorkMode 16).</summary>
public enum AgentWorkMode
{
    /// <summary>Unknown (0).</summary>
    Unknown = 0,
    /// <summary>ManualIn (1).</summary>
    ManualIn = 1,
    /// <summary>AutoIn (2).</summary>
    AutoIn = 2,
    /// <summary>AfterCallWork (3).</summary>
    AfterCallWork = 3,
    /// <summary>AuxWork (4).</summary>
    AuxWork = 4,
    /// <summary>NoCallDisconnect (5).</summary>
    NoCallDisconnect = 5,
    /// <summary>WalkAway (6).</summary>
    WalkAway = 6,
    /// <summary>ReturnBack (7).</summary>
    ReturnBack = 7,
}
