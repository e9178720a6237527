using CtiGateway.Protocol;

namespace CtiGateway.Testing.CallModels;

/// <summary>
/// One attribute expectation in the reference's notation: <c>Name Value</c> (equal), <c>Name ~Value</c> (advisory),
/// <c>Name Value (opt)</c> (equal when present), <c>Name (present)</c>, <c>Name (absent)</c>, <c>ConnID 1 or 2</c>,
/// <c>UserData contains {k: v}</c>, <c>UserData without k</c>, <c>UserData (empty)</c>.
/// </summary>
internal sealed class ExpectedAttribute
{
    private ExpectedAttribute(string name, string spec)
    {
        Name = name;
        Spec = spec;
    }

    public string Name { get; }

    public string Spec { get; }

    /// <summary>The notation text.</summary>
    public override string ToString() => Name + " " + Spec;

    public static List<ExpectedAttribute> ParseList(string text) =>
        [.. text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(Parse)];

    private static ExpectedAttribute Parse(string token)
    {
        var space = token.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? throw new FormatException($"Attribute expectation '{token}' has no value.") : new ExpectedAttribute(token[..space], token[(space + 1)..].Trim());
    }

    /// <summary>
    /// Checks <paramref name="m"/>. Returns null when it matches, else the problem, with <paramref name="advisory"/>
    /// true when the reference marks the value as inferred (a mismatch only warns).
    /// </summary>
    public string? Check(TlibMessage m, ScenarioContext context, out bool advisory)
    {
        var spec = Spec;
        advisory = spec.StartsWith('~');
        if (advisory)
        {
            spec = spec[1..];
        }

        var optional = spec.EndsWith(" (opt)", StringComparison.Ordinal);
        if (optional)
        {
            spec = spec[..^6];
        }

        var id = Enum.Parse<AttributeId>(Name);
        var present = m.TryGet(id, out var value);
        switch (spec)
        {
            case "(present)":
                return present ? null : $"{Name} is missing";
            case "(absent)":
                return present ? $"{Name} is present ({value}) but must be absent" : null;
            default:
                break;
        }

        if (!present)
        {
            return optional ? null : $"{Name} is missing (expected {spec})";
        }

        if (id == AttributeId.UserData)
        {
            return CheckUserData(value.AsList(), spec);
        }

        if (id is AttributeId.ConnID or AttributeId.PreviousConnID or AttributeId.TransferConnID or AttributeId.ConferenceConnID)
        {
            var actual = new ConnId(unchecked((ulong)value.AsLong()));
            var allowed = spec.Split(" or ").Select(n => context.ConnIdAt(int.Parse(n, System.Globalization.CultureInfo.InvariantCulture))).ToList();
            return allowed.Contains(actual) ? null : $"{Name} is {context.NameOf(actual)}, expected ConnID {spec}";
        }

        var expected = ExpectedValue(id, spec, context);
        return expected == value.ToString() ? null : $"{Name} is {Show(id, value)}, expected {spec}";
    }

    private static string ExpectedValue(AttributeId id, string spec, ScenarioContext context) => id switch
    {
        AttributeId.CallType => ((int)Enum.Parse<CallType>(spec, ignoreCase: true)).ToString(System.Globalization.CultureInfo.InvariantCulture),
        AttributeId.CallState => ((int)Enum.Parse<CallState>(spec, ignoreCase: true)).ToString(System.Globalization.CultureInfo.InvariantCulture),
        AttributeId.ThisDNRole or AttributeId.OtherDNRole or AttributeId.ThirdPartyDNRole =>
            ((int)Enum.Parse<DNRole>(spec, ignoreCase: true)).ToString(System.Globalization.CultureInfo.InvariantCulture),
        AttributeId.AgentWorkMode => ((int)Enum.Parse<AgentWorkMode>(spec, ignoreCase: true)).ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => context.Dn(spec),
    };

    private static string Show(AttributeId id, AttributeValue value) => id switch
    {
        AttributeId.CallType => ((CallType)value.AsInt()).ToString(),
        AttributeId.CallState => ((CallState)value.AsInt()).ToString(),
        AttributeId.ThisDNRole or AttributeId.OtherDNRole or AttributeId.ThirdPartyDNRole => ((DNRole)value.AsInt()).ToString(),
        AttributeId.AgentWorkMode => ((AgentWorkMode)value.AsInt()).ToString(),
        _ => value.ToString(),
    };

    private static string? CheckUserData(KeyValueList data, string spec)
    {
        if (spec == "(empty)")
        {
            return data.Count == 0 ? null : $"UserData is {data}, expected empty";
        }

        if (spec.StartsWith("without ", StringComparison.Ordinal))
        {
            var key = spec["without ".Length..];
            return data.IndexOf(key) < 0 ? null : $"UserData {data} still holds {key}";
        }

        if (spec.StartsWith("contains {", StringComparison.Ordinal) && spec.EndsWith('}'))
        {
            var pair = spec["contains {".Length..^1].Split(':', 2, StringSplitOptions.TrimEntries);
            return data.TryGetValue(pair[0], out var v) && v.ToString() == pair[1] ? null : $"UserData {data} does not contain {{{pair[0]}: {pair[1]}}}";
        }

        throw new FormatException($"UserData expectation '{spec}' is not understood.");
    }
}
