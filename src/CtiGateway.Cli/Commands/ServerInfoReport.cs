using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CtiGateway.Cli;

/// <summary>What server-info prints, read from EventServerInfo.</summary>
internal sealed record ServerInfoReport(string Version, string Role, IReadOnlyList<(string Switch, string State)> Links)
{
    public static ServerInfoReport From(TlibMessage info)
    {
        var role = info.GetInt(AttributeId.ServerRole) switch
        {
            (int)ServerRole.Primary => "primary",
            (int)ServerRole.Backup => "backup",
            null => "unknown",
            var other => $"unknown ({other})",
        };
        var links = new List<(string, string)>();
        if (info.Extensions is { } extensions && extensions.TryGetValue("links", out var list) && list.Type == KeyValueType.List)
        {
            foreach (var (name, state) in list.AsList())
            {
                links.Add((name, state.ToString()));
            }
        }

        return new ServerInfoReport(info.GetString(AttributeId.ServerVersion) ?? "unknown", role, links);
    }

    public string ToText()
    {
        var sb = new StringBuilder();
        sb.Append("version: ").AppendLine(Version);
        sb.Append("role: ").AppendLine(Role);
        if (Links.Count == 0)
        {
            sb.AppendLine("links: none");
        }

        foreach (var (name, state) in Links)
        {
            sb.Append("link ").Append(name).Append(": ").AppendLine(state);
        }

        return sb.ToString();
    }

    public string ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("version", Version);
            writer.WriteString("role", Role);
            writer.WriteStartObject("links");
            foreach (var (name, state) in Links)
            {
                writer.WriteString(name, state);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
