// Values from the public T-Library tables (docs: ../../docs/wire-format.md, source: reference tlib.md).
namespace CtiGateway.Protocol;

/// <summary>AssociationInfoType (AttributeAddressInfoStatus when the info type is AssociationStatus).</summary>
public enum AssociationInfoType
{
    /// <summary>AssociatedToThisSession (0).</summary>
    AssociatedToThisSession = 0,
    /// <summary>AssociatedToAnotherSession (1).</summary>
    AssociatedToAnotherSession = 1,
    /// <summary>NotAssociated (2).</summary>
    NotAssociated = 2,
    /// <summary>AssociationNotAllowed (3).</summary>
    AssociationNotAllowed = 3,
}
