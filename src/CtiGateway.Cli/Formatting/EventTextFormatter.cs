using System.Globalization;
using System.Text;

namespace CtiGateway.Cli;

/// <summary>
/// The text form of an event: <c>EventName Attr=value ...</c>, attributes in message order. Enum-typed Int attributes
/// print their enum name (CallType=Inbound; ErrorCode stays a number), ConnID-typed Long attributes 16 lowercase hex
/// digits, Binary base64, Mask the message names of its bits ("all"/"none"), Time ISO 8601 UTC. Key-value lists print
/// one <c>List.KEY=value</c> per entry, nested keys joined by dots, non-String entries with a <c>:int</c>/<c>:bin</c>
/// suffix, so a line can be pasted back into <c>ctigw request</c>. Values (and keys) that contain spaces, quotes or
/// control characters are printed as JSON strings.
/// </summary>
internal static class EventTextFormatter
{
    /// <summary>Formats one event (or request) as a line, without the newline.</summary>
    public static string Format(TlibMessage message)
    {
        var sb = new StringBuilder(message.Name, 128);
        foreach (ref readonly var attribute in message.Attributes)
        {
            if (attribute.Value.Type == AttributeValueType.List)
            {
                AppendList(sb, attribute.Name, attribute.Value.AsList());
                continue;
            }

            sb.Append(' ').Append(attribute.Name).Append('=');
            AppendScalar(sb, attribute.Id, attribute.Value);
        }

        return sb.ToString();
    }

    /// <summary>The text of a mask: "all", "none", or message names (bit numbers past the table) joined by commas.</summary>
    public static string FormatMask(TlibMask mask)
    {
        if (mask.Equals(TlibMask.All()))
        {
            return "all";
        }

        var bits = new List<string>();
        for (var bit = 0; bit < TlibMask.Length * 8; bit++)
        {
            if (mask.IsSet(bit))
            {
                bits.Add(MessageCatalog.IsKnown((MessageType)bit) ? MessageCatalog.GetName((MessageType)bit) : bit.ToString(CultureInfo.InvariantCulture));
            }
        }

        return bits.Count == 0 ? "none" : string.Join(',', bits);
    }

    private static void AppendScalar(StringBuilder sb, AttributeId id, in AttributeValue value)
    {
        switch (value.Type)
        {
            case AttributeValueType.String:
                AppendText(sb, value.AsString());
                break;
            case AttributeValueType.Int:
                var number = value.AsInt();
                var enumType = AttributeKinds.TextEnum(id);
                var enumName = enumType is null ? null : Enum.GetName(enumType, Enum.ToObject(enumType, number));
                if (enumName is not null)
                {
                    sb.Append(enumName);
                }
                else
                {
                    sb.Append(number.ToString(CultureInfo.InvariantCulture));
                }

                break;
            case AttributeValueType.Long when AttributeKinds.IsConnId(id):
                sb.Append(new ConnId(unchecked((ulong)value.AsLong())).ToString());
                break;
            case AttributeValueType.Long:
                sb.Append(value.AsLong().ToString(CultureInfo.InvariantCulture));
                break;
            case AttributeValueType.Binary:
                sb.Append(Convert.ToBase64String(value.AsBinary()));
                break;
            case AttributeValueType.Mask:
                sb.Append(FormatMask(value.AsMask()));
                break;
            default:
                sb.Append(value.ToString());
                break;
        }
    }

    private static void AppendList(StringBuilder sb, string prefix, KeyValueList list)
    {
        if (list.Count == 0)
        {
            sb.Append(' ').Append(prefix).Append("={}");
            return;
        }

        foreach (var (key, value) in list)
        {
            var path = prefix + "." + Key(key);
            switch (value.Type)
            {
                case KeyValueType.List:
                    AppendList(sb, path, value.AsList());
                    break;
                case KeyValueType.Int:
                    sb.Append(' ').Append(path).Append(":int=").Append(value.AsInt().ToString(CultureInfo.InvariantCulture));
                    break;
                case KeyValueType.Binary:
                    sb.Append(' ').Append(path).Append(":bin=").Append(Convert.ToBase64String(value.AsBinary()));
                    break;
                default:
                    sb.Append(' ').Append(path).Append('=');
                    AppendText(sb, value.AsString());
                    break;
            }
        }
    }

    private static string Key(string key) => key.Length == 0 || key.AsSpan().IndexOfAny(".=: \"\\") >= 0 || NeedsQuotes(key) ? Quote(key) : key;

    private static void AppendText(StringBuilder sb, string text) => sb.Append(text.Length == 0 || NeedsQuotes(text) ? Quote(text) : text);

    private static bool NeedsQuotes(string text)
    {
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c is '"' or '\\')
            {
                return true;
            }
        }

        return false;
    }

    private static string Quote(string text)
    {
        var sb = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                default:
                    if (char.IsControl(c))
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }
}
