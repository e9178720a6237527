// Values from the public T-Library tables (docs: ../../docs/wire-format.md, source: reference tlib.md).
namespace CtiGateway.Protocol;

/// <summary>TClearFlag (voice treatments).</summary>
public enum ClearFlag
{
    /// <summary>Clear (1).</summary>
    Clear = 1,
    /// <summary>NotClear (2).</summary>
    NotClear = 2,
}
