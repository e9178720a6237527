// Values from the public T-Library tables (docs: ../../docs/wire-format.md, source: reference tlib.md).
namespace CtiGateway.Protocol;

/// <summary>TControlMode (AttributeControlMode 50).</summary>
public enum ControlMode
{
    /// <summary>RegisterDefault (0).</summary>
    RegisterDefault = 0,
    /// <summary>RegisterForce (1).</summary>
    RegisterForce = 1,
    /// <summary>RegisterLocal (2).</summary>
    RegisterLocal = 2,
}
