using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CtiGateway.Cli;

/// <summary>
/// The text form of <c>ctigw calls</c>, from the daemon's JSON answer: one line per call,
/// <c>CONNID SWITCH CallType CallState age Ns: DN PartyState (Role), ...; user data: KEY, KEY</c>, then
/// <c>N calls</c> (with how many were left out when the daemon truncated the list).
/// </summary>
internal static class CallsText
{
    public static string Render(JsonElement root)
    {
        var sb = new StringBuilder();
        var calls = root.TryGetProperty("calls", out var c) && c.ValueKind == JsonValueKind.Array ? c.EnumerateArray().ToList() : [];
        foreach (var call in calls)
        {
            sb.Append(Str(call, "ConnID")).Append(' ').Append(Str(call, "Switch")).Append(' ')
                .Append(Str(call, "CallType")).Append(' ').Append(Str(call, "CallState")).Append(" age ")
                .Append(Age(call)).Append(": ");
            var parties = call.TryGetProperty("Parties", out var p) && p.ValueKind == JsonValueKind.Array
                ? p.EnumerateArray().Select(x => $"{Str(x, "DN")} {Str(x, "PartyState")} ({Str(x, "Role")})").ToList()
                : [];
            sb.Append(parties.Count == 0 ? "no parties" : string.Join(", ", parties));
            var keys = call.TryGetProperty("UserDataKeys", out var k) && k.ValueKind == JsonValueKind.Array
                ? k.EnumerateArray().Select(x => x.GetString() ?? string.Empty).ToList()
                : [];
            sb.Append("; user data: ").Append(keys.Count == 0 ? "none" : string.Join(", ", keys));
            if (call.TryGetProperty("UserDataKeyCount", out var n) && n.ValueKind == JsonValueKind.Number)
            {
                sb.Append(CultureInfo.InvariantCulture, $" (first {keys.Count} of {n.GetRawText()} keys)");
            }

            sb.Append('\n');
        }

        var count = Num(root, "count");
        var note = Str(root, "note");
        sb.Append(count == "1" ? "1 call" : $"{count} calls");
        if (root.TryGetProperty("truncated", out var t) && t.ValueKind == JsonValueKind.True)
        {
            sb.Append(CultureInfo.InvariantCulture, $" ({Num(root, "listed")} listed: the daemon lists at most {Num(root, "limit")})");
        }

        if (note.Length > 0)
        {
            sb.Append(" (").Append(note).Append(')');
        }

        return sb.Append('\n').ToString();
    }

    private static string Age(JsonElement call) =>
        call.TryGetProperty("AgeSeconds", out var v) && v.ValueKind == JsonValueKind.Number
            ? ((long)Math.Floor(Math.Max(0, v.GetDouble()))).ToString(CultureInfo.InvariantCulture) + "s"
            : "?";

    private static string Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() ?? string.Empty : string.Empty;

    private static string Num(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetRawText() : "?";
}
