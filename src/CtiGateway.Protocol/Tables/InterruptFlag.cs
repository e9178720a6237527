// Values from the public T-Library tables (docs: ../../docs/wire-format.md, source: reference tlib.md).
namespace CtiGateway.Protocol;

/// <summary>TInterruptFlag (voice treatments).</summary>
public enum InterruptFlag
{
    /// <summary>Uninterruptable (1).</summary>
    Uninterruptable = 1,
    /// <summary>Interruptable (2).</summary>
    Interruptable = 2,
}
