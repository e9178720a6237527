using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CtiGateway.Cli;

/// <summary>What server-info prints, read from EventServerInfo.</summary>
internal sealed record ServerInfoReport(string Version, string Role, IReadOnlyList<(string Switch, string State, IReadOnlyList<(string Key, string Value)> Details)> Links)
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
        var links = new List<(string, string, IReadOnlyList<(string, string)>)>();
        if (info.Extensions is { } extensions && extensions.TryGetValue("links", out var list) && list.Type == KeyValueType.List)
        {
            foreach (var (name, value) in list.AsList())
            {
                if (value.Type == KeyValueType.List)
                {
                    var details = new List<(string, string)>();
                    var state = "unknown";
                    foreach (var (key, item) in value.AsList())
                    {
                        if (key == "state")
                        {
                            state = item.ToString();
                        }
                        else
                        {
                            details.Add((key, item.ToString()));
                        }
                    }

                    links.Add((name, state, details));
                }
                else
                {
                    links.Add((name, value.ToString(), []));
                }
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

        foreach (var (name, state, details) in Links)
        {
            sb.Append("link ").Append(name).Append(": ").Append(state);
            foreach (var (key, value) in details)
            {
                sb.Append(' ').Append(key).Append('=').Append(value.Length == 0 ? "-" : value);
            }

            sb.AppendLine();
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
            foreach (var (name, state, details) in Links)
            {
                if (details.Count == 0)
                {
                    writer.WriteString(name, state);
                    continue;
                }

                writer.WriteStartObject(name);
                writer.WriteString("state", state);
                foreach (var (key, value) in details)
                {
                    if (long.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var number))
                    {
                        writer.WriteNumber(key, number);
                    }
                    else
                    {
                        writer.WriteString(key, value);
                    }
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
