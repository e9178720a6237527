using System.Globalization;

namespace CtiGateway.Protocol;

/// <summary>One value of a key-value list: String, Int, Binary, List or Unicode (TKVType). No boxing: the Int lives inline.</summary>
public readonly struct KeyValue : IEquatable<KeyValue>
{
    private readonly object? _ref;
    private readonly int _int;

    private KeyValue(KeyValueType type, int i, object? r)
    {
        Type = type;
        _int = i;
        _ref = r;
    }

    /// <summary>The value type.</summary>
    public KeyValueType Type { get; }

    /// <summary>True for <c>default(KeyValue)</c>: a String without a string, which cannot be encoded.</summary>
    public bool IsEmpty => _ref is null && Type != KeyValueType.Int;

    /// <summary>A String value.</summary>
    public static KeyValue FromString(string value) => new(KeyValueType.String, 0, value ?? throw new ArgumentNullException(nameof(value)));

    /// <summary>A Unicode value (carried as UTF-8 with its own tag).</summary>
    public static KeyValue FromUnicode(string value) => new(KeyValueType.Unicode, 0, value ?? throw new ArgumentNullException(nameof(value)));

    /// <summary>An Int value.</summary>
    public static KeyValue FromInt(int value) => new(KeyValueType.Int, value, null);

    /// <summary>A Binary value.</summary>
    public static KeyValue FromBinary(byte[] value) => new(KeyValueType.Binary, 0, value ?? throw new ArgumentNullException(nameof(value)));

    /// <summary>A nested list.</summary>
    public static KeyValue FromList(KeyValueList value) => new(KeyValueType.List, 0, value ?? throw new ArgumentNullException(nameof(value)));

    /// <summary>The string of a String or Unicode value.</summary>
    public string AsString() => Type is KeyValueType.String or KeyValueType.Unicode ? (string)_ref! : throw WrongType(KeyValueType.String);

    /// <summary>The integer of an Int value.</summary>
    public int AsInt() => Type == KeyValueType.Int ? _int : throw WrongType(KeyValueType.Int);

    /// <summary>The bytes of a Binary value.</summary>
    public byte[] AsBinary() => Type == KeyValueType.Binary ? (byte[])_ref! : throw WrongType(KeyValueType.Binary);

    /// <summary>The nested list of a List value.</summary>
    public KeyValueList AsList() => Type == KeyValueType.List ? (KeyValueList)_ref! : throw WrongType(KeyValueType.List);

    /// <inheritdoc />
    public bool Equals(KeyValue other) => Type == other.Type && Type switch
    {
        KeyValueType.Int => _int == other._int,
        KeyValueType.Binary => ((byte[])_ref!).AsSpan().SequenceEqual((byte[])other._ref!),
        KeyValueType.List => ((KeyValueList)_ref!).Equals((KeyValueList)other._ref!),
        _ => string.Equals((string?)_ref, (string?)other._ref, StringComparison.Ordinal),
    };

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is KeyValue other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Type, _int, Type == KeyValueType.String ? _ref : null);

    /// <summary>Equality.</summary>
    public static bool operator ==(KeyValue left, KeyValue right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(KeyValue left, KeyValue right) => !left.Equals(right);

    /// <inheritdoc />
    public override string ToString() => Type switch
    {
        KeyValueType.Int => _int.ToString(CultureInfo.InvariantCulture),
        KeyValueType.Binary => Convert.ToBase64String((byte[])_ref!),
        KeyValueType.List => ((KeyValueList)_ref!).ToString(),
        _ => (string)_ref!,
    };

    private InvalidOperationException WrongType(KeyValueType wanted) => new($"The value is {Type}, not {wanted}.");
}
