using Microsoft.Extensions.Logging;

namespace CtiGateway.Switching;

/// <summary>Log lines of routing points: default routes, router timeouts, routing loops (event ids 4800-4805).</summary>
internal static partial class SwitchingLog
{
    [LoggerMessage(EventId = 4800, Level = LogLevel.Debug, Message = "Switch {Switch}: call {ConnId} at routing point {RoutePoint} sent to its default destination {Destination} ({Reason})")]
    public static partial void DefaultRouteSent(ILogger logger, string @switch, string connId, string routePoint, string destination, string reason);

    [LoggerMessage(EventId = 4801, Level = LogLevel.Warning, Message = "Switch {Switch}: call {ConnId} at routing point {RoutePoint} could not go to its default destination {Destination} ({Reason}): {Detail}")]
    public static partial void DefaultRouteFailed(ILogger logger, string @switch, string connId, string routePoint, string destination, string reason, string detail);

    [LoggerMessage(EventId = 4802, Level = LogLevel.Warning, Message = "Switch {Switch}: call {ConnId} reached routing point {RoutePoint} after {Hops} routing points (RouteHopLimit {Limit}): routing loop, {Action}")]
    public static partial void RoutingLoop(ILogger logger, string @switch, string connId, string routePoint, int hops, int limit, string action);

    [LoggerMessage(EventId = 4803, Level = LogLevel.Information, Message = "Switch {Switch}: call {ConnId} waits at routing point {RoutePoint} with no route: {Reason}")]
    public static partial void RouteMissing(ILogger logger, string @switch, string connId, string routePoint, string reason);
}
