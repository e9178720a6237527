// Values from the public T-Library tables (docs: ../../docs/wire-format.md, source: reference tlib.md).
namespace CtiGateway.Protocol;

/// <summary>TKVType: the value types of a key-value list (UserData, Reasons, Extensions).</summary>
public enum KeyValueType : byte
{
    /// <summary>String (0).</summary>
    String = 0,
    /// <summary>Int (1).</summary>
    Int = 1,
    /// <summary>Binary (2).</summary>
    Binary = 2,
    /// <summary>List (3).</summary>
    List = 3,
    /// <summary>Unicode (4).</summary>
    Unicode = 4,
}
