using System.Buffers;
using System.Globalization;
using System.Text.Json;
using CtiGateway.Switching;

namespace CtiGateway.Daemon;

/// <summary>
/// The answer to the control command <c>calls</c> (<c>ctigw calls</c>): the live calls of every switch, oldest first,
/// as one line of JSON (docs/operations.md "Control socket"). Bounded: at most <see cref="MaxCalls"/> calls and
/// about <see cref="MaxBytes"/> bytes are listed; <c>truncated</c> says when calls were left out, <c>count</c> is
/// always the number of live calls. A ConnID is 16 lowercase hex digits; per call only the user-data keys are
/// listed (at most <see cref="MaxKeysPerCall"/>), never the values.
/// </summary>
internal static class CallListing
{
    /// <summary>The most calls one answer lists.</summary>
    public const int MaxCalls = 10_000;

    /// <summary>The answer stops listing calls once it is this long (the CLI reads at most 16 MiB).</summary>
    public const int MaxBytes = 8 * 1024 * 1024;

    /// <summary>The most user-data keys listed for one call.</summary>
    public const int MaxKeysPerCall = 100;

    /// <summary>The listing of <paramref name="calls"/> at <paramref name="now"/>, with an optional note (e.g. no switches).</summary>
    public static byte[] ToJsonBytes(IReadOnlyList<SwitchCall> calls, DateTimeOffset now, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(calls);
        var ordered = calls.OrderBy(c => c.Call.Started).ThenBy(c => c.Switch, StringComparer.Ordinal).ThenBy(c => c.Call.ConnId.Value);
        var buffer = new ArrayBufferWriter<byte>(4096);
        var listed = 0;
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteBoolean("ok", true);
            json.WriteNumber("count", calls.Count);
            json.WriteNumber("limit", MaxCalls);
            json.WriteStartArray("calls");
            foreach (var call in ordered)
            {
                if (listed == MaxCalls || json.BytesPending + json.BytesCommitted > MaxBytes)
                {
                    break;
                }

                WriteCall(json, call, now);
                listed++;
            }

            json.WriteEndArray();
            json.WriteNumber("listed", listed);
            json.WriteBoolean("truncated", listed < calls.Count);
            if (note is not null)
            {
                json.WriteString("note", note);
            }

            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteCall(Utf8JsonWriter json, SwitchCall entry, DateTimeOffset now)
    {
        var call = entry.Call;
        json.WriteStartObject();
        json.WriteString("Switch", entry.Switch);
        json.WriteString("ConnID", call.ConnId.ToString());
        json.WriteString("CallUUID", call.CallUuid);
        json.WriteString("CallType", call.CallType.ToString());
        json.WriteString("CallState", call.CallState.ToString());
        if (call.Ani is { } ani)
        {
            json.WriteString("ANI", ani);
        }

        if (call.Dnis is { } dnis)
        {
            json.WriteString("DNIS", dnis);
        }

        if (call.PreviousConnId is { } previous)
        {
            json.WriteString("PreviousConnID", previous.ToString());
        }

        json.WriteString("Started", call.Started.ToString("O", CultureInfo.InvariantCulture));
        json.WriteNumber("AgeSeconds", Math.Max(0, Math.Round((now - call.Started).TotalSeconds, 1)));
        json.WriteString("Phase", CallTally.NameOf(CallTally.PhaseOf(call)));
        json.WriteStartArray("Parties");
        foreach (var party in call.Parties)
        {
            json.WriteStartObject();
            json.WriteString("DN", party.Dn);
            json.WriteString("PartyState", party.State.ToString());
            json.WriteString("Role", party.Role.ToString());
            json.WriteBoolean("Internal", party.IsInternal);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("UserDataKeys");
        var keys = 0;
        foreach (var pair in call.UserData)
        {
            if (keys == MaxKeysPerCall)
            {
                break;
            }

            json.WriteStringValue(pair.Key);
            keys++;
        }

        json.WriteEndArray();
        if (call.UserData.Count > keys)
        {
            json.WriteNumber("UserDataKeyCount", call.UserData.Count);
        }

        json.WriteEndObject();
    }
}
