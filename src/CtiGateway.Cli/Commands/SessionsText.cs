using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CtiGateway.Cli;

/// <summary>
/// The text forms of <c>ctigw sessions</c>, from the daemon's JSON answers. The list: one line per session,
/// <c>ID STRATEGY age Ns: interactions CONNID, ...; states: STATE, ...</c>, then <c>N sessions</c>. One session
/// (<c>show</c>): its line's fields one per line, then the data model (indented JSON), the last events and the last
/// log lines.
/// </summary>
internal static class SessionsText
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string RenderList(JsonElement root)
    {
        var sb = new StringBuilder();
        var sessions = root.TryGetProperty("sessions", out var s) && s.ValueKind == JsonValueKind.Array ? s.EnumerateArray().ToList() : [];
        foreach (var session in sessions)
        {
            sb.Append(Str(session, "Id")).Append(' ').Append(Str(session, "Strategy")).Append(" age ").Append(Age(session))
                .Append(": interactions ").Append(Joined(Interactions(session))).Append("; states: ").Append(Joined(States(session))).Append('\n');
        }

        var count = Num(root, "count");
        sb.Append(count == "1" ? "1 session" : $"{count} sessions");
        if (root.TryGetProperty("truncated", out var t) && t.ValueKind == JsonValueKind.True)
        {
            sb.Append(CultureInfo.InvariantCulture, $" ({Num(root, "listed")} listed: the daemon lists at most {Num(root, "limit")})");
        }

        var note = Str(root, "note");
        if (note.Length > 0)
        {
            sb.Append(" (").Append(note).Append(')');
        }

        return sb.Append('\n').ToString();
    }

    public static string RenderDetails(JsonElement root)
    {
        var sb = new StringBuilder();
        var session = root.TryGetProperty("session", out var s) ? s : default;
        sb.Append("session: ").Append(Str(session, "Id")).Append('\n');
        sb.Append("strategy: ").Append(Str(session, "Strategy")).Append('\n');
        sb.Append("age: ").Append(Age(session)).Append('\n');
        sb.Append("interactions: ").Append(Joined(Interactions(session))).Append('\n');
        sb.Append("states: ").Append(Joined(States(session))).Append('\n');
        sb.Append("data model:");
        if (root.TryGetProperty("DataModel", out var model) && model.ValueKind != JsonValueKind.Null)
        {
            sb.Append('\n');
            foreach (var line in JsonSerializer.Serialize(model, Indented).Split('\n'))
            {
                sb.Append("  ").Append(line.TrimEnd('\r')).Append('\n');
            }
        }
        else
        {
            var note = Str(root, "DataModelNote");
            sb.Append(' ').Append(note.Length > 0 ? note : "none").Append('\n');
        }

        Section(sb, "last events", root, "LastEvents");
        Section(sb, "last log lines", root, "LastLogLines");
        return sb.ToString();
    }

    private static void Section(StringBuilder sb, string title, JsonElement root, string name)
    {
        var items = root.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array
            ? a.EnumerateArray().Select(x => x.GetString() ?? string.Empty).ToList()
            : [];
        sb.Append(title).Append(':').Append(items.Count == 0 ? " none\n" : "\n");
        foreach (var item in items)
        {
            sb.Append("  ").Append(item).Append('\n');
        }
    }

    private static List<string> Interactions(JsonElement session) =>
        session.ValueKind == JsonValueKind.Object && session.TryGetProperty("Interactions", out var i) && i.ValueKind == JsonValueKind.Array
            ? [.. i.EnumerateArray().Select(x => Str(x, "ConnID"))]
            : [];

    private static List<string> States(JsonElement session) =>
        session.ValueKind == JsonValueKind.Object && session.TryGetProperty("ActiveStates", out var a) && a.ValueKind == JsonValueKind.Array
            ? [.. a.EnumerateArray().Select(x => x.GetString() ?? string.Empty)]
            : [];

    private static string Joined(List<string> items) => items.Count == 0 ? "none" : string.Join(", ", items);

    private static string Age(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty("AgeSeconds", out var v) && v.ValueKind == JsonValueKind.Number
            ? ((long)Math.Floor(Math.Max(0, v.GetDouble()))).ToString(CultureInfo.InvariantCulture) + "s"
            : "?";

    private static string Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() ?? string.Empty : string.Empty;

    private static string Num(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetRawText() : "?";
}
