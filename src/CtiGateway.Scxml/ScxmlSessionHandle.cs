using System.Text.Json;
using CtiGateway.Scxml.Runtime;

namespace CtiGateway.Scxml;

/// <summary>The host's handle on a running session.</summary>
public sealed class ScxmlSessionHandle
{
    private readonly ScxmlSession _session;

    internal ScxmlSessionHandle(ScxmlSession session)
    {
        _session = session;
    }

    /// <summary>The session id (<c>_sessionid</c>).</summary>
    public string SessionId => _session.Id;

    /// <summary>The session's BasicHTTP Event I/O Processor location (null when BasicHTTP is not enabled).</summary>
    public string? BasicHttpLocation => _session.Runtime.Http?.LocationFor(_session.Id);

    /// <summary>True while the session's data model is parked (values stored, no script engine).</summary>
    internal bool IsDataModelParked => _session.IsDataModelParked;

    /// <summary>True while the session holds a script engine.</summary>
    internal bool HasEngine => _session.HasEngine;

    /// <summary>Completes when the session ends.</summary>
    public Task<ScxmlSessionResult> Completion => _session.Completion;

    /// <summary>Puts an external event on the session's queue. <paramref name="jsonData"/> becomes <c>_event.data</c>.</summary>
    public void Send(string eventName, string? jsonData = null) => PostExternal(_session, eventName, jsonData, null);

    /// <summary>
    /// Applies <paramref name="updates"/> to the session's host data, then delivers the event: the event's transitions
    /// already see the new values. Both go in the mailbox at once, after anything sent before.
    /// </summary>
    public void Send(string eventName, string? jsonData, IReadOnlyList<ScxmlHostUpdate>? updates) => PostExternal(_session, eventName, jsonData, updates);

    /// <summary>Applies <paramref name="updates"/> to the session's host data with no event.</summary>
    public void Update(IReadOnlyList<ScxmlHostUpdate> updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        var parsed = ParseUpdates(updates);
        _session.PostUpdates(parsed, null);
    }

    /// <summary>The session's active states and data, taken between macrosteps (null when the session has ended).</summary>
    public Task<ScxmlSessionSnapshot?> SnapshotAsync() => _session.SnapshotAsync();

    /// <summary>True once the session has ended.</summary>
    public bool IsFinished => _session.IsFinished;

    /// <summary>The document the session runs.</summary>
    public ScxmlDocument Document => _session.Document;

    internal static void PostExternal(ScxmlSession session, string eventName, string? jsonData, IReadOnlyList<ScxmlHostUpdate>? updates)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        if (jsonData is not null)
        {
            using var check = JsonDocument.Parse(jsonData);
        }

        var e = new ScxmlEvent
        {
            Name = eventName,
            Type = "external",
            Data = jsonData is null ? DataValue.Undefined : DataValue.Json(jsonData),
        };
        if (updates is { Count: > 0 })
        {
            session.PostUpdates(ParseUpdates(updates), e);
        }
        else
        {
            session.Post(e);
        }
    }

    private static List<(IReadOnlyList<string> Path, DataValue Value)> ParseUpdates(IReadOnlyList<ScxmlHostUpdate> updates)
    {
        var parsed = new List<(IReadOnlyList<string>, DataValue)>(updates.Count);
        foreach (var update in updates)
        {
            if (update.Path.Count == 0)
            {
                throw new ArgumentException("A host update needs a path.", nameof(updates));
            }

            if (update.Json is not null)
            {
                using var check = JsonDocument.Parse(update.Json);
            }

            parsed.Add((update.Path, update.Json is null ? DataValue.Undefined : DataValue.Json(update.Json)));
        }

        return parsed;
    }

    /// <summary>Stops the session (its onexit handlers run; no done event is sent).</summary>
    public void Cancel() => _session.Cancel();
}
