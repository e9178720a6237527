namespace CtiGateway.Orchestration;

/// <summary>A routing strategy configured on a route point.</summary>
/// <param name="RoutePoint">The RoutingPoint DN, as <c>DN@switch</c> (or a bare DN when the gateway has one switch).</param>
/// <param name="File">The SCXML document (ORS dialect unless it says otherwise).</param>
public sealed record StrategyBinding(string RoutePoint, string File);
