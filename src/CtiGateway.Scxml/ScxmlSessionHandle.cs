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
    public void Send(string eventName, string? jsonData = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        if (jsonData is not null)
        {
            using var check = JsonDocument.Parse(jsonData);
        }

        _session.Post(new ScxmlEvent
        {
            Name = eventName,
            Type = "external",
            Data = jsonData is null ? DataValue.Undefined : DataValue.Json(jsonData),
        });
    }

    /// <summary>Stops the session (its onexit handlers run; no done event is sent).</summary>
    public void Cancel() => _session.Cancel();
}
