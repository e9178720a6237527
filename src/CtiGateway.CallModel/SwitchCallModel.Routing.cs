using System.Globalization;
using CtiGateway.Protocol;

namespace CtiGateway.CallModel;

/// <summary>
/// Routing points (CM-RP-ROUTE, CM-RP-DEFAULT): a call arriving at one gets EventRouteRequest for its routers and is
/// announced to the host (<see cref="ICallModelSink.RouteRequested"/>, which runs the router timeout); RequestRouteCall
/// becomes a DeflectCall of the routing point's connection (or a ClearCall for RouteTypeCallDisconnect); the divert
/// that follows gives the routing point EventRouteUsed, then EventDiverted.
/// </summary>
public sealed partial class SwitchCallModel
{
    private static readonly MessageType[] RouteUsedReply = [MessageType.EventRouteUsed];

    /// <summary>
    /// Where calls of <paramref name="routePoint"/> go when no router names a destination, or null when it has no
    /// default destination.
    /// </summary>
    public string? DefaultRouteOf(string routePoint)
    {
        ArgumentNullException.ThrowIfNull(routePoint);
        return _options.DefaultRoutes.TryGetValue(routePoint, out var destination) && destination.Length > 0 ? destination : null;
    }

    /// <summary>Whether <paramref name="dn"/> is a routing point of this switch.</summary>
    public bool IsRoutePoint(string dn) => dn is not null && KindOf(dn) == DnKind.RoutingPoint;

    /// <summary>Whether the call <paramref name="connId"/> waits at <paramref name="routePoint"/> for a route now.</summary>
    public bool IsWaitingAt(ConnId connId, string routePoint)
    {
        ArgumentNullException.ThrowIfNull(routePoint);
        return _byConnId.TryGetValue(connId, out var call) && call.FindActive(routePoint) is { Status: PartyStatus.Queued };
    }

    /// <summary>
    /// The DeflectCall that sends the call <paramref name="connId"/> from <paramref name="routePoint"/> to
    /// <paramref name="destination"/> on the gateway's own account (router timeout, no router, loop): no client asked,
    /// so the EventRouteUsed that follows carries ReferenceID 0. False when the call no longer waits there.
    /// </summary>
    public bool TryPlanRoute(ConnId connId, string routePoint, string destination, out SwitchCommand command)
    {
        ArgumentNullException.ThrowIfNull(routePoint);
        ArgumentNullException.ThrowIfNull(destination);
        command = null!;
        if (!_byConnId.TryGetValue(connId, out var call) || call.FindActive(routePoint) is not { Status: PartyStatus.Queued } party)
        {
            return false;
        }

        command = new SwitchCommand(SwitchCommandKind.DeflectCall, routePoint, NoReply) { Connection = party.Connection, ConnId = connId, Device = destination };
        return true;
    }

    /// <summary>The ClearCall that drops the call <paramref name="connId"/> waiting at <paramref name="routePoint"/> (a routing loop with nowhere to go).</summary>
    public bool TryPlanDrop(ConnId connId, string routePoint, out SwitchCommand command)
    {
        ArgumentNullException.ThrowIfNull(routePoint);
        command = null!;
        if (!_byConnId.TryGetValue(connId, out var call) || call.FindActive(routePoint) is not { Status: PartyStatus.Queued } party)
        {
            return false;
        }

        command = new SwitchCommand(SwitchCommandKind.ClearCall, routePoint, NoReply) { Connection = party.Connection, ConnId = connId };
        return true;
    }

    /// <summary>The call reached a routing point: EventRouteRequest for its routers, then the host takes over the wait.</summary>
    private void RequestRoute(Call call, CallParty party, ICallModelSink sink)
    {
        call.RouteHops++;
        if (party.Notified)
        {
            var other = call.OtherOf(party);
            var m = NewEvent(MessageType.EventRouteRequest, call, party, CallState.Ok, OtherCount(other));
            SetOther(m, other);
            Send(sink, party, m);
        }

        sink.RouteRequested(new RoutePointArrival(call.ConnId, party.Dn, call.RouteHops, call.RouteHops > _options.MaxRouteHops));
    }

