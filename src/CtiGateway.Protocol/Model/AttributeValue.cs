using System.Globalization;

namespace CtiGateway.Protocol;

/// <summary>One typed attribute value. Scalars live inline (no boxing); strings, bytes, lists and masks by reference.</summary>
public readonly struct AttributeValue : IEquatable<AttributeValue>
{
    private readonly object? _ref;
    private readonly long _scalar;
    private readonly int _micro;

    private AttributeValue(AttributeValueType type, long scalar, int micro, object? r)
    {
        Type = type;
        _scalar = scalar;
        _micro = micro;
        _ref = r;
    }

    /// <summary>The value type (and wire tag).</summary>
    public AttributeValueType Type { get; }

    /// <summary>True for <c>default(AttributeValue)</c>: a String without a string, which cannot be encoded.</summary>
    public bool IsEmpty => _ref is null && Type is AttributeValueType.String or AttributeValueType.Binary or AttributeValueType.List or AttributeValueType.Mask;

    /// <summary>A value from its parts, unchecked (decoder path: the parts come from a valid tag).</summary>
    internal static AttributeValue Create(AttributeValueType type, long scalar, int micro, object? reference) => new(type, scalar, micro, reference);

    /// <summary>A String value.</summary>
    public static AttributeValue FromString(string value) => new(AttributeValueType.String, 0, 0, value ?? throw new ArgumentNullException(nameof(value)));

    /// <summary>An Int value.</summary>
    public static AttributeValue FromInt(int value) => new(AttributeValueType.Int, value, 0, null);

    /// <summary>A Long value.</summary>
    public static AttributeValue FromLong(long value) => new(AttributeValueType.Long, value, 0, null);

    /// <summary>A Binary value.</summary>
    public static AttributeValue FromBinary(byte[] value) => new(AttributeValueType.Binary, 0, 0, value ?? throw new ArgumentNullException(nameof(value)));

    /// <summary>A key-value list value.</summary>
    public static AttributeValue FromList(KeyValueList value) => new(AttributeValueType.List, 0, 0, value ?? throw new ArgumentNullException(nameof(value)));

    /// <summary>A 64-byte mask value.</summary>
    public static AttributeValue FromMask(TlibMask value) => new(AttributeValueType.Mask, 0, 0, value ?? throw new ArgumentNullException(nameof(value)));

    /// <summary>A time value.</summary>
    public static AttributeValue FromTime(TlibTime value) => new(AttributeValueType.Time, value.Seconds, value.Microseconds, null);

    /// <summary>The string of a String value.</summary>
    public string AsString() => Type == AttributeValueType.String ? (string)_ref! : throw WrongType(AttributeValueType.String);

    /// <summary>The integer of an Int value.</summary>
    public int AsInt() => Type == AttributeValueType.Int ? (int)_scalar : throw WrongType(AttributeValueType.Int);

    /// <summary>The integer of a Long value.</summary>
    public long AsLong() => Type == AttributeValueType.Long ? _scalar : throw WrongType(AttributeValueType.Long);

    /// <summary>The bytes of a Binary value.</summary>
    public byte[] AsBinary() => Type == AttributeValueType.Binary ? (byte[])_ref! : throw WrongType(AttributeValueType.Binary);

    /// <summary>The list of a List value.</summary>
    public KeyValueList AsList() => Type == AttributeValueType.List ? (KeyValueList)_ref! : throw WrongType(AttributeValueType.List);

    /// <summary>The mask of a Mask value.</summary>
    public TlibMask AsMask() => Type == AttributeValueType.Mask ? (TlibMask)_ref! : throw WrongType(AttributeValueType.Mask);

    /// <summary>The time of a Time value.</summary>
    public TlibTime AsTime() => Type == AttributeValueType.Time ? new TlibTime(_scalar, _micro) : throw WrongType(AttributeValueType.Time);

    /// <inheritdoc />
    public bool Equals(AttributeValue other) => Type == other.Type && Type switch
    {
        AttributeValueType.Int or AttributeValueType.Long or AttributeValueType.Time => _scalar == other._scalar && _micro == other._micro,
        AttributeValueType.Binary => ((byte[])_ref!).AsSpan().SequenceEqual((byte[])other._ref!),
        AttributeValueType.String => string.Equals((string)_ref!, (string)other._ref!, StringComparison.Ordinal),
        _ => Equals(_ref, other._ref),
    };

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is AttributeValue other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Type, _scalar, _micro);

    /// <summary>Equality.</summary>
    public static bool operator ==(AttributeValue left, AttributeValue right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(AttributeValue left, AttributeValue right) => !left.Equals(right);

    /// <inheritdoc />
    public override string ToString() => Type switch
    {
        AttributeValueType.Int or AttributeValueType.Long => _scalar.ToString(CultureInfo.InvariantCulture),
        AttributeValueType.Binary => Convert.ToBase64String((byte[])_ref!),
        AttributeValueType.Time => AsTime().ToString(),
        _ => _ref?.ToString() ?? string.Empty,
    };

    private InvalidOperationException WrongType(AttributeValueType wanted) => new($"The attribute value is {Type}, not {wanted}.");
}
