using System.Buffers;
using System.Text.Json;
using CtiGateway.Orchestration;

namespace CtiGateway.Daemon;

/// <summary>
/// The answers to the control commands <c>sessions</c> and <c>sessions show ID</c> (<c>ctigw sessions</c>): the live
/// orchestration sessions, oldest first, and one session in depth, each as one line of JSON (docs/operations.md
/// "Control socket"). Bounded like the call listing: at most <see cref="MaxSessions"/> sessions and about
/// <see cref="MaxBytes"/> bytes; a data model longer than <see cref="MaxDataModelBytes"/> is left out with a note.
/// </summary>
internal static class SessionListing
{
    /// <summary>The most sessions one answer lists.</summary>
    public const int MaxSessions = 10_000;

    /// <summary>The answer stops listing sessions once it is this long (the CLI reads at most 16 MiB).</summary>
    public const int MaxBytes = 8 * 1024 * 1024;

    /// <summary>The longest data model <c>sessions show</c> prints.</summary>
    public const int MaxDataModelBytes = 1024 * 1024;

    /// <summary>The listing of <paramref name="sessions"/>, with an optional note (e.g. orchestration is off).</summary>
    public static byte[] ToJsonBytes(IReadOnlyList<SessionInfo> sessions, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var buffer = new ArrayBufferWriter<byte>(4096);
        var listed = 0;
        using (var json = Writer(buffer))
        {
            json.WriteStartObject();
            json.WriteBoolean("ok", true);
            json.WriteNumber("count", sessions.Count);
            json.WriteNumber("limit", MaxSessions);
            json.WriteStartArray("sessions");
            foreach (var session in sessions.OrderByDescending(s => s.Age).ThenBy(s => s.Id, StringComparer.Ordinal))
            {
                if (listed == MaxSessions || json.BytesPending + json.BytesCommitted > MaxBytes)
                {
                    break;
                }

                WriteSession(json, session);
                listed++;
            }

            json.WriteEndArray();
            json.WriteNumber("listed", listed);
            json.WriteBoolean("truncated", listed < sessions.Count);
            if (note is not null)
            {
                json.WriteString("note", note);
            }

            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>One session: its listing line, data model, last events and last log lines.</summary>
    public static byte[] DetailsToJsonBytes(SessionDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var json = Writer(buffer))
        {
            json.WriteStartObject();
            json.WriteBoolean("ok", true);
            json.WritePropertyName("session");
            WriteSession(json, details.Session);
            json.WritePropertyName("DataModel");
            if (System.Text.Encoding.UTF8.GetByteCount(details.DataModelJson) > MaxDataModelBytes)
            {
                json.WriteNullValue();
                json.WriteString("DataModelNote", $"the data model is longer than {MaxDataModelBytes} bytes and is left out");
            }
            else
            {
                try
                {
                    using var model = JsonDocument.Parse(details.DataModelJson);
                    model.RootElement.WriteTo(json);
                }
                catch (JsonException)
                {
                    json.WriteStringValue(details.DataModelJson);
                }
            }

            json.WriteStartArray("LastEvents");
            foreach (var e in details.LastEvents)
            {
                json.WriteStringValue(e);
            }

            json.WriteEndArray();
            json.WriteStartArray("LastLogLines");
            foreach (var line in details.LastLogLines)
            {
                json.WriteStringValue(line);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static Utf8JsonWriter Writer(ArrayBufferWriter<byte> buffer) =>
        new(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private static void WriteSession(Utf8JsonWriter json, SessionInfo session)
    {
        json.WriteStartObject();
        json.WriteString("Id", session.Id);
        json.WriteString("Strategy", session.Strategy);
        json.WriteStartArray("Interactions");
        foreach (var connId in session.Interactions)
        {
            json.WriteStartObject();
            json.WriteString("ConnID", connId);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("ActiveStates");
        foreach (var state in session.ActiveStates)
        {
            json.WriteStringValue(state);
        }

        json.WriteEndArray();
        json.WriteNumber("AgeSeconds", Math.Max(0, Math.Round(session.Age.TotalSeconds, 1)));
        json.WriteEndObject();
    }
}
