// Values from the public T-Library tables (docs: ../../docs/wire-format.md, source: reference tlib.md).
namespace CtiGateway.Protocol;

/// <summary>TForwardMode (AttributeForwardMode 67).</summary>
public enum ForwardMode
{
    /// <summary>None (0).</summary>
    None = 0,
    /// <summary>Unconditional (1).</summary>
    Unconditional = 1,
    /// <summary>OnBusy (2).</summary>
    OnBusy = 2,
    /// <summary>OnNoAnswer (3).</summary>
    OnNoAnswer = 3,
    /// <summary>OnBusyAndNoAnswer (4).</summary>
    OnBusyAndNoAnswer = 4,
    /// <summary>SendAllCalls (5).</summary>
    SendAllCalls = 5,
}
