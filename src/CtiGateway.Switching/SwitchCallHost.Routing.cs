using System.Globalization;
using CtiGateway.CallModel;
using CtiGateway.Pbx.Csta;
using CtiGateway.Pbx.Links;
using CtiGateway.Protocol;

namespace CtiGateway.Switching;

/// <summary>
/// Routing points on the loop: a call waiting at one gets a router timeout when a router is registered on the routing
/// point (a client registered on its DN), or goes to the default destination at once when none is. At the timeout the
/// gateway deflects the call to the default destination itself (EventRouteUsed with ReferenceID 0); when that is
/// impossible the routers get EventError saying why. A call past the loop limit goes to the default destination when
/// that is not a routing point, or is dropped.
/// </summary>
internal sealed partial class SwitchCallHost
{
    private readonly Dictionary<ConnId, RouteWait> _routeWaits = [];

    /// <summary>The switch's routing points as configured.</summary>
    public RoutePlan Routes { get; init; } = RoutePlan.None;

    /// <summary>Calls waiting for a router now (their timers running).</summary>
    public int RouteWaits => _routeWaits.Count;

    /// <inheritdoc/>
    void ICallModelSink.RouteRequested(RoutePointArrival arrival)
    {
        StopWait(arrival.ConnId);
        if (arrival.Looping)
        {
            OnRoutingLoop(arrival);
            return;
        }

        if (!_publisher.HasRegistrations(arrival.RoutePoint))
        {
            RouteToDefault(arrival.ConnId, arrival.RoutePoint, "no router registered");
            return;
        }

        var wait = new RouteWait(arrival.ConnId, arrival.RoutePoint, this);
        _routeWaits[arrival.ConnId] = wait;
        var timeout = Routes.RouterTimeoutOf(arrival.RoutePoint);
        wait.Timer = _time.CreateTimer(static state => ((RouteWait)state!).Expire(), wait, timeout, Timeout.InfiniteTimeSpan);
    }

    /// <inheritdoc/>
    void ICallModelSink.RouteEnded(ConnId connId, string routePoint)
    {
        if (_routeWaits.TryGetValue(connId, out var wait) && string.Equals(wait.RoutePoint, routePoint, StringComparison.Ordinal))
        {
            StopWait(connId);
        }
    }

    private void StopWait(ConnId connId)
    {
        if (_routeWaits.Remove(connId, out var wait))
        {
            wait.Stop();
        }
    }

    /// <summary>On a timer thread: the router timeout of <paramref name="wait"/> is handled on the loop.</summary>
    internal void PostRouterTimeout(RouteWait wait)
    {
        var input = CallHostInput.Run(_ => OnRouterTimeout(wait));
        if (!_input.Writer.TryWrite(input))
        {
            _ = _input.Writer.WriteAsync(input, _stopping).AsTask().ContinueWith(static _ => { }, TaskScheduler.Default);
        }
    }

    private void OnRouterTimeout(RouteWait wait)
    {
        if (!_routeWaits.TryGetValue(wait.ConnId, out var current) || !ReferenceEquals(current, wait))
        {
            return;
        }

        StopWait(wait.ConnId);
        if (!_model.IsWaitingAt(wait.ConnId, wait.RoutePoint))
        {
            return;
        }

        var seconds = Routes.RouterTimeoutOf(wait.RoutePoint).TotalSeconds.ToString(CultureInfo.InvariantCulture);
        RouteToDefault(wait.ConnId, wait.RoutePoint, $"no RequestRouteCall within the router timeout of {seconds} s");
    }

    private void OnRoutingLoop(RoutePointArrival arrival)
    {
        var destination = _model.DefaultRouteOf(arrival.RoutePoint);
        var toDefault = destination is not null && !_model.IsRoutePoint(destination);
        var action = toDefault ? $"sent to default destination {destination}" : "dropped (no default destination that is not a routing point)";
        SwitchingLog.RoutingLoop(_logger, Name, arrival.ConnId.ToString(), arrival.RoutePoint, arrival.Hops, Routes.HopLimit, action);
        PublishRouteError(arrival.ConnId, arrival.RoutePoint, ErrorCode.TERR_CTL_CALL_REJECTED,
            $"Routing loop: the call ConnID {arrival.ConnId} reached routing point {arrival.RoutePoint} after passing {(arrival.Hops - 1).ToString(CultureInfo.InvariantCulture)} routing points (RouteHopLimit {Routes.HopLimit.ToString(CultureInfo.InvariantCulture)}); it is {action}");
        if (toDefault)
        {
            RouteToDefault(arrival.ConnId, arrival.RoutePoint, "routing loop");
        }
        else if (_link is { } link && _model.TryPlanDrop(arrival.ConnId, arrival.RoutePoint, out var drop))
        {
            _ = SendRouteAsync(link, drop, arrival.ConnId, arrival.RoutePoint, "routing loop", "ClearCall");
        }
    }

