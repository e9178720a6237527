// Values from the public T-Library tables (docs: ../../docs/wire-format.md, source: reference tlib.md).
namespace CtiGateway.Protocol;

/// <summary>AddressStatusInfoType (AttributeAddressInfoStatus when the info type is AddressStatus).</summary>
public enum AddressStatusInfoType
{
    /// <summary>Idle (0).</summary>
    Idle = 0,
    /// <summary>Origination (1).</summary>
    Origination = 1,
    /// <summary>Dialing (2).</summary>
    Dialing = 2,
    /// <summary>Talking (3).</summary>
    Talking = 3,
    /// <summary>Ringing (4).</summary>
    Ringing = 4,
    /// <summary>Held (5).</summary>
    Held = 5,
    /// <summary>Treatment (6).</summary>
    Treatment = 6,
    /// <summary>LockedOut (7).</summary>
    LockedOut = 7,
    /// <summary>Maintenance (8).</summary>
    Maintenance = 8,
    /// <summary>Available (9).</summary>
    Available = 9,
    /// <summary>Vacant (10).</summary>
    Vacant = 10,
}
