using System.Text.Json.Nodes;
using System.Threading.Channels;
using CtiGateway.Client;
using CtiGateway.Protocol;
using CtiGateway.Scxml;

namespace CtiGateway.Orchestration;

/// <summary>T-Library events in, <c>interaction.*</c> events out: the live <c>_genesys</c> object of each owning session.</summary>
public sealed partial class OrchestrationService
{
    private async Task ReadEventsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var e in _client.ReadEventsAsync(cancellationToken).ConfigureAwait(false))
            {
                Dispatch(e);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (ChannelClosedException ex)
        {
            OrchestrationLog.EventLoopEnded(_logger, ex.Message);
        }
    }

    /// <summary>One T-Library event. Runs on the event loop only; the interaction table is changed under the lock.</summary>
    internal void Dispatch(TlibMessage e)
    {
        switch (e.Type)
        {
            case MessageType.EventRouteRequest:
                OnRouteRequest(e);
                break;
            case MessageType.EventQueued:
                OnPartyState(e, "queued", "queue");
                break;
            case MessageType.EventRinging:
                OnPartyState(e, "ringing", "destination");
                break;
            case MessageType.EventDialing:
            case MessageType.EventNetworkReached:
                OnPartyState(e, "dialing", "origination");
                break;
            case MessageType.EventEstablished:
            case MessageType.EventRetrieved:
                OnPartyState(e, "connected", "destination");
                break;
            case MessageType.EventHeld:
                OnPartyState(e, "held", "destination");
                break;
            case MessageType.EventReleased:
                if (!TryMergeOnRelease(e))
                {
                    OnPartyGone(e);
                }

                break;
            case MessageType.EventAbandoned:
                OnPartyGone(e);
                break;
            case MessageType.EventPartyChanged:
                OnPartyChanged(e);
                break;
            case MessageType.EventRouteUsed:
            case MessageType.EventDiverted:
                OnLeftRoutePoint(e);
                break;
            case MessageType.EventAttachedDataChanged:
                OnUserDataChanged(e);
                break;
            case MessageType.EventLinkDisconnected:
                OnLinkState(SwitchOfLinkEvent(e), connected: false);
                break;
            case MessageType.EventLinkConnected:
                OnLinkState(SwitchOfLinkEvent(e), connected: true);
                break;
        }

        if (e.Type is MessageType.EventReleased or MessageType.EventAbandoned or MessageType.EventRouteUsed or MessageType.EventDiverted or MessageType.EventEstablished)
        {
            // A call moved or ended: an agent may be free, waiting queue:submit requests look again.
            _queue.Recheck();
        }
    }

    private void OnRouteRequest(TlibMessage e)
    {
        if (e.ThisDN is not { } routePoint || e.ConnID is not { } connId || Volatile.Read(ref _strategies).For(routePoint) is not { } strategy)
        {
            return;
        }

        Interaction interaction;
        OrchestrationSession? owner = null;
        var taken = false;
        lock (_gate)
        {
            var id = connId.ToString();
            if (!_interactions.TryGetValue(id, out interaction!))
            {
                interaction = new Interaction(connId, SwitchOfEvent(e, routePoint), _runtime.Scheduler.Now);
                _interactions[id] = interaction;
            }

            Fill(interaction, e);
            interaction.RoutePoint = routePoint;
            interaction.ArrivalTimestamp = _time.GetTimestamp();
            interaction.PendingResultOf = null;
            if (interaction.PartyAt(routePoint) is null)
            {
                interaction.AddParty(routePoint, "queued", "routingpoint");
            }

            if (interaction.OwnerSessionId is { } ownerId && _sessions.TryGetValue(ownerId, out var current))
            {
                owner = current;
            }
            else if (e.UserData?.TryGetValue(SessionKey, out var sessionValue) == true && sessionValue.Type is KeyValueType.String or KeyValueType.Unicode
                && _sessions.TryGetValue(sessionValue.AsString(), out var named))
            {
                // A call that a live session routed to another route point comes back to that session, and so does
                // a consultation call made from one of its calls (it inherits the user data): new to the session,
                // it is added before it is presented.
                owner = named;
                interaction.OwnerSessionId = named.Id;
                taken = !named.Interactions.Contains(interaction.Id);
                if (taken)
                {
                    named.Interactions.Add(interaction.Id);
                }
            }
        }

        if (owner is null)
        {
            _ = StartSession(strategy, interaction, routePoint);
            return;
        }

        lock (_gate)
        {
            interaction.Controlled = true;
        }

        if (taken)
        {
            Deliver(owner, "interaction.added", new JsonObject { ["interactionid"] = interaction.Id }, [InteractionUpdate(interaction)]);
        }

        Deliver(owner, "interaction.present", new JsonObject { ["interactionid"] = interaction.Id }, [InteractionUpdate(interaction)]);
    }

    private string SwitchOfEvent(TlibMessage e, string dn) =>
        e.GetString(AttributeId.Location) is { Length: > 0 } location ? location : _targets.SwitchOf(dn, null) ?? string.Empty;

    private static void Fill(Interaction interaction, TlibMessage e)
    {
        interaction.Ani = e.GetString(AttributeId.ANI) ?? interaction.Ani;
        interaction.Dnis = e.GetString(AttributeId.DNIS) ?? interaction.Dnis;
        interaction.CallUuid = e.GetString(AttributeId.CallUUID) ?? interaction.CallUuid;
        interaction.CallId = e.CallID ?? interaction.CallId;
        interaction.CallType = e.CallType ?? interaction.CallType;
        if (e.GetLong(AttributeId.PreviousConnID) is { } previous && previous != 0)
        {
            interaction.ParentConnId = new ConnId((ulong)previous);
        }

        if (e.UserData is { } userData)
        {
            interaction.UserData = userData.Clone();
        }
    }

    private void OnPartyState(TlibMessage e, string state, string role)
    {
        if (e.ThisDN is not { } dn || e.ConnID is not { } connId)
        {
            return;
        }

        OrchestrationSession? owner;
        Interaction? interaction;
        string name;
        InteractionParty party;
        var adopted = false;
        lock (_gate)
        {
            if (!_interactions.TryGetValue(connId.ToString(), out interaction))
            {
                interaction = AdoptByUserData(e, connId, dn);
                if (interaction is null)
                {
                    return;
                }

                adopted = true;
            }

            Fill(interaction, e);
            var existing = interaction.PartyAt(dn);
            if (existing is null)
            {
                party = interaction.AddParty(dn, state, role);
                name = "interaction.partyadded";
            }
            else if (existing.State != state)
            {
                existing.State = state;
                party = existing;
                name = "interaction.partystatechanged";
            }
            else
            {
                return;
            }

            owner = OwnerOf(interaction);
        }

        if (owner is not null && adopted)
        {
            // Parties the interaction had before interaction.added are in its object, not reported as partyadded.
            Deliver(owner, "interaction.added", new JsonObject { ["interactionid"] = interaction.Id }, [InteractionUpdate(interaction)]);
            Deliver(owner, "interaction.present", new JsonObject { ["interactionid"] = interaction.Id }, null);
        }
        else if (owner is not null)
        {
            var data = new JsonObject { ["interactionid"] = interaction.Id, ["focusresource"] = dn, ["partyid"] = party.PartyId, ["partystate"] = party.State };
            if (name == "interaction.partystatechanged")
            {
                data["hints"] = new JsonObject();
            }

            Deliver(owner, name, data, [InteractionUpdate(interaction)]);
        }
    }

    /// <summary>
    /// A call this orchestration does not know yet reached a DN it watches, carrying the OP-Session-ID of a live session
    /// (a session redirected or transferred it there, perhaps across switches): that session owns the new call too.
    /// Caller holds the lock.
    /// </summary>
    private Interaction? AdoptByUserData(TlibMessage e, ConnId connId, string dn)
    {
        if (e.UserData?.TryGetValue(SessionKey, out var value) != true || value.Type is not (KeyValueType.String or KeyValueType.Unicode)
            || !_sessions.TryGetValue(value.AsString(), out var session) || session.Handle is null)
        {
            return null;
        }

        var interaction = new Interaction(connId, SwitchOfEvent(e, dn), _runtime.Scheduler.Now) { OwnerSessionId = session.Id, Controlled = true };
        Fill(interaction, e);
        _interactions[interaction.Id] = interaction;
        session.Interactions.Add(interaction.Id);
        return interaction;
    }

    private void OnPartyGone(TlibMessage e)
    {
        if (e.ThisDN is not { } dn || e.ConnID is not { } connId)
        {
            return;
        }

        OrchestrationSession? owner;
        Interaction? interaction;
        InteractionParty? party;
        bool ended;
        var rerouted = false;
        lock (_gate)
        {
            if (!_interactions.TryGetValue(connId.ToString(), out interaction))
            {
                return;
            }

            party = interaction.PartyAt(dn);
            if (party is not null)
            {
                interaction.RemoveParty(party);
            }

            // The call ended where the orchestration sees it: at its route point, or its last watched party left.
            ended = dn == interaction.RoutePoint || interaction.Parties.Count == 0 || e.Type == MessageType.EventAbandoned;
            if (ended && e.Type != MessageType.EventAbandoned && dn != interaction.RoutePoint && interaction.PendingResultOf == "routing"
                && interaction.PendingDestination is { Length: > 0 } next && _registered.Contains(next))
            {
                // The session's own redirect from a DN it watches to another one it watches: the call goes on there and
                // stays the session's, as a call it routed from the routing point does.
                ended = false;
                rerouted = interaction.Controlled;
                interaction.Controlled = false;
                interaction.PendingResultOf = null;
                interaction.PendingDestination = null;
            }

            if (ended)
            {
                _interactions.Remove(interaction.Id);
            }

            owner = OwnerOf(interaction);
            if (ended && owner is not null)
            {
                owner.Interactions.Remove(interaction.Id);
                interaction.OwnerSessionId = null;
            }
        }

        if (owner is null)
        {
            return;
        }

        if (party is not null)
        {
            Deliver(owner, "interaction.partydeleted", new JsonObject { ["interactionid"] = interaction.Id, ["focusresource"] = dn, ["partyid"] = party.PartyId, ["partystate"] = "released" },
                ended ? null : [InteractionUpdate(interaction)]);
        }

        if (e.Type == MessageType.EventAbandoned && interaction.PendingResultOf != "deletion")
        {
            // The caller left; a call the session itself terminated is not abandoned.
            Deliver(owner, "interaction.abandoned", new JsonObject
            {
                ["interactionid"] = interaction.Id,
                ["focusresource"] = dn,
                ["reason"] = "the caller hung up at " + dn,
                ["hints"] = new JsonObject(),
            }, null);
        }

        if (ended)
        {
            EndForSession(owner, interaction, interaction.PendingResultOf ?? "deletion");
        }
        else if (rerouted)
        {
            Deliver(owner, "interaction.notcontrolled", new JsonObject { ["interactionid"] = interaction.Id, ["resultof"] = "routing" }, null);
        }
    }

    private void OnLeftRoutePoint(TlibMessage e)
    {
        TaskCompletionSource? departure = null;
        try
        {
            LeaveRoutePoint(e, ref departure);
        }
        finally
        {
            // The route request that sent the call may now post its done event (after what was delivered here).
            departure?.TrySetResult();
        }
    }

    private void LeaveRoutePoint(TlibMessage e, ref TaskCompletionSource? departure)
    {
        if (e.ThisDN is not { } dn || e.ConnID is not { } connId)
        {
            return;
        }

        OrchestrationSession? owner;
        Interaction? interaction;
        InteractionParty? party;
        bool byUs;
        bool keep;
        string? destination;
        lock (_gate)
        {
            if (!_interactions.TryGetValue(connId.ToString(), out interaction) || interaction.RoutePoint != dn)
            {
                return;
            }

            interaction.RoutePoint = null;
            departure = interaction.RouteDeparture;
            interaction.RouteDeparture = null;
            party = interaction.PartyAt(dn);
            if (party is not null)
            {
                interaction.RemoveParty(party);
            }

            byUs = interaction.PendingResultOf == "routing";
            owner = OwnerOf(interaction);
            destination = e.OtherDN is { Length: > 0 } other ? StrategySet.BareDn(other) : byUs ? interaction.PendingDestination : null;
            // Keep following the call when a session routed it to a DN this orchestration watches (it registered it).
            keep = owner is not null && byUs && destination is { Length: > 0 } && _registered.Contains(destination);
            if (!keep)
            {
                _interactions.Remove(interaction.Id);
                if (owner is not null)
                {
                    owner.Interactions.Remove(interaction.Id);
                    interaction.OwnerSessionId = null;
                }
            }

            interaction.Controlled = false;
            interaction.PendingResultOf = null;
            interaction.PendingDestination = null;
        }

        if (owner is null)
        {
            return;
        }

        if (party is not null)
        {
            Deliver(owner, "interaction.ondivert", new JsonObject
            {
                ["interactionid"] = interaction.Id,
                ["divertingpartyid"] = party.PartyId,
                ["divertingresource"] = dn,
                ["divertingpartystate"] = party.State,
                ["newdestination"] = destination,
                ["hints"] = new JsonObject(),
            }, keep ? [InteractionUpdate(interaction)] : null);
        }

        var resultOf = byUs ? "routing" : "revoking";
        if (keep)
        {
            Deliver(owner, "interaction.notcontrolled", new JsonObject { ["interactionid"] = interaction.Id, ["resultof"] = resultOf }, null);
        }
        else
        {
            EndForSession(owner, interaction, resultOf);
        }
    }

    private void OnUserDataChanged(TlibMessage e)
    {
        if (e.ConnID is not { } connId || e.UserData is not { } userData)
        {
            return;
        }

        OrchestrationSession? owner;
        Interaction? interaction;
        bool own;
        lock (_gate)
        {
            if (!_interactions.TryGetValue(connId.ToString(), out interaction))
            {
                return;
            }

            // The echo of one of this orchestration's own requests (they come back in order) updates the copy
            // silently; a change by anyone else is reported.
            own = interaction.OwnUserDataChanges > 0;
            if (own)
            {
                interaction.OwnUserDataChanges--;
            }
            else if (interaction.UserData.Equals(userData))
            {
                return;
            }

            interaction.UserData = userData.Clone();
            owner = OwnerOf(interaction);
        }

        if (owner is null)
        {
            return;
        }

        if (own)
        {
            owner.Handle?.Update([InteractionUpdate(interaction)]);
        }
        else
        {
            Deliver(owner, "interaction.udata.changed", new JsonObject { ["interactionid"] = interaction.Id }, [InteractionUpdate(interaction)]);
        }
    }

    /// <summary>The switch a link event is about (its Extensions' <c>switch</c>); null when it does not say.</summary>
    private static string? SwitchOfLinkEvent(TlibMessage e) =>
        e.Extensions is { } extensions && extensions.TryGetValue("switch", out var value) && value.Type is KeyValueType.String or KeyValueType.Unicode ? value.AsString() : null;

    /// <summary>
    /// A switch link went down or came back: the interactions on that switch (all, when the event names none) leave
    /// the sessions' control (resultof revoking) and are restored and presented again when it is back and the call is
    /// still there (calls that vanished meanwhile were released by the resynchronisation before EventLinkConnected).
    /// </summary>
    private void OnLinkState(string? switchName, bool connected)
    {
        List<(OrchestrationSession Session, Interaction Interaction)> affected = [];
        lock (_gate)
        {
            foreach (var interaction in _interactions.Values)
            {
                if (switchName is not null && interaction.Switch.Length > 0 && interaction.Switch != switchName)
                {
                    continue;
                }

                if (OwnerOf(interaction) is { } owner && interaction.Controlled != connected)
                {
                    interaction.Controlled = connected;
                    affected.Add((owner, interaction));
                }
            }
        }

        foreach (var (session, interaction) in affected)
        {
            if (connected)
            {
                Deliver(session, "interaction.restored", new JsonObject { ["interactionid"] = interaction.Id }, [InteractionUpdate(interaction)]);
                Deliver(session, "interaction.present", new JsonObject { ["interactionid"] = interaction.Id }, null);
            }
            else
            {
                Deliver(session, "interaction.notcontrolled", new JsonObject { ["interactionid"] = interaction.Id, ["resultof"] = "revoking" }, null);
            }
        }
    }

    /// <summary>The interaction left the session: interaction.notcontrolled (with resultof), then interaction.deleted.</summary>
    internal void EndForSession(OrchestrationSession session, Interaction interaction, string resultOf)
    {
        Deliver(session, "interaction.notcontrolled", new JsonObject { ["interactionid"] = interaction.Id, ["resultof"] = resultOf }, null);
        Deliver(session, "interaction.deleted", new JsonObject { ["interactionid"] = interaction.Id }, [InteractionRemoval(interaction)]);
    }

    /// <summary>The live session owning <paramref name="interaction"/>; caller holds the lock.</summary>
    private OrchestrationSession? OwnerOf(Interaction interaction) =>
        interaction.OwnerSessionId is { } id && _sessions.TryGetValue(id, out var session) && session.Handle is not null ? session : null;

    internal static IReadOnlyList<ScxmlHostUpdate> Updates(params ScxmlHostUpdate[] updates) => updates;

    internal static bool IsConnectionError(Exception ex) => ex is TServerErrorException or TimeoutException or TServerConnectionException or OperationCanceledException;
}
