// Values from the public T-Library tables (docs: ../../docs/wire-format.md, source: reference tlib.md).
namespace CtiGateway.Protocol;

/// <summary>TDNRole (ThisDNRole 23, OtherDNRole 27, ThirdPartyDNRole 31).</summary>
public enum DNRole
{
    /// <summary>Unknown (0).</summary>
    Unknown = 0,
    /// <summary>Origination (1).</summary>
    Origination = 1,
    /// <summary>Destination (2).</summary>
    Destination = 2,
    /// <summary>ConferenceMember (3).</summary>
    ConferenceMember = 3,
    /// <summary>NewParty (4).</summary>
    NewParty = 4,
    /// <summary>AddedBy (5).</summary>
    AddedBy = 5,
    /// <summary>DeletedBy (6).</summary>
    DeletedBy = 6,
    /// <summary>TransferredBy (7).</summary>
    TransferredBy = 7,
    /// <summary>DeletedParty (8).</summary>
    DeletedParty = 8,
    /// <summary>ConferencedBy (9).</summary>
    ConferencedBy = 9,
    /// <summary>Observer (10).</summary>
    Observer = 10,
}
