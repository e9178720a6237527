namespace CtiGateway.Cli;

/// <summary>How ctigw reads and prints attribute values, beyond the value type in <see cref="AttributeCatalog"/>.</summary>
internal static class AttributeKinds
{
    /// <summary>
    /// True for Long attributes that hold a ConnID (ConnID, PreviousConnID, TransferConnID, ConferenceConnID, NewConnID,
    /// RemoteConnID, OriginalConnID, ...): printed and read as 16 lowercase hex digits.
    /// </summary>
    public static bool IsConnId(AttributeId id) =>
        AttributeCatalog.GetValueType(id) == AttributeValueType.Long && AttributeCatalog.GetName(id).EndsWith("ConnID", StringComparison.Ordinal);

    /// <summary>The enum that names an Int attribute's values in text form, or null. ErrorCode stays a number.</summary>
    public static Type? TextEnum(AttributeId id) => id == AttributeId.ErrorCode ? null : AttributeCatalog.GetEnumType(id);
}
