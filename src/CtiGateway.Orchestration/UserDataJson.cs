using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CtiGateway.Protocol;

namespace CtiGateway.Orchestration;

/// <summary>T-Library user data (a KV list) as the JSON object strategies see in <c>udata</c>, and back.</summary>
internal static class UserDataJson
{
    /// <summary>Deepest nesting of lists converted.</summary>
    private const int MaxDepth = 16;

    public static JsonObject ToJson(KeyValueList? list, int depth = 0)
    {
        var obj = new JsonObject();
        if (list is null || depth > MaxDepth)
        {
            return obj;
        }

        foreach (var (key, value) in list)
        {
            obj[key] = value.Type switch
            {
                KeyValueType.Int => JsonValue.Create(value.AsInt()),
                KeyValueType.String or KeyValueType.Unicode => JsonValue.Create(value.AsString()),
                KeyValueType.List => ToJson(value.AsList(), depth + 1),
                KeyValueType.Binary => JsonValue.Create(Convert.ToBase64String(value.AsBinary())),
                _ => null,
            };
        }

        return obj;
    }

    /// <summary>A JSON object as a KV list: integers stay integers, other scalars become strings, objects become lists.</summary>
    /// <exception cref="ArgumentException">The value is not a JSON object, or nests too deep.</exception>
    public static KeyValueList FromJson(JsonElement element, int depth = 0)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"user data must be an object, not {element.ValueKind.ToString().ToLowerInvariant()}");
        }

        if (depth > MaxDepth)
        {
            throw new ArgumentException($"user data nests deeper than {MaxDepth} levels");
        }

        var list = new KeyValueList();
        foreach (var property in element.EnumerateObject())
        {
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.Number when property.Value.TryGetInt32(out var number):
                    list.Set(property.Name, KeyValue.FromInt(number));
                    break;
                case JsonValueKind.Object:
                    list.Set(property.Name, KeyValue.FromList(FromJson(property.Value, depth + 1)));
                    break;
                case JsonValueKind.String:
                    list.Set(property.Name, KeyValue.FromString(property.Value.GetString()!));
                    break;
                case JsonValueKind.Null or JsonValueKind.Undefined:
                    break;
                default:
                    list.Set(property.Name, KeyValue.FromString(property.Value.ValueKind switch
                    {
                        JsonValueKind.True => "true",
                        JsonValueKind.False => "false",
                        JsonValueKind.Number => property.Value.GetDouble().ToString(CultureInfo.InvariantCulture),
                        _ => property.Value.GetRawText(),
                    }));
                    break;
            }
        }

        return list;
    }
}
