// Values from the public T-Library tables (docs: ../../docs/wire-format.md, source: reference tlib.md).
namespace CtiGateway.Protocol;

/// <summary>TCallType (AttributeCallType 54).</summary>
public enum CallType
{
    /// <summary>Unknown (0).</summary>
    Unknown = 0,
    /// <summary>Internal (1).</summary>
    Internal = 1,
    /// <summary>Inbound (2).</summary>
    Inbound = 2,
    /// <summary>Outbound (3).</summary>
    Outbound = 3,
    /// <summary>Consult (4).</summary>
    Consult = 4,
}