    /// <summary>Deflects the call waiting at <paramref name="routePoint"/> to its default destination, on the gateway's own account.</summary>
    private void RouteToDefault(ConnId connId, string routePoint, string reason)
    {
        if (_model.DefaultRouteOf(routePoint) is not { } destination)
        {
            SwitchingLog.RouteMissing(_logger, Name, connId.ToString(), routePoint, reason + ", and the routing point has no DefaultDestination");
            if (_publisher.HasRegistrations(routePoint))
            {
                PublishRouteError(connId, routePoint, ErrorCode.TERR_NOT_CONFIGURED,
                    $"Routing point {routePoint}: {reason}, and it has no DefaultDestination configured (Switches:N:RoutePoints); the call ConnID {connId} waits there for a RequestRouteCall or the switch's own treatment");
            }

            return;
        }

        if (_link is not { } link)
        {
            Failed(connId, routePoint, destination, reason, ErrorCode.TERR_NO_SWITCH, $"switch {Name} has no link up");
            return;
        }

        if (!_model.TryPlanRoute(connId, routePoint, destination, out var command))
        {
            return;
        }

        SwitchingLog.DefaultRouteSent(_logger, Name, connId.ToString(), routePoint, destination, reason);
        _ = SendRouteAsync(link, command, connId, routePoint, reason, "DeflectCall");
    }

    private async Task SendRouteAsync(CstaTcpLink link, SwitchCommand command, ConnId connId, string routePoint, string reason, string service)
    {
        if (Volatile.Read(ref _switch.DeviceIds) is { } map)
        {
            command = command.MapDevices(map.ToDeviceId);
        }

        ErrorCode code;
        string detail;
        try
        {
            var answer = await link.RequestAsync(w => command.Write(w, _switch.Flavour), RequestTimeout, _stopping).ConfigureAwait(false);
            if (answer is not CstaErrorResponse error)
            {
                return;
            }

            code = CstaErrorMap.Map(error.Category, error.Value);
            detail = $"switch {Name} refused {service}: CSTA error {error.Category}/{error.Value}";
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            return;
        }
        catch (TimeoutException)
        {
            code = ErrorCode.TERR_TIMEOUT;
            detail = $"switch {Name} did not answer {service} within {RequestTimeout.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms";
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or OperationCanceledException)
        {
            code = ErrorCode.TERR_NO_SWITCH;
            detail = $"the link to switch {Name} went down before the switch answered {service} ({ex.Message})";
        }

        var destination = command.Kind == SwitchCommandKind.DeflectCall ? _model.DefaultRouteOf(routePoint) ?? command.Device : "(drop)";
        var input = CallHostInput.Run(_ => Failed(connId, routePoint, destination, reason, code, detail));
        try
        {
            await _input.Writer.WriteAsync(input, _stopping).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or System.Threading.Channels.ChannelClosedException)
        {
            // Stopping: nobody is left to tell.
        }
    }

    // On the loop: the gateway's own route failed. The routers hear why, unless the call has left the routing point anyway.
    private void Failed(ConnId connId, string routePoint, string destination, string reason, ErrorCode code, string detail)
    {
        if (!_model.IsWaitingAt(connId, routePoint))
        {
            return;
        }

        SwitchingLog.DefaultRouteFailed(_logger, Name, connId.ToString(), routePoint, destination, reason, detail);
        PublishRouteError(connId, routePoint, code,
            $"Routing point {routePoint}: the call ConnID {connId} could not go to the default destination {destination} ({reason}): {detail}; it stays at the routing point");
    }

    /// <summary>EventError (ReferenceID 0) to the clients registered on the routing point: no request of theirs failed, a route did.</summary>
    private void PublishRouteError(ConnId connId, string routePoint, ErrorCode code, string message)
    {
        var error = new TlibMessage(MessageType.EventError, 6)
        {
            ReferenceID = 0,
            ThisDN = routePoint,
            ConnID = connId,
            ErrorCode = (int)code,
            ErrorMessage = message,
        };
        ((ICallModelSink)this).Publish(routePoint, error);
    }
}
