using CtiGateway.Client;
using CtiGateway.Protocol;

namespace CtiGateway.Orchestration;

/// <summary>Sending a call on for a session: <c>ixn:redirect</c> and <c>queue:submit</c> with route="true" share it.</summary>
public sealed partial class OrchestrationService
{
    /// <summary>
    /// Sends <paramref name="interaction"/> from <paramref name="fromDn"/> to <paramref name="to"/>: from the routing point
    /// the call waits at, RequestRouteCall (RouteTypeDefault); from any other DN, RequestRedirectCall. A destination on
    /// another switch is written DN@switch and the gateway takes the call there through the access numbers. The
    /// interaction is marked routed first (its interaction.notcontrolled then says resultof routing); the DN the request
    /// acts at and a destination on the call's switch are registered first, so the call is followed there. Counts as
    /// outside work on the sessions' clock until answered. <paramref name="action"/> names the action in descriptions.
    /// </summary>
    internal async Task<RouteOutcome> RouteCallAsync(string action, Interaction interaction, string fromDn, ResolvedResource to)
    {
        using var external = Scheduler.TrackExternalWork();
        TlibMessage request;
        string? follow;
        TaskCompletionSource? departure = null;
        lock (_gate)
        {
            var fromRoutePoint = fromDn == interaction.RoutePoint;
            request = new TlibMessage(fromRoutePoint ? MessageType.RequestRouteCall : MessageType.RequestRedirectCall)
            {
                ThisDN = fromDn,
                ConnID = interaction.ConnId,
                OtherDN = to.Address,
            };
            if (fromRoutePoint)
            {
                request.Set(AttributeId.RouteType, (int)RouteType.Default);
                departure = interaction.RouteDeparture = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            interaction.PendingResultOf = "routing";
            interaction.PendingDestination = to.Dn;
            follow = to.Switch is null || to.Switch == interaction.Switch ? to.Dn : null;
        }

        var outcome = await SendRouteAsync(action, request, fromDn, follow).ConfigureAwait(false);
        if (outcome.Ok && departure is not null)
        {
            // The answer (EventRouteUsed with the ReferenceID) reaches this request and the event path on two threads:
            // wait for the event path, so the session gets interaction.notcontrolled (resultof routing) before the
            // action's done event, as on the wire. A departure that never comes (the link dropped) holds it at most the
            // request timeout.
            try
            {
                await departure.Task.WaitAsync(Options.RequestTimeout).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // The done event goes anyway.
            }
        }

        lock (_gate)
        {
            if (outcome.Ok)
            {
                NoteRouted(interaction);
            }
            else if (interaction.PendingResultOf == "routing")
            {
                interaction.PendingResultOf = null;
            }

            if (ReferenceEquals(interaction.RouteDeparture, departure))
            {
                interaction.RouteDeparture = null;
            }
        }

        return outcome;
    }

    private async Task<RouteOutcome> SendRouteAsync(string action, TlibMessage request, string thisDn, string? follow)
    {
        using var timeout = new CancellationTokenSource(Options.RequestTimeout);
        try
        {
            await EnsureRegisteredAsync(thisDn, timeout.Token).ConfigureAwait(false);
            if (follow is not null)
            {
                await EnsureRegisteredAsync(follow, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (IsConnectionError(ex))
        {
            return new RouteOutcome(false, "remote", $"{action}: cannot register {thisDn} at the T-Server: {ex.Message}");
        }

        try
        {
            await _client.RequestAsync(request, timeout.Token).ConfigureAwait(false);
            return RouteOutcome.Sent;
        }
        catch (TServerErrorException ex)
        {
            return new RouteOutcome(false, InteractionActions.ErrorValue(ex.ErrorCode),
                $"{action}: the T-Server refused {MessageCatalog.GetName(request.Type)}: error {ex.ErrorCode} {InteractionActions.ErrorName(ex.ErrorCode)}: {ex.ErrorMessage}");
        }
        catch (Exception ex) when (IsConnectionError(ex))
        {
            return new RouteOutcome(false, "remote",
                $"{action}: no answer from the T-Server to {MessageCatalog.GetName(request.Type)} within {Options.RequestTimeout.TotalSeconds:0.#} s ({ex.Message})");
        }
    }
}
