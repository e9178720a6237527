using System.Globalization;
using System.Text;

namespace CtiGateway.Protocol.Tests.Wireshark;

/// <summary>
/// The text form the dissector gives a value in ctigw.attr.value, computed from the codec's decoded value: strings
/// as they are, Int and Long in decimal, ConnIDs as 16 lowercase hex digits, Binary and Mask in lowercase hex, Time
/// as yyyy-MM-ddTHH:mm:ss.ffffffZ, lists as {key=value, ...}.
/// </summary>
internal static class ValueText
{
    public static string Of(AttributeId id, in AttributeValue value) => value.Type switch
    {
        AttributeValueType.String => value.AsString(),
        AttributeValueType.Int => value.AsInt().ToString(CultureInfo.InvariantCulture),
        AttributeValueType.Long when AttributeCatalog.GetName(id).EndsWith("ConnID", StringComparison.Ordinal) => new ConnId((ulong)value.AsLong()).ToString(),
        AttributeValueType.Long => value.AsLong().ToString(CultureInfo.InvariantCulture),
        AttributeValueType.Binary => Convert.ToHexStringLower(value.AsBinary()),
        AttributeValueType.Mask => Convert.ToHexStringLower(value.AsMask().Bytes),
        AttributeValueType.Time => value.AsTime().ToString(),
        AttributeValueType.List => Of(value.AsList()),
        _ => throw new ArgumentOutOfRangeException(nameof(value), value.Type, "No text form."),
    };

    /// <summary>The enum name the dissector shows for an Int attribute, or null.</summary>
    public static string? EnumName(AttributeId id, in AttributeValue value)
    {
        if (value.Type != AttributeValueType.Int || AttributeCatalog.GetEnumType(id) is not { } type)
        {
            return null;
        }

        var v = value.AsInt();
        var underlying = Enum.GetUnderlyingType(type);
        if (underlying == typeof(ushort) && v is < 0 or > ushort.MaxValue)
        {
            return null;
        }

        return Enum.GetName(type, Enum.ToObject(type, v));
    }

    private static string Of(KeyValueList list)
    {
        var sb = new StringBuilder("{");
        for (var i = 0; i < list.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            var (key, value) = list[i];
            sb.Append(key).Append('=').Append(value.Type switch
            {
                KeyValueType.String or KeyValueType.Unicode => value.AsString(),
                KeyValueType.Int => value.AsInt().ToString(CultureInfo.InvariantCulture),
                KeyValueType.Binary => Convert.ToHexStringLower(value.AsBinary()),
                KeyValueType.List => Of(value.AsList()),
                _ => throw new ArgumentOutOfRangeException(nameof(list), value.Type, "No text form."),
            });
        }

        return sb.Append('}').ToString();
    }
}
