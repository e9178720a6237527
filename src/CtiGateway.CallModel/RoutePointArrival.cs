using CtiGateway.Protocol;

namespace CtiGateway.CallModel;

/// <summary>A call that has arrived at a routing point and waits for a route (<see cref="ICallModelSink.RouteRequested"/>).</summary>
/// <param name="ConnId">The call.</param>
/// <param name="RoutePoint">The routing point DN.</param>
/// <param name="Hops">Routing points the call has arrived at, this one included.</param>
/// <param name="Looping">More than <see cref="CallModelOptions.MaxRouteHops"/>: the call is in a routing loop.</param>
public sealed record RoutePointArrival(ConnId ConnId, string RoutePoint, int Hops, bool Looping);
