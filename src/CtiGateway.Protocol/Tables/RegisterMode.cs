// Values from the public T-Library tables (docs: ../../docs/wire-format.md, source: reference tlib.md).
namespace CtiGateway.Protocol;

/// <summary>TRegisterMode (AttributeRegisterMode 49).</summary>
public enum RegisterMode
{
    /// <summary>ModeShare (0).</summary>
    ModeShare = 0,
    /// <summary>ModePrivate (1).</summary>
    ModePrivate = 1,
    /// <summary>ModeMonitor (2).</summary>
    ModeMonitor = 2,
}
