using CtiGateway.Protocol;

namespace CtiGateway.Switching.Tests.Calls;

/// <summary>Reading one key of a key-value list in assertions: null when the key is missing or of another type.</summary>
internal static class KeyValueListReading
{
    public static string? GetString(this KeyValueList list, string key) =>
        list.TryGetValue(key, out var v) && v.Type is KeyValueType.String or KeyValueType.Unicode ? v.AsString() : null;

    public static int? GetInt(this KeyValueList list, string key) =>
        list.TryGetValue(key, out var v) && v.Type == KeyValueType.Int ? v.AsInt() : null;

    public static KeyValueList? GetList(this KeyValueList list, string key) =>
        list.TryGetValue(key, out var v) && v.Type == KeyValueType.List ? v.AsList() : null;
}
