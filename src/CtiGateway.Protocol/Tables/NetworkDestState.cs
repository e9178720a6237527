// Values from the public T-Library tables (docs: ../../docs/wire-format.md, source: reference tlib.md).
namespace CtiGateway.Protocol;

/// <summary>TNetworkDestState (AttributeNetworkDestState 137).</summary>
public enum NetworkDestState
{
    /// <summary>Unknown (0).</summary>
    Unknown = 0,
    /// <summary>Routing (1).</summary>
    Routing = 1,
    /// <summary>Delivering (2).</summary>
    Delivering = 2,
    /// <summary>NoParty (3).</summary>
    NoParty = 3,
    /// <summary>Ok (4).</summary>
    Ok = 4,
}
