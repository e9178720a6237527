// Values from the public T-Library tables (docs: ../../docs/wire-format.md, source: reference tlib.md).
namespace CtiGateway.Protocol;

/// <summary>TSwitchInfoType (AttributeSwitchInfoType 88).</summary>
public enum SwitchInfoType
{
    /// <summary>Unused (0).</summary>
    Unused = 0,
    /// <summary>DateTime (1).</summary>
    DateTime = 1,
    /// <summary>ClassifierStat (2).</summary>
    ClassifierStat = 2,
}
