using System.Text.Json.Nodes;
using CtiGateway.Protocol;
using CtiGateway.Scxml;

namespace CtiGateway.Orchestration;

/// <summary>The <c>ixn:</c> actions that move an interaction between sessions: detach, associate, attach (and user data), pick.</summary>
internal sealed partial class InteractionActions
{
    /// <summary>
    /// ixn:detach: the interaction leaves the session (it gets interaction.notcontrolled with resultof detaching and
    /// interaction.deleted, then interaction.detach.done); the call keeps going, its OP-Session-ID is removed. Detaching
    /// an interaction the session does not own is invalidstate.
    /// </summary>
    private void Detach(ScxmlActionContext context, ActionCall call)
    {
        if (Target(context, call, out var view) is not { } interaction)
        {
            return;
        }

        if (view.Owner != call.SessionId)
        {
            Fail(call, "invalidstate", $"ixn:detach: interaction {view.Id} is not attached to this session" + (view.Owner is null ? string.Empty : " (another session owns it)"));
            return;
        }

        DetachNow(call.SessionId, interaction, deleteSessionId: true);
        Done(call, new JsonObject { ["interactionid"] = view.Id });
    }

    private void DetachNow(string sessionId, Interaction interaction, bool deleteSessionId)
    {
        string? dn;
        lock (_service.Gate)
        {
            if (interaction.OwnerSessionId != sessionId)
            {
                return;
            }

            interaction.OwnerSessionId = null;
            interaction.Controlled = false;
            interaction.UserData.Remove("OP-Session-ID");
            if (_service.TryGetSession(sessionId, out var owner))
            {
                owner.Interactions.Remove(interaction.Id);
            }

            dn = interaction.RoutePoint ?? interaction.Parties.FirstOrDefault()?.Device;
        }

        if (_service.TryGetSession(sessionId, out var session))
        {
            _service.EndForSession(session, interaction, "detaching");
        }

        if (deleteSessionId && dn is not null)
        {
            var request = new TlibMessage(MessageType.RequestDeleteUserData) { ThisDN = dn, ConnID = interaction.ConnId };
            request.Set(AttributeId.UserData, new KeyValueList().Add("OP-Session-ID", string.Empty));
            _ = _service.SendOwnUserDataAsync(interaction, request, sessionId);
        }
    }

    /// <summary>
    /// ixn:associate: moves the interaction to session <c>sessionid</c>, in seed 001's order: the target gets
    /// interaction.added and interaction.present, then this session gets interaction.deleted and
    /// interaction.notcontrolled, then interaction.associate.done.
    /// </summary>
    private void Associate(ScxmlActionContext context, ActionCall call)
    {
        if (Target(context, call, out var view) is not { } interaction)
        {
            return;
        }

        var targetId = ActionSupport.EvaluateString(context, "sessionid");
        if (targetId is null || !_service.TryGetSession(targetId, out var target) || target.Handle is null || target.Handle.IsFinished)
        {
            Fail(call, "invalidsession", $"ixn:associate: session '{targetId}' does not exist (sessionid names a live session)");
            return;
        }

        if (view.Owner != call.SessionId)
        {
            Fail(call, "invalidstate", $"ixn:associate: interaction {view.Id} is not attached to this session");
            return;
        }

        if (targetId == call.SessionId)
        {
            Done(call, new JsonObject { ["interactionid"] = view.Id });
            return;
        }

        string? dn;
        lock (_service.Gate)
        {
            interaction.OwnerSessionId = targetId;
            interaction.UserData.Set("OP-Session-ID", KeyValue.FromString(targetId));
            target.Interactions.Add(interaction.Id);
            target.FirstConnId ??= interaction.Id;
            if (_service.TryGetSession(call.SessionId, out var source))
            {
                source.Interactions.Remove(interaction.Id);
            }

            dn = interaction.RoutePoint ?? interaction.Parties.FirstOrDefault()?.Device;
        }

        _service.Deliver(target, "interaction.added", new JsonObject { ["interactionid"] = view.Id }, [OrchestrationService.InteractionUpdate(interaction)]);
        _service.Deliver(target, "interaction.present", new JsonObject { ["interactionid"] = view.Id }, null);
        if (_service.TryGetSession(call.SessionId, out var old))
        {
            _service.Deliver(old, "interaction.deleted", new JsonObject { ["interactionid"] = view.Id }, [OrchestrationService.InteractionRemoval(interaction)]);
            _service.Deliver(old, "interaction.notcontrolled", new JsonObject { ["interactionid"] = view.Id, ["resultof"] = "detaching" }, null);
        }

        if (dn is not null)
        {
            var request = new TlibMessage(MessageType.RequestUpdateUserData) { ThisDN = dn, ConnID = view.ConnId, UserData = new KeyValueList().Add("OP-Session-ID", targetId) };
            _ = _service.SendOwnUserDataAsync(interaction, request, call.SessionId);
        }

        Done(call, new JsonObject { ["interactionid"] = view.Id });
    }

