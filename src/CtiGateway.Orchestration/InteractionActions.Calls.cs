using System.Text.Json.Nodes;
using CtiGateway.Protocol;
using CtiGateway.Scxml;

namespace CtiGateway.Orchestration;

/// <summary>The <c>ixn:</c> actions that act on the call: redirect, accept, clear, terminate, single-step transfer and conference.</summary>
internal sealed partial class InteractionActions
{
    /// <summary>
    /// ixn:redirect: from a routing point the call waits at, RequestRouteCall (RouteTypeDefault) to the destination; from
    /// any other DN, RequestRedirectCall (<see cref="OrchestrationService.RouteCallAsync"/>, shared with queue:submit). A
    /// destination on another switch is written DN@switch and the gateway takes the call there through the access
    /// numbers. <c>detach="true"</c> detaches the interaction first.
    /// </summary>
    private void Redirect(ScxmlActionContext context, ActionCall call)
    {
        if (Target(context, call, out var view) is not { } interaction)
        {
            return;
        }

        var from = Resource(context, call, "from", required: false);
        if (from is null && ActionSupport.Evaluate(context, "from") is not null)
        {
            return;
        }

        var to = Resource(context, call, "to", required: true);
        if (to is null)
        {
            return;
        }

        var fromDn = from?.Dn ?? view.RoutePoint ?? view.Devices.FirstOrDefault();
        if (fromDn is null)
        {
            Fail(call, "invalidstate", $"ixn:redirect: interaction {view.Id} has no party to redirect from");
            return;
        }

        if (!view.Devices.Contains(fromDn))
        {
            Fail(call, "invalidstate", $"ixn:redirect: interaction {view.Id} is not at {fromDn} (its parties: {string.Join(", ", view.Devices)})");
            return;
        }

        if (ActionSupport.EvaluateString(context, "detach") is "true")
        {
            DetachNow(call.SessionId, interaction, deleteSessionId: true);
        }

        _ = RedirectAsync(call, interaction, fromDn, to, view.Id);
    }

    private async Task RedirectAsync(ActionCall call, Interaction interaction, string fromDn, ResolvedResource to, string interactionId)
    {
        var outcome = await _service.RouteCallAsync("ixn:" + call.Action, interaction, fromDn, to).ConfigureAwait(false);
        if (outcome.Ok)
        {
            Done(call, new JsonObject { ["interactionid"] = interactionId });
        }
        else
        {
            Fail(call, outcome.Error, outcome.Description);
        }
    }

    /// <summary>ixn:accept: answers the call at the resource (RequestAnswerCall).</summary>
    private void Accept(ScxmlActionContext context, ActionCall call)
    {
        if (Target(context, call, out var view) is null)
        {
            return;
        }

        var resource = Resource(context, call, "resource", required: false);
        var dn = resource?.Dn ?? view.Devices.LastOrDefault(d => d != view.RoutePoint);
        if (dn is null)
        {
            Fail(call, "invalidstate", $"ixn:accept: interaction {view.Id} is not ringing at any DN to answer at");
            return;
        }

        RegisterThenSend(call, new TlibMessage(MessageType.RequestAnswerCall) { ThisDN = dn, ConnID = view.ConnId }, dn, null,
            _ => new JsonObject { ["interactionid"] = view.Id }, null);
    }

    /// <summary>ixn:clear: the resource's party leaves the call (RequestReleaseCall at it).</summary>
    private void Clear(ScxmlActionContext context, ActionCall call)
    {
        if (Target(context, call, out var view) is null)
        {
            return;
        }

        var resource = Resource(context, call, "resource", required: true);
        if (resource is null)
        {
            return;
        }

        if (!view.Devices.Contains(resource.Dn))
        {
            Fail(call, "invalidstate", $"ixn:clear: {resource.Dn} is not a party of interaction {view.Id} (its parties: {string.Join(", ", view.Devices)})");
            return;
        }

        RegisterThenSend(call, new TlibMessage(MessageType.RequestReleaseCall) { ThisDN = resource.Dn, ConnID = view.ConnId }, resource.Dn, null,
            _ => new JsonObject { ["interactionid"] = view.Id, ["resource"] = resource.Dn }, null);
    }

    /// <summary>ixn:terminate: the whole call is cleared (RequestClearCall); the interaction then leaves with resultof deletion.</summary>
    private void Terminate(ScxmlActionContext context, ActionCall call)
    {
        if (Target(context, call, out var view) is not { } interaction)
        {
            return;
        }

        var dn = view.RoutePoint ?? view.Devices.FirstOrDefault();
        if (dn is null)
        {
            Fail(call, "invalidstate", $"ixn:terminate: interaction {view.Id} has no party to clear the call at");
            return;
        }

        var request = new TlibMessage(MessageType.RequestClearCall) { ThisDN = dn, ConnID = view.ConnId };
        if (ActionSupport.EvaluateString(context, "reason") is { Length: > 0 } reason)
        {
            request.Reasons = new KeyValueList().Add("reason", reason);
        }

        lock (_service.Gate)
        {
            interaction.PendingResultOf = "deletion";
        }

        RegisterThenSend(call, request, dn, null, _ => new JsonObject { ["interactionid"] = view.Id }, null);
    }

