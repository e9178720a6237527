using System.Globalization;

namespace CtiGateway.Cli;

/// <summary>
/// Reads <c>Attr=value</c> arguments into a request (CONTRACT.md, "Attribute values"). The attribute's type comes from
/// <see cref="AttributeCatalog"/>: String as given; Int as a number or, for enum-typed attributes, an enum name
/// (CallType=Inbound); Long as a number, ConnID-typed ones as 1-16 hex digits; Mask as "all", "none", 128 hex digits or a
/// comma-separated list of message names and bit numbers; Time as ISO 8601 or Unix seconds; Binary as base64.
/// Key-value lists (UserData, Reasons, Extensions, ...) take <c>List.KEY=value</c>, further dots nest, and a value is a
/// String unless the key ends in <c>:int</c> or <c>:bin</c> (base64); <c>:str</c> forces String.
/// </summary>
internal static class AttributeArguments
{
    /// <summary>Builds the request named <paramref name="messageName"/> from the assignments.</summary>
    /// <exception cref="UsageException">Unknown message or attribute, or a bad value; the message names it.</exception>
    public static TlibMessage BuildRequest(string messageName, IEnumerable<string> assignments)
    {
        if (!MessageCatalog.TryParse(messageName, out var type))
        {
            throw new UsageException($"unknown message '{messageName}' (expected a request name such as RequestMakeCall).") { Command = "request" };
        }

        if (!MessageCatalog.Get(type).IsRequest)
        {
            throw new UsageException($"'{MessageCatalog.GetName(type)}' is not a request; ctigw request sends Request... messages.") { Command = "request" };
        }

        var message = new TlibMessage(type);
        foreach (var assignment in assignments)
        {
            Apply(message, assignment);
        }

        return message;
    }

    /// <summary>Applies one <c>Attr=value</c> to <paramref name="message"/>.</summary>
    public static void Apply(TlibMessage message, string assignment)
    {
        var eq = assignment.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            throw Bad(assignment, "expected Attr=value");
        }

        var left = assignment[..eq];
        var text = assignment[(eq + 1)..];
        string? suffix = null;
        var colon = left.LastIndexOf(':');
        if (colon >= 0)
        {
            suffix = left[(colon + 1)..];
            left = left[..colon];
            if (suffix is not ("int" or "bin" or "str"))
            {
                throw Bad(assignment, $"unknown type suffix ':{suffix}' (use :int, :bin or :str)");
            }
        }

        var path = left.Split('.');
        if (!AttributeCatalog.TryParse(path[0], out var id))
        {
            throw Bad(assignment, $"unknown attribute '{path[0]}'");
        }

        var name = AttributeCatalog.GetName(id);
        var valueType = AttributeCatalog.GetValueType(id);
        if (path.Length == 1)
        {
            if (valueType == AttributeValueType.List)
            {
                throw Bad(assignment, $"{name} is a key-value list: write {name}.KEY=value");
            }

            if (suffix is not null)
            {
                throw Bad(assignment, $"a type suffix applies to key-value list entries only; {name} is {valueType} by the reference tables");
            }

            if (id == AttributeId.ReferenceID)
            {
                throw Bad(assignment, "ReferenceID is assigned by ctigw");
            }

            if (message.Has(id))
            {
                throw Bad(assignment, $"{name} is given twice");
            }

            message.Set(id, ParseValue(id, text, assignment));
            return;
        }

        if (valueType != AttributeValueType.List)
        {
            throw Bad(assignment, $"{name} is {valueType}, not a key-value list, so it takes no .KEY");
        }

        if (Array.FindIndex(path, 1, string.IsNullOrEmpty) >= 0)
        {
            throw Bad(assignment, "a key between dots is empty");
        }

        var list = message.GetList(id);
        if (list is null)
        {
            list = new KeyValueList();
            message.Set(id, list);
        }

        for (var i = 1; i < path.Length - 1; i++)
        {
            var index = list.IndexOf(path[i]);
            if (index < 0)
            {
                var nested = new KeyValueList();
                list.Add(path[i], nested);
                list = nested;
            }
            else if (list[index].Value.Type == KeyValueType.List)
            {
                list = list[index].Value.AsList();
            }
            else
            {
                throw Bad(assignment, $"{string.Join('.', path[..(i + 1)])} is already a {list[index].Value.Type} value, so it cannot hold keys");
            }
        }

