using System.Text.Json.Serialization;

namespace CtiGateway.Scxml.Runtime;

/// <summary>Source-generated JSON for BasicHTTP form fields.</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class FieldsContext : JsonSerializerContext
{
}
