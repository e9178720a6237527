// Values from the public T-Library tables (docs: ../../docs/wire-format.md, source: reference tlib.md).
namespace CtiGateway.Protocol;

/// <summary>TNetworkPartyRole (AttributeNetworkPartyRole 138).</summary>
public enum NetworkPartyRole
{
    /// <summary>Unknown (0).</summary>
    Unknown = 0,
    /// <summary>OrigParty (1).</summary>
    OrigParty = 1,
    /// <summary>DestParty (2).</summary>
    DestParty = 2,
}
