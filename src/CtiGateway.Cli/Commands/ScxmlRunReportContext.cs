using System.Text.Json.Serialization;

namespace CtiGateway.Cli;

/// <summary>Source-generated JSON for <see cref="ScxmlRunReport"/>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ScxmlRunReport))]
internal sealed partial class ScxmlRunReportContext : JsonSerializerContext
{
}
