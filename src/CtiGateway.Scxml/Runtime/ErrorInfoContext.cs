using System.Text.Json.Serialization;

namespace CtiGateway.Scxml.Runtime;

/// <summary>Source-generated JSON for <see cref="ErrorInfo"/>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ErrorInfo))]
internal sealed partial class ErrorInfoContext : JsonSerializerContext
{
}
