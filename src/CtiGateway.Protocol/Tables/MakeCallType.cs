// Values from the public T-Library tables (docs: ../../docs/wire-format.md, source: reference tlib.md).
namespace CtiGateway.Protocol;

/// <summary>TMakeCallType (AttributeMakeCallType 73).</summary>
public enum MakeCallType
{
    /// <summary>Regular (0).</summary>
    Regular = 0,
    /// <summary>DirectAgent (1).</summary>
    DirectAgent = 1,
    /// <summary>SupervisorAssist (2).</summary>
    SupervisorAssist = 2,
    /// <summary>Priority (3).</summary>
    Priority = 3,
    /// <summary>DirectPriority (4).</summary>
    DirectPriority = 4,
}
