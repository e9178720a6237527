// Values from the public T-Library tables (docs: ../../docs/wire-format.md, source: reference tlib.md).
namespace CtiGateway.Protocol;

/// <summary>TAddressType (AttributeAddressType 47).</summary>
public enum AddressType
{
    /// <summary>Unknown (0).</summary>
    Unknown = 0,
    /// <summary>DN (1).</summary>
    DN = 1,
    /// <summary>Position (2).</summary>
    Position = 2,
    /// <summary>Queue (3).</summary>
    Queue = 3,
    /// <summary>RouteDN (4).</summary>
    RouteDN = 4,
    /// <summary>Trunk (5).</summary>
    Trunk = 5,
    /// <summary>VoiceChannel (6).</summary>
    VoiceChannel = 6,
    /// <summary>DataChannel (7).</summary>
    DataChannel = 7,
    /// <summary>Announcement (8).</summary>
    Announcement = 8,
    /// <summary>ASAI (9).</summary>
    ASAI = 9,
    /// <summary>ACDGroup (10).</summary>
    ACDGroup = 10,
    /// <summary>VSP (11).</summary>
    VSP = 11,
    /// <summary>RouteQueue (12).</summary>
    RouteQueue = 12,
    /// <summary>AgentID (13).</summary>
    AgentID = 13,
    /// <summary>Other (99).</summary>
    Other = 99,
}
