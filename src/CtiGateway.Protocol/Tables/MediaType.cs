// Values from the public T-Library tables (docs: ../../docs/wire-format.md, source: reference tlib.md).
namespace CtiGateway.Protocol;

/// <summary>TMediaType (AttributeMediaType 97); 100 and above are custom media.</summary>
public enum MediaType
{
    /// <summary>Voice (0).</summary>
    Voice = 0,
    /// <summary>VoIP (1).</summary>
    VoIP = 1,
    /// <summary>EMail (2).</summary>
    EMail = 2,
    /// <summary>VMail (3).</summary>
    VMail = 3,
    /// <summary>SMail (4).</summary>
    SMail = 4,
    /// <summary>Chat (5).</summary>
    Chat = 5,
    /// <summary>Video (6).</summary>
    Video = 6,
    /// <summary>Cobrowsing (7).</summary>
    Cobrowsing = 7,
    /// <summary>Whiteboard (8).</summary>
    Whiteboard = 8,
    /// <summary>AppSharing (9).</summary>
    AppSharing = 9,
    /// <summary>WebForm (10).</summary>
    WebForm = 10,
    /// <summary>WorkItem (11).</summary>
    WorkItem = 11,
    /// <summary>Custom (100).</summary>
    Custom = 100,
}
