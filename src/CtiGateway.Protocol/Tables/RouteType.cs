// Values from the public T-Library tables (docs: ../../docs/wire-format.md, source: reference tlib.md).
namespace CtiGateway.Protocol;

/// <summary>TRouteType (AttributeRouteType 60).</summary>
public enum RouteType
{
    /// <summary>Unknown (0).</summary>
    Unknown = 0,
    /// <summary>Default (1).</summary>
    Default = 1,
    /// <summary>Label (2).</summary>
    Label = 2,
    /// <summary>OverwriteDNIS (3).</summary>
    OverwriteDNIS = 3,
    /// <summary>DDD (4).</summary>
    DDD = 4,
    /// <summary>IDDD (5).</summary>
    IDDD = 5,
    /// <summary>Direct (6).</summary>
    Direct = 6,
    /// <summary>Reject (7).</summary>
    Reject = 7,
    /// <summary>Announcement (8).</summary>
    Announcement = 8,
    /// <summary>PostFeature (9).</summary>
    PostFeature = 9,
    /// <summary>DirectAgent (10).</summary>
    DirectAgent = 10,
    /// <summary>Priority (11).</summary>
    Priority = 11,
    /// <summary>DirectPriority (12).</summary>
    DirectPriority = 12,
    /// <summary>AgentID (13).</summary>
    AgentID = 13,
    /// <summary>CallDisconnect (14).</summary>
    CallDisconnect = 14,
}