    /// <summary>The call left the routing point for <paramref name="destination"/>: EventRouteUsed (before EventDiverted).</summary>
    private static void RouteUsed(ICallModelSink sink, Call call, CallParty party, string? destination)
    {
        sink.RouteEnded(call.ConnId, party.Dn);
        if (party.Notified && party.Announced)
        {
            var m = NewEvent(MessageType.EventRouteUsed, call, party, CallState.Ok, ThirdCount(destination, DNRole.Destination));
            SetThird(m, destination, DNRole.Destination);
            Send(sink, party, m);
        }
    }

    /// <summary>
    /// RequestRouteCall: ThisDN is the routing point the call waits at. RouteTypeDefault (or none) with OtherDN deflects
    /// the call there; with no OtherDN to the routing point's default destination. RouteTypeCallDisconnect drops the
    /// call. Other route types are refused, as is a route to a routing point for a call already at the loop limit.
    /// </summary>
    private RequestPlan PlanRouteCall(TlibMessage request, string dn)
    {
        if (!IsRoutePoint(dn))
        {
            return RequestPlan.Refuse(ErrorCode.TERR_INVALID_ATTR, $"Invalid attribute ThisDN: {request.Name} routes calls waiting at a routing point, and DN {dn} is not a RoutingPoint of this switch");
        }

        if (!OnOwnCall(request, dn, out var party, out var refusal))
        {
            return refusal;
        }

        if (party.Status != PartyStatus.Queued)
        {
            return RequestPlan.Refuse(ErrorCode.TERR_CTL_INV_CALL_STATE, $"{request.Name}: the call ConnID {Hex(party.Call.ConnId)} is {Describe(party.Status)} at {dn}, not waiting for a route");
        }

        var routeType = request.GetInt(AttributeId.RouteType) ?? (int)RouteType.Default;
        switch (routeType)
        {
            case (int)RouteType.Unknown or (int)RouteType.Default:
                break;
            case (int)RouteType.CallDisconnect:
                return RequestPlan.Send(new SwitchCommand(SwitchCommandKind.ClearCall, dn, ReleasedReply)
                {
                    Connection = party.Connection,
                    ConnId = party.Call.ConnId,
                    OneReply = true,
                });
            default:
                return RequestPlan.Refuse(ErrorCode.TERR_INVALID_ATTR,
                    $"Invalid attribute RouteType: {RouteTypeName(routeType)} is not served by this gateway; use RouteTypeDefault (1) with OtherDN, RouteTypeDefault without OtherDN for the default destination, or RouteTypeCallDisconnect (14)");
        }

        var destination = request.OtherDN is { Length: > 0 } other ? other : DefaultRouteOf(dn);
        if (destination is null)
        {
            return RequestPlan.Refuse(ErrorCode.TERR_INVALID_ATTR, $"Missing attribute OtherDN: {request.Name} gave no destination and routing point {dn} has no DefaultDestination configured");
        }

        if (destination == dn)
        {
            return RequestPlan.Refuse(ErrorCode.TERR_INVALID_ATTR, $"Invalid attribute OtherDN: the call already waits at routing point {dn}");
        }

        if (IsRoutePoint(destination) && party.Call.RouteHops >= _options.MaxRouteHops)
        {
            return RequestPlan.Refuse(ErrorCode.TERR_CTL_CALL_REJECTED,
                $"{request.Name}: routing loop: the call ConnID {Hex(party.Call.ConnId)} has already passed {party.Call.RouteHops.ToString(CultureInfo.InvariantCulture)} routing points (RouteHopLimit {_options.MaxRouteHops.ToString(CultureInfo.InvariantCulture)}); route it to a DN that is not a routing point");
        }

        return RequestPlan.Send(new SwitchCommand(SwitchCommandKind.DeflectCall, dn, RouteUsedReply)
        {
            Connection = party.Connection,
            ConnId = party.Call.ConnId,
            Device = destination,
        });
    }

    private static string RouteTypeName(int value) =>
        Enum.IsDefined((RouteType)value) ? $"RouteType{(RouteType)value} ({value.ToString(CultureInfo.InvariantCulture)})" : value.ToString(CultureInfo.InvariantCulture);
}
