using System.Buffers;
using System.Text.Json;
using CtiGateway.Protocol;

namespace CtiGateway.Daemon;

/// <summary>
/// The answer to the control command <c>status</c>: one JSON object (docs/operations.md "Control socket"). Calls are
/// counted per switch by <see cref="CallPhase"/> (<see cref="CallTally"/>); sessions are orchestration's counters
/// (live now, started, ended and failed since start), or 0 with a note saying why orchestration does not run.
/// </summary>
internal static class StatusReport
{
    public static void Write(Utf8JsonWriter json, RuntimeState state, CallTally calls)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(calls);
        var server = state.Server;
        json.WriteStartObject();
        json.WriteBoolean("ok", true);
        json.WriteString("version", DaemonInfo.Version);
        json.WriteString("startedAt", state.StartedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteNumber("uptimeSeconds", Math.Round(state.Uptime.TotalSeconds, 1));
        json.WriteString("role", server.Role == ServerRole.Primary ? "primary" : "backup");
        json.WriteString("tlibEndpoint", server.LocalEndPoint?.ToString() ?? string.Empty);
        json.WriteNumber("pid", Environment.ProcessId);

        json.WriteStartArray("links");
        var linkStates = server.LinkStates;
        var detailed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var l in state.Switching?.GetStatus() ?? [])
        {
            detailed.Add(l.Switch);
            json.WriteStartObject();
            json.WriteString("switch", l.Switch);
            json.WriteString("link", l.Link);
            json.WriteString("endpoint", l.Endpoint);
            json.WriteString("state", l.State);
            json.WriteBoolean("active", l.Active);
            json.WriteBoolean("switchConnected", linkStates.TryGetValue(l.Switch, out var up) && up);
            json.WriteString("lastError", l.LastError);
            json.WriteNumber("bytesIn", l.BytesIn);
            json.WriteNumber("bytesOut", l.BytesOut);
            json.WriteNumber("framesIn", l.FramesIn);
            json.WriteNumber("framesOut", l.FramesOut);
            json.WriteNumber("hardwareErrors", l.HardwareErrors);
            json.WriteNumber("reconnects", l.Reconnects);
            json.WriteEndObject();
        }

        // A switch the server knows of without link details (declared by another component) still shows its state.
        foreach (var (name, connected) in linkStates)
        {
            if (!detailed.Contains(name))
            {
                json.WriteStartObject();
                json.WriteString("switch", name);
                json.WriteString("state", connected ? "up" : "down");
                json.WriteBoolean("switchConnected", connected);
                json.WriteEndObject();
            }
        }

        json.WriteEndArray();

        var clients = server.GetClients();
        json.WriteStartObject("clients");
        json.WriteNumber("connected", clients.Count);
        json.WriteNumber("accepted", server.ClientsAccepted);
        json.WriteNumber("rejected", server.ClientsRejected);
        json.WriteNumber("slowCut", server.SlowClientsCut);
        json.WriteNumber("registrationTimeouts", server.RegistrationTimeouts);
        json.WriteNumber("frameTimeouts", server.FrameTimeouts);
        json.WriteNumber("requestsReceived", server.RequestsReceived);
        json.WriteNumber("eventsSent", server.EventsSent);
        json.WriteNumber("bytesIn", server.BytesReceived);
        json.WriteNumber("bytesOut", server.BytesSent);
        json.WriteEndObject();

        json.WriteStartObject("dns");
        json.WriteNumber("registered", server.RegisteredDnCount);
        json.WriteEndObject();

        json.WriteStartObject("calls");
        json.WriteNumber("count", calls.Total);
        WritePhases(json, calls.Combined);
        json.WriteStartArray("switches");
        foreach (var (name, counts) in calls.Switches)
        {
            json.WriteStartObject();
            json.WriteString("switch", name);
            json.WriteNumber("count", counts.Sum());
            WritePhases(json, counts);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (calls.Note is { } note)
        {
            json.WriteString("note", note);
        }

        json.WriteEndObject();

        json.WriteStartObject("sessions");
        var counters = state.Orchestration?.Counters();
        json.WriteNumber("count", counters?.Live ?? 0);
        json.WriteNumber("live", counters?.Live ?? 0);
        json.WriteNumber("started", counters?.Started ?? 0);
        json.WriteNumber("ended", counters?.Ended ?? 0);
        json.WriteNumber("failed", counters?.Failed ?? 0);
        json.WriteNumber("interactions", counters?.Interactions ?? 0);
        json.WriteNumber("routed", counters?.Routed ?? 0);
        json.WriteNumber("timeToRouteSecondsSum", counters?.TimeToRouteSecondsSum ?? 0);
        if (counters is null)
        {
            json.WriteString("note", $"orchestration is not running: {state.OrchestrationNotRunning}");
        }

        json.WriteEndObject();

        json.WriteStartObject("queues");
        json.WriteNumber("clients", clients.Count);
        json.WriteNumber("maxBytes", clients.Count == 0 ? 0 : clients.Max(c => c.QueueBytes));
        json.WriteNumber("totalBytes", clients.Sum(c => c.QueueBytes));
        json.WriteNumber("limitBytes", server.Options.ClientQueueBytes);
        json.WriteEndObject();

        json.WriteStartObject("watchdog");
        json.WriteBoolean("enabled", state.WatchdogInterval is not null);
        if (state.WatchdogInterval is { } interval)
        {
            json.WriteNumber("intervalMs", (long)interval.TotalMilliseconds);
        }

        json.WriteNumber("pings", state.WatchdogPings);
        if (state.LastWatchdogPing is { } ping)
        {
            json.WriteString("lastPing", ping.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        }

        var silent = state.SilentLoops;
        json.WriteStartArray("loops");
        foreach (var (name, lastAnswer) in state.Liveness.Snapshot())
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteBoolean("answering", lastAnswer is not null && !silent.Contains(name, StringComparer.Ordinal));
            if (lastAnswer is { } at)
            {
                json.WriteString("lastAnswer", at.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>The report as one line of UTF-8 JSON (no trailing newline).</summary>
    public static byte[] ToJsonBytes(RuntimeState state, CallTally calls)
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(json, state, calls);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>"byState": {"dialing": N, "ringing": N, ...} in the order of <see cref="CallTally.Phases"/>.</summary>
    private static void WritePhases(Utf8JsonWriter json, IReadOnlyList<long> counts)
    {
        json.WriteStartObject("byState");
        foreach (var phase in CallTally.Phases)
        {
            json.WriteNumber(CallTally.NameOf(phase), counts[(int)phase]);
        }

        json.WriteEndObject();
    }
}
