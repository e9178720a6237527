namespace CtiGateway.Protocol;

/// <summary>
/// The value type of a message attribute, and its one-byte wire tag. Tags 0-3 match the TKVType codes; 6 is the XKV
/// 64-bit Long (ConnID). Mask and Time are the fixed-size T-Library structures.
/// </summary>
public enum AttributeValueType : byte
{
    /// <summary>UTF-8 string: u32 length, bytes.</summary>
    String = 0,

    /// <summary>Signed 32-bit integer, big-endian.</summary>
    Int = 1,

    /// <summary>Opaque bytes: u32 length, bytes.</summary>
    Binary = 2,

    /// <summary>Key-value list (UserData, Reasons, Extensions): u32 length, pairs.</summary>
    List = 3,

    /// <summary>Signed 64-bit integer, big-endian (ConnID, EventSequenceNumber).</summary>
    Long = 6,

    /// <summary>64-byte bit mask (T_MASK_LENGTH): bit E is mask[E / 8] &amp; (1 &lt;&lt; (E % 8)).</summary>
    Mask = 7,

    /// <summary>Time: i64 seconds since 1970, i32 microseconds, both big-endian.</summary>
    Time = 8,

    /// <summary>Not a wire tag: an attribute id outside the table.</summary>
    Unknown = 255,
}
