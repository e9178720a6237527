using System.Text;
using System.Text.Json;

namespace CtiGateway.Cli;

/// <summary>The text form of <c>ctigw status</c>, rendered from the daemon's JSON answer.</summary>
internal static class StatusText
{
    public static string Render(JsonElement root)
    {
        var sb = new StringBuilder();
        Line(sb, $"version: {Str(root, "version")}");
        var uptime = TimeSpan.FromSeconds(Seconds(root, "uptimeSeconds"));
        Line(sb, $"uptime: {(int)uptime.TotalDays}d {uptime:hh\\:mm\\:ss} (since {Str(root, "startedAt")})");
        Line(sb, $"role: {Str(root, "role")}");
        Line(sb, $"t-library: {Str(root, "tlibEndpoint")} (pid {Num(root, "pid")})");

        var links = root.TryGetProperty("links", out var l) && l.ValueKind == JsonValueKind.Array ? l.EnumerateArray().ToList() : [];
        if (links.Count == 0)
        {
            Line(sb, "links: none configured");
        }

        foreach (var link in links)
        {
            if (!link.TryGetProperty("link", out _))
            {
                Line(sb, $"switch {Str(link, "switch")}: {Str(link, "state")}");
                continue;
            }

            var active = link.TryGetProperty("active", out var a) && a.ValueKind == JsonValueKind.True ? ", active" : string.Empty;
            var lastError = Str(link, "lastError");
            Line(sb, $"link {Str(link, "link")} (switch {Str(link, "switch")}, {Str(link, "endpoint")}): {Str(link, "state")}{active}; last error: {(lastError.Length == 0 ? "none" : lastError)}");
            Line(sb, $"  bytes in/out: {Num(link, "bytesIn")}/{Num(link, "bytesOut")}  frames in/out: {Num(link, "framesIn")}/{Num(link, "framesOut")}  hardware errors: {Num(link, "hardwareErrors")}  reconnects: {Num(link, "reconnects")}");
        }

        var clients = Obj(root, "clients");
        Line(sb, $"clients: {Num(clients, "connected")} connected ({Num(clients, "accepted")} accepted, {Num(clients, "rejected")} rejected, {Num(clients, "slowCut")} cut as slow readers since start)");
        Line(sb, $"dns: {Num(Obj(root, "dns"), "registered")} registered");
        var calls = Obj(root, "calls");
        Line(sb, $"calls: {CallCounts(calls)}");
        if (calls.ValueKind == JsonValueKind.Object && calls.TryGetProperty("switches", out var sw) && sw.ValueKind == JsonValueKind.Array)
        {
            foreach (var one in sw.EnumerateArray())
            {
                Line(sb, $"  switch {Str(one, "switch")}: {CallCounts(one)}");
            }
        }

        Line(sb, $"sessions: {Sessions(Obj(root, "sessions"))}");
        var queues = Obj(root, "queues");
        Line(sb, $"queues: max {Num(queues, "maxBytes")} bytes, total {Num(queues, "totalBytes")} bytes over {Num(queues, "clients")} clients (limit {Num(queues, "limitBytes")} bytes per client)");

        var watchdog = Obj(root, "watchdog");
        var loops = watchdog.ValueKind == JsonValueKind.Object && watchdog.TryGetProperty("loops", out var lp) && lp.ValueKind == JsonValueKind.Array
            ? string.Join(", ", lp.EnumerateArray().Select(x => $"{Str(x, "name")} {(x.TryGetProperty("answering", out var ans) && ans.ValueKind == JsonValueKind.True ? "answering" : "NOT ANSWERING")}"))
            : string.Empty;
        var enabled = watchdog.ValueKind == JsonValueKind.Object && watchdog.TryGetProperty("enabled", out var en) && en.ValueKind == JsonValueKind.True;
        var head = enabled
            ? $"on, interval {Num(watchdog, "intervalMs")} ms, {Num(watchdog, "pings")} pings sent"
            : "off (no WATCHDOG_USEC)";
        Line(sb, $"watchdog: {head}; loops: {(loops.Length == 0 ? "none registered" : loops)}");
        return sb.ToString();
    }

    /// <summary>"N (dialing N, ringing N, ...)" from count and byState, then the note in brackets when there is one.</summary>
    private static string CallCounts(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty("byState", out var byState) || byState.ValueKind != JsonValueKind.Object)
        {
            return Counted(e);
        }

        var states = string.Join(", ", byState.EnumerateObject().Select(p => $"{p.Name} {p.Value.GetRawText()}"));
        var note = Str(e, "note");
        return $"{Num(e, "count")} ({states}){(note.Length == 0 ? string.Empty : $" ({note})")}";
    }

    /// <summary>"N live (started N, ended N, failed N since start)", then the note in brackets when there is one.</summary>
    private static string Sessions(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty("started", out _))
        {
            return Counted(e);
        }

        var note = Str(e, "note");
        return $"{Num(e, "live")} live (started {Num(e, "started")}, ended {Num(e, "ended")}, failed {Num(e, "failed")} since start){(note.Length == 0 ? string.Empty : $" ({note})")}";
    }

    private static string Counted(JsonElement e)
    {
        var note = Str(e, "note");
        return note.Length == 0 ? Num(e, "count") : $"{Num(e, "count")} ({note})";
    }

    private static void Line(StringBuilder sb, string text) => sb.Append(text).Append('\n');

    private static JsonElement Obj(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? v : default;

    private static string Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() ?? string.Empty : string.Empty;

    private static string Num(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetRawText() : "?";

    private static double Seconds(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.GetDouble() is var d and >= 0 and < 1e9 ? d : 0;
}