    /// <summary>
    /// ixn:attach: with <c>udata</c> (or <c>data</c>), attaches user data to the call (RequestUpdateUserData); without,
    /// attaches a detached interaction back to this session (interaction.added and interaction.present, as Composer's
    /// detach-then-attach does). An interaction another session owns is invalidstate.
    /// </summary>
    private void Attach(ScxmlActionContext context, ActionCall call)
    {
        if (Target(context, call, out var view) is not { } interaction)
        {
            return;
        }

        var data = ActionSupport.Evaluate(context, "udata") ?? ActionSupport.Evaluate(context, "data");
        if (data is null)
        {
            TakeOwnership(call, interaction, view);
            return;
        }

        KeyValueList pairs;
        try
        {
            pairs = UserDataJson.FromJson(data.Value);
        }
        catch (ArgumentException ex)
        {
            Fail(call, "invalidparameter", "ixn:attach udata: " + ex.Message);
            return;
        }

        var dn = view.RoutePoint ?? view.Devices.FirstOrDefault();
        if (dn is null)
        {
            Fail(call, "invalidstate", $"ixn:attach: interaction {view.Id} has no party to attach data at");
            return;
        }

        lock (_service.Gate)
        {
            foreach (var (key, value) in pairs)
            {
                interaction.UserData.Set(key, value);
            }

            interaction.OwnUserDataChanges++;
        }

        RegisterThenSend(call, new TlibMessage(MessageType.RequestUpdateUserData) { ThisDN = dn, ConnID = view.ConnId, UserData = pairs }, dn, null,
            _ => new JsonObject { ["interactionid"] = view.Id }, ok =>
            {
                if (!ok)
                {
                    lock (_service.Gate)
                    {
                        interaction.OwnUserDataChanges = Math.Max(0, interaction.OwnUserDataChanges - 1);
                    }
                }
                else if (_service.TryGetSession(call.SessionId, out var session))
                {
                    session.Handle?.Update([OrchestrationService.InteractionUpdate(interaction)]);
                }
            });
    }

    /// <summary>ixn:pick: this session takes control of an interaction no session owns (interaction.added, interaction.present).</summary>
    private void Pick(ScxmlActionContext context, ActionCall call)
    {
        if (Target(context, call, out var view) is { } interaction)
        {
            TakeOwnership(call, interaction, view);
        }
    }

    private void TakeOwnership(ActionCall call, Interaction interaction, InteractionView view)
    {
        if (view.Owner == call.SessionId)
        {
            Done(call, new JsonObject { ["interactionid"] = view.Id });
            return;
        }

        if (view.Owner is not null || !_service.TryGetSession(call.SessionId, out var session))
        {
            Fail(call, "invalidstate", $"ixn:{call.Action}: interaction {view.Id} is owned by another session");
            return;
        }

        string? dn;
        lock (_service.Gate)
        {
            interaction.OwnerSessionId = call.SessionId;
            interaction.Controlled = true;
            interaction.UserData.Set("OP-Session-ID", KeyValue.FromString(call.SessionId));
            session.Interactions.Add(interaction.Id);
            dn = interaction.RoutePoint ?? interaction.Parties.FirstOrDefault()?.Device;
        }

        _service.Deliver(session, "interaction.added", new JsonObject { ["interactionid"] = view.Id }, [OrchestrationService.InteractionUpdate(interaction)]);
        _service.Deliver(session, "interaction.present", new JsonObject { ["interactionid"] = view.Id }, null);
        if (dn is not null)
        {
            var request = new TlibMessage(MessageType.RequestUpdateUserData) { ThisDN = dn, ConnID = view.ConnId, UserData = new KeyValueList().Add("OP-Session-ID", call.SessionId) };
            _ = _service.SendOwnUserDataAsync(interaction, request, call.SessionId);
        }

        Done(call, new JsonObject { ["interactionid"] = view.Id });
    }
}
