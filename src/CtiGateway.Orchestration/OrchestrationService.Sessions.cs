using System.Text.Json;
using System.Text.Json.Nodes;
using CtiGateway.Protocol;
using CtiGateway.Scxml;

namespace CtiGateway.Orchestration;

/// <summary>Session life: start on a call at a route point, interactions owned, end, list, show, kill.</summary>
public sealed partial class OrchestrationService
{
    /// <summary>The live sessions, oldest first.</summary>
    public async Task<IReadOnlyList<SessionInfo>> ListSessionsAsync()
    {
        var sessions = _sessions.Values.OrderBy(s => s.StartTimestamp).ToList();
        var result = new List<SessionInfo>(sessions.Count);
        foreach (var session in sessions)
        {
            result.Add(await DescribeAsync(session, snapshot: null).ConfigureAwait(false));
        }

        return result;
    }

    /// <summary>One session's states, data model, last events and log lines; null when there is no such live session.</summary>
    public async Task<SessionDetails?> ShowSessionAsync(string sessionId)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        if (!_sessions.TryGetValue(sessionId, out var session) || session.Handle is not { } handle)
        {
            return null;
        }

        var snapshot = await SnapshotWithin(handle).ConfigureAwait(false);
        var (events, log) = session.History();
        return new SessionDetails(await DescribeAsync(session, snapshot).ConfigureAwait(false), snapshot?.DataModelJson ?? "{}", events, log);
    }

    /// <summary>
    /// Sends an external event to a live session (as ORS's session event interface does): <paramref name="jsonData"/>
    /// becomes <c>_event.data</c>. Returns false when there is no such live session.
    /// </summary>
    /// <exception cref="System.Text.Json.JsonException"><paramref name="jsonData"/> is not JSON.</exception>
    public bool SendToSession(string sessionId, string eventName, string? jsonData)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        if (!_sessions.TryGetValue(sessionId, out var session) || session.Handle is not { } handle || handle.IsFinished)
        {
            return false;
        }

        session.NoteEvent(eventName, jsonData);
        SessionEvent?.Invoke(sessionId, eventName, jsonData);
        handle.Send(eventName, jsonData);
        return true;
    }

    /// <summary>Ends a session (its onexit handlers run). Returns false when there is no such live session.</summary>
    public bool KillSession(string sessionId)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        if (!_sessions.TryGetValue(sessionId, out var session) || session.Handle is not { } handle)
        {
            return false;
        }

        OrchestrationLog.SessionKilled(_logger, sessionId);
        session.AbandonPending();
        handle.Cancel();
        return true;
    }

    private async Task<SessionInfo> DescribeAsync(OrchestrationSession session, ScxmlSessionSnapshot? snapshot)
    {
        if (snapshot is null && session.Handle is { } handle)
        {
            snapshot = await SnapshotWithin(handle).ConfigureAwait(false);
        }

        string[] interactions;
        lock (_gate)
        {
            interactions = [.. session.Interactions];
        }

        return new SessionInfo(session.Id, session.Strategy.Name, interactions, snapshot?.ActiveStates ?? [], _runtime.Scheduler.Now - session.Started);
    }

    private static async Task<ScxmlSessionSnapshot?> SnapshotWithin(ScxmlSessionHandle handle)
    {
        var snapshot = handle.SnapshotAsync();
        // A session busy in a long script answers late; listings do not wait for it.
        return await Task.WhenAny(snapshot, Task.Delay(TimeSpan.FromSeconds(2))).ConfigureAwait(false) == snapshot ? await snapshot.ConfigureAwait(false) : null;
    }

    /// <summary>A call arrived at a route point with a strategy: a new session owns it (called under no lock). Returns its id, or null.</summary>
    private string? StartSession(LoadedStrategy strategy, Interaction interaction, string routePoint)
    {
        var options = Options;
        var sessionId = NewSessionId();
        OrchestrationSession session;
        lock (_gate)
        {
            if (_sessions.Count >= options.MaxSessions)
            {
                Interlocked.Increment(ref _failed);
                OrchestrationLog.SessionLimit(_logger, _sessions.Count, options.MaxSessions, interaction.Id, routePoint);
                return null;
            }

            session = new OrchestrationSession(sessionId, strategy, _runtime.Scheduler.Now, _time.GetTimestamp()) { FirstConnId = interaction.Id };
            session.Interactions.Add(interaction.Id);
            interaction.OwnerSessionId = sessionId;
            interaction.Controlled = true;
            interaction.UserData.Set(SessionKey, KeyValue.FromString(sessionId));
            _sessions[sessionId] = session;
        }

        ScxmlSessionHandle handle;
        try
        {
            handle = _runtime.Start(strategy.Document, new ScxmlSessionOptions
            {
                SessionId = sessionId,
                HostObjects = [GenesysObject.Create(this, sessionId, [interaction], strategy.Name)],
            });
        }
        catch (Exception ex) when (ex is ArgumentException or ObjectDisposedException)
        {
            lock (_gate)
            {
                _sessions.TryRemove(sessionId, out _);
                interaction.OwnerSessionId = null;
                interaction.Controlled = false;
            }

            Interlocked.Increment(ref _failed);
            OrchestrationLog.SessionFailed(_logger, sessionId, ex.Message);
            return null;
        }

        session.Handle = handle;
        Interlocked.Increment(ref _started);
        OrchestrationLog.SessionStarted(_logger, sessionId, strategy.Name, interaction.Id, routePoint);
        session.TimeToLive = _runtime.Scheduler.Schedule(options.SessionTimeToLive, () =>
        {
            if (!handle.IsFinished)
            {
                OrchestrationLog.SessionExpired(_logger, sessionId, options.SessionTimeToLive.TotalSeconds);
                session.AbandonPending();
                handle.Cancel();
            }
        });
        _ = handle.Completion.ContinueWith(t => OnSessionEnded(session, t), TaskScheduler.Default);

        Deliver(session, "interaction.added", new JsonObject { ["interactionid"] = interaction.Id }, null);
        Deliver(session, "interaction.present", new JsonObject { ["interactionid"] = interaction.Id }, null);
        _ = AttachSessionIdAsync(interaction, routePoint, sessionId);
        return sessionId;
    }

    private Task AttachSessionIdAsync(Interaction interaction, string dn, string sessionId) =>
        SendOwnUserDataAsync(interaction, new TlibMessage(MessageType.RequestUpdateUserData) { ThisDN = dn, ConnID = interaction.ConnId, UserData = new KeyValueList().Add(SessionKey, sessionId) }, sessionId);

    private void OnSessionEnded(OrchestrationSession session, Task<ScxmlSessionResult> completion)
    {
        session.TimeToLive?.Dispose();
        session.AbandonPending();
        lock (_gate)
        {
            foreach (var id in session.Interactions)
            {
                if (_interactions.TryGetValue(id, out var interaction) && interaction.OwnerSessionId == session.Id)
                {
                    interaction.OwnerSessionId = null;
                    interaction.Controlled = false;
                }
            }

            session.Interactions.Clear();
            _sessions.TryRemove(session.Id, out _);
        }

        var result = completion.IsCompletedSuccessfully ? completion.Result : null;
        string how;
        if (result?.FinalStateId is { } final)
        {
            Interlocked.Increment(ref _ended);
            how = final;
        }
        else
        {
            Interlocked.Increment(ref _failed);
            how = result is null ? "failed: " + completion.Exception?.GetBaseException().Message : result.ToString() ?? "ended";
            OrchestrationLog.SessionFailed(_logger, session.Id, how);
        }

        OrchestrationLog.SessionEnded(_logger, session.Id, how);
        SessionEnded?.Invoke(session.Id, how);
    }

    /// <summary>Delivers an event to a session, with host updates first; notes it in the session's history.</summary>
    internal void Deliver(OrchestrationSession session, string name, JsonObject data, IReadOnlyList<ScxmlHostUpdate>? updates)
    {
        var json = data.ToJsonString();
        session.NoteEvent(name, json);
        SessionEvent?.Invoke(session.Id, name, json);
        session.Handle?.Send(name, json, updates);
    }

    /// <summary>Notes an action's completion event (posted through its pending action) like a delivered event.</summary>
    internal void NoteActionEvent(string sessionId, string name, string json)
    {
        if (_sessions.TryGetValue(sessionId, out var session))
        {
            session.NoteEvent(name, json);
        }

        SessionEvent?.Invoke(sessionId, name, json);
    }

    /// <summary>
    /// Sends one of this orchestration's own user-data requests for <paramref name="interaction"/> (its echo is not
    /// reported to the session as a change made by someone else). Failures are logged, not thrown.
    /// </summary>
    internal async Task SendOwnUserDataAsync(Interaction interaction, TlibMessage request, string sessionId)
    {
        lock (_gate)
        {
            interaction.OwnUserDataChanges++;
        }

        try
        {
            await _client.RequestAsync(request, _stop.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsConnectionError(ex))
        {
            lock (_gate)
            {
                // No echo comes for a refused request.
                interaction.OwnUserDataChanges = Math.Max(0, interaction.OwnUserDataChanges - 1);
            }

            OrchestrationLog.AttachSessionIdFailed(_logger, sessionId, interaction.Id, ex.Message);
        }
    }

    internal bool TryGetSession(string sessionId, out OrchestrationSession session) => _sessions.TryGetValue(sessionId, out session!);

    /// <summary>The host update that puts an interaction's current object in a session's <c>_genesys</c>.</summary>
    internal static ScxmlHostUpdate InteractionUpdate(Interaction interaction) =>
        new(["_genesys", "ixn", "interactions", interaction.Id], interaction.ToJson().ToJsonString());

    internal static ScxmlHostUpdate InteractionRemoval(Interaction interaction) =>
        new(["_genesys", "ixn", "interactions", interaction.Id], null);

    internal string? GetUserDataJson(string sessionId, string? interactionId, string? key)
    {
        lock (_gate)
        {
            var interaction = FindForSession(sessionId, interactionId) ?? throw new ScxmlActionException($"getuData: no interaction '{interactionId}' in this session");
            var udata = UserDataJson.ToJson(interaction.UserData);
            return key is null ? udata.ToJsonString() : udata[key]?.ToJsonString();
        }
    }

    internal ScxmlHostCallResult SetUserDataJson(string sessionId, string? interactionId, string? json)
    {
        if (json is null)
        {
            throw new ScxmlActionException("setuData needs an object of key-value pairs");
        }

        KeyValueList pairs;
        using (var document = JsonDocument.Parse(json))
        {
            try
            {
                pairs = UserDataJson.FromJson(document.RootElement);
            }
            catch (ArgumentException ex)
            {
                throw new ScxmlActionException("setuData: " + ex.Message);
            }
        }

        Interaction interaction;
        string dn;
        ScxmlHostUpdate update;
        lock (_gate)
        {
            interaction = FindForSession(sessionId, interactionId) ?? throw new ScxmlActionException($"setuData: no interaction '{interactionId}' in this session");
            dn = interaction.RoutePoint ?? interaction.Parties.FirstOrDefault()?.Device ?? throw new ScxmlActionException($"setuData: interaction {interaction.Id} has no party to attach data at");
            foreach (var (key, value) in pairs)
            {
                interaction.UserData.Set(key, value);
            }

            update = InteractionUpdate(interaction);
        }

        _ = UpdateUserDataAsync(sessionId, interaction, dn, pairs);
        return new ScxmlHostCallResult("true", [update]);
    }

    private Task UpdateUserDataAsync(string sessionId, Interaction interaction, string dn, KeyValueList pairs) =>
        SendOwnUserDataAsync(interaction, new TlibMessage(MessageType.RequestUpdateUserData) { ThisDN = dn, ConnID = interaction.ConnId, UserData = pairs }, sessionId);

    /// <summary>The interaction <paramref name="interactionId"/>, or with none given the session's first; caller holds the lock.</summary>
    internal Interaction? FindForSession(string sessionId, string? interactionId)
    {
        if (interactionId is { Length: > 0 })
        {
            return _interactions.GetValueOrDefault(interactionId);
        }

        return _sessions.TryGetValue(sessionId, out var session) && session.Interactions.Count > 0 ? _interactions.GetValueOrDefault(session.Interactions[0]) : null;
    }

    internal Lock Gate => _gate;

    internal Dictionary<string, Interaction> InteractionTable => _interactions;
}