        list.Add(path[^1], ParseListValue(suffix, text, assignment));
    }

    /// <summary>Parses the value of a scalar attribute by its reference type.</summary>
    public static AttributeValue ParseValue(AttributeId id, string text, string assignment)
    {
        var name = AttributeCatalog.GetName(id);
        switch (AttributeCatalog.GetValueType(id))
        {
            case AttributeValueType.String:
                return AttributeValue.FromString(text);
            case AttributeValueType.Int:
                return AttributeValue.FromInt(ParseInt(id, text, assignment));
            case AttributeValueType.Long when AttributeKinds.IsConnId(id):
                return ConnId.TryParse(text, out var connId)
                    ? AttributeValue.FromLong(unchecked((long)connId.Value))
                    : throw Bad(assignment, $"'{text}' is not a {name} (1-16 hex digits)");
            case AttributeValueType.Long:
                return TryParseLong(text, out var l) ? AttributeValue.FromLong(l) : throw Bad(assignment, $"'{text}' is not a 64-bit integer for {name}");
            case AttributeValueType.Binary:
                return AttributeValue.FromBinary(ParseBase64(text, assignment));
            case AttributeValueType.Mask:
                return AttributeValue.FromMask(ParseMask(text, assignment));
            case AttributeValueType.Time:
                return AttributeValue.FromTime(ParseTime(text, assignment));
            default:
                throw Bad(assignment, $"{name} cannot be given on the command line");
        }
    }

    private static KeyValue ParseListValue(string? suffix, string text, string assignment) => suffix switch
    {
        "int" => int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i)
            ? KeyValue.FromInt(i)
            : throw Bad(assignment, $"'{text}' is not a 32-bit integer (:int)"),
        "bin" => KeyValue.FromBinary(ParseBase64(text, assignment)),
        _ => KeyValue.FromString(text),
    };

    private static int ParseInt(AttributeId id, string text, string assignment)
    {
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
        {
            return hex;
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        var enumType = AttributeCatalog.GetEnumType(id);
        if (enumType is not null && text.Length > 0 && char.IsLetter(text[0]) && Enum.TryParse(enumType, text, ignoreCase: true, out var named))
        {
            return Convert.ToInt32(named, CultureInfo.InvariantCulture);
        }

        var name = AttributeCatalog.GetName(id);
        if (enumType is null)
        {
            throw Bad(assignment, $"'{text}' is not an integer for {name}");
        }

        var names = Enum.GetNames(enumType);
        var choices = names.Length <= 16 ? string.Join(", ", names) : $"a {enumType.Name} name";
        throw Bad(assignment, $"'{text}' is not a {name}: use a number or {choices}");
    }

    private static bool TryParseLong(string text, out long value) =>
        text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value)
            : long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    private static byte[] ParseBase64(string text, string assignment)
    {
        var bytes = new byte[((text.Length + 3) / 4) * 3];
        return Convert.TryFromBase64String(text, bytes, out var written)
            ? bytes[..written]
            : throw Bad(assignment, $"'{text}' is not valid base64");
    }

    private static TlibMask ParseMask(string text, string assignment)
    {
        switch (text.ToLowerInvariant())
        {
            case "all" or "*":
                return TlibMask.All();
            case "none" or "":
                return new TlibMask();
        }

        if (text.Length == TlibMask.Length * 2 && text.All(char.IsAsciiHexDigit))
        {
            return new TlibMask(Convert.FromHexString(text));
        }

        var mask = new TlibMask();
        foreach (var item in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (MessageCatalog.TryParse(item, out var type))
            {
                mask.Set(type);
            }
            else if (int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out var bit) && bit < TlibMask.Length * 8)
            {
                mask.Set(bit);
            }
            else
            {
                throw Bad(assignment, $"'{item}' is not a message name or a bit number 0-{(TlibMask.Length * 8) - 1}");
            }
        }

        return mask;
    }

    private static TlibTime ParseTime(string text, string assignment)
    {
        if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds)
            && seconds is >= -62135596800m and <= 253402300799m)
        {
            var whole = decimal.Floor(seconds);
            return new TlibTime((long)whole, (int)decimal.Round((seconds - whole) * 1_000_000m, MidpointRounding.ToZero));
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return TlibTime.FromDateTimeOffset(time);
        }

        throw Bad(assignment, $"'{text}' is not a time (ISO 8601, e.g. 2026-01-31T12:00:00Z, or Unix seconds)");
    }

    private static UsageException Bad(string assignment, string reason) => new($"invalid argument '{assignment}': {reason}.") { Command = "request" };
}
