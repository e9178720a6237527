// Values from the public T-Library tables (docs: ../../docs/wire-format.md, source: reference tlib.md).
namespace CtiGateway.Protocol;

/// <summary>TXRouteType (AttributeXRouteType 89, ISCC).</summary>
public enum XRouteType
{
    /// <summary>Default (-1).</summary>
    Default = -1,
    /// <summary>Route (0).</summary>
    Route = 0,
    /// <summary>Direct (1).</summary>
    Direct = 1,
    /// <summary>Reroute (2).</summary>
    Reroute = 2,
    /// <summary>DirectUUI (3).</summary>
    DirectUUI = 3,
    /// <summary>DirectANI (4).</summary>
    DirectANI = 4,
    /// <summary>DirectNoToken (5).</summary>
    DirectNoToken = 5,
    /// <summary>DNISPooling (6).</summary>
    DNISPooling = 6,
    /// <summary>DirectDigits (7).</summary>
    DirectDigits = 7,
    /// <summary>PullBack (8).</summary>
    PullBack = 8,
    /// <summary>ExtProtocol (9).</summary>
    ExtProtocol = 9,
    /// <summary>RouteUUI (10).</summary>
    RouteUUI = 10,
    /// <summary>DirectNetworkCallID (11).</summary>
    DirectNetworkCallID = 11,
}