    /// <summary>
    /// ixn:singlesteptransfer / ixn:singlestepconference: RequestSingleStepTransfer or RequestSingleStepConference from a
    /// party (<c>from</c>, default the party that is not the routing point) to <c>to</c>; on success the session also gets
    /// interaction.onsinglesteptransfer or interaction.onsinglestepconference.
    /// </summary>
    private void SingleStep(ScxmlActionContext context, ActionCall call, MessageType type)
    {
        if (Target(context, call, out var view) is not { } interaction)
        {
            return;
        }

        var from = Resource(context, call, "from", required: false);
        if (from is null && ActionSupport.Evaluate(context, "from") is not null)
        {
            return;
        }

        var to = Resource(context, call, "to", required: true);
        if (to is null)
        {
            return;
        }

        var fromDn = from?.Dn ?? view.Devices.FirstOrDefault(d => d != view.RoutePoint) ?? view.RoutePoint;
        if (fromDn is null || !view.Devices.Contains(fromDn))
        {
            Fail(call, "invalidstate", $"ixn:{call.Action}: interaction {view.Id} has no party at {fromDn ?? "any DN"} to transfer from");
            return;
        }

        var request = new TlibMessage(type) { ThisDN = fromDn, ConnID = view.ConnId, OtherDN = to.Address };
        RegisterThenSend(call, request, fromDn, to.Switch is null || to.Switch == view.Switch ? to.Dn : null,
            _ => new JsonObject { ["interactionid"] = view.Id }, ok =>
            {
                if (ok)
                {
                    AnnounceSingleStep(call.SessionId, interaction, fromDn, to, type);
                }
            });
    }

    private void AnnounceSingleStep(string sessionId, Interaction interaction, string fromDn, ResolvedResource to, MessageType type)
    {
        if (!_service.TryGetSession(sessionId, out var session))
        {
            return;
        }

        JsonObject data;
        lock (_service.Gate)
        {
            var party = interaction.PartyAt(fromDn);
            if (type == MessageType.RequestSingleStepTransfer)
            {
                data = new JsonObject
                {
                    ["interactionid"] = interaction.Id,
                    ["transferringpartyid"] = party?.PartyId,
                    ["transferringresource"] = fromDn,
                    ["transferringpartystate"] = party?.State,
                    ["newdestination"] = to.Address,
                    ["hints"] = new JsonObject { ["type"] = "transfer" },
                };
            }
            else
            {
                var added = interaction.PartyAt(to.Dn) ?? interaction.AddParty(to.Dn, "ringing", "destination");
                data = new JsonObject
                {
                    ["interactionid"] = interaction.Id,
                    ["conferencingpartyid"] = party?.PartyId,
                    ["conferencingresource"] = fromDn,
                    ["conferencingpartystate"] = party?.State,
                    ["addedpartyid"] = added.PartyId,
                    ["addedresource"] = to.Address,
                    ["addedpartystate"] = added.State,
                    ["hints"] = new JsonObject { ["type"] = "conference" },
                };
            }
        }

        var name = type == MessageType.RequestSingleStepTransfer ? "interaction.onsinglesteptransfer" : "interaction.onsinglestepconference";
        _service.Deliver(session, name, data, [OrchestrationService.InteractionUpdate(interaction)]);
    }

    /// <summary>Registers the DN the request acts at (ThisDN must be registered) and the destination to follow, then sends.</summary>
    private void RegisterThenSend(ActionCall call, TlibMessage request, string thisDn, string? follow, Func<TlibMessage, JsonObject> done, Action<bool>? after) =>
        _ = RegisterThenSendAsync(call, request, thisDn, follow, done, after);

    private async Task RegisterThenSendAsync(ActionCall call, TlibMessage request, string thisDn, string? follow, Func<TlibMessage, JsonObject> done, Action<bool>? after)
    {
        using var external = _service.Scheduler.TrackExternalWork();
        try
        {
            using var timeout = new CancellationTokenSource(_service.Options.RequestTimeout);
            await _service.EnsureRegisteredAsync(thisDn, timeout.Token).ConfigureAwait(false);
            if (follow is not null)
            {
                await _service.EnsureRegisteredAsync(follow, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (OrchestrationService.IsConnectionError(ex))
        {
            after?.Invoke(false);
            Fail(call, "remote", $"ixn:{call.Action}: cannot register {thisDn} at the T-Server: {ex.Message}");
            return;
        }

        await SendAsync(call, request, null, done, after).ConfigureAwait(false);
    }
}
