// Values from the public T-Library tables (docs: ../../docs/wire-format.md, source: reference tlib.md).
namespace CtiGateway.Protocol;

/// <summary>TNetworkCallState (AttributeNetworkCallState 136).</summary>
public enum NetworkCallState
{
    /// <summary>Unknown (0).</summary>
    Unknown = 0,
    /// <summary>Consulting (1).</summary>
    Consulting = 1,
    /// <summary>ConsultHeld (2).</summary>
    ConsultHeld = 2,
    /// <summary>Transferred (3).</summary>
    Transferred = 3,
    /// <summary>Conferenced (4).</summary>
    Conferenced = 4,
    /// <summary>Reconnected (5).</summary>
    Reconnected = 5,
    /// <summary>Disconnected (6).</summary>
    Disconnected = 6,
    /// <summary>Null (7).</summary>
    Null = 7,
}
