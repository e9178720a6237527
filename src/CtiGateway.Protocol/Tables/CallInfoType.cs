// Values from the public T-Library tables (docs: ../../docs/wire-format.md, source: reference tlib.md).
namespace CtiGateway.Protocol;

/// <summary>TCallInfoType (AttributeCallInfoType 74).</summary>
public enum CallInfoType
{
    /// <summary>PartiesQuery (0).</summary>
    PartiesQuery = 0,
    /// <summary>StatusQuery (1).</summary>
    StatusQuery = 1,
}
