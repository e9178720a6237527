using System.Globalization;

namespace CtiGateway.Cli.Bench;

/// <summary>What <c>ctigw bench route</c> measured.</summary>
internal sealed record RouteResult
{
    public double ArrivalsPerSecond { get; init; }

    public long Arrivals { get; init; }

    public long RouteRequests { get; init; }

    public long RoutesUsed { get; init; }

    public long Errors { get; init; }

    /// <summary>Calls of the window whose EventRouteUsed arrived.</summary>
    public long RoutedInWindow { get; init; }

    /// <summary>Calls of the window still not routed when the drain ended.</summary>
    public long Unrouted { get; init; }

    public double? P50Milliseconds { get; init; }

    public double? P99Milliseconds { get; init; }

    public double? P999Milliseconds { get; init; }

    public double? GatewayCpuPercent { get; init; }

    public double WindowSeconds { get; init; }

    /// <summary>The one line on stdout.</summary>
    public string ToLine() => string.Create(CultureInfo.InvariantCulture,
        $"arrivals/s: {ArrivalsPerSecond:0.#} route-used: {RoutesUsed} p50-ms: {Text(P50Milliseconds)} p99-ms: {Text(P99Milliseconds)} p999-ms: {Text(P999Milliseconds)} errors: {Errors} gateway-cpu: {(GatewayCpuPercent is { } c ? c.ToString("0", CultureInfo.InvariantCulture) + "%" : "n/a")}");

    /// <summary>
    /// The one line of <c>ctigw bench calls --strategy</c>: it starts like bench calls' line, then the calls of the
    /// window routed and not routed, the EventErrors and the latency from arrival to EventRouteUsed.
    /// </summary>
    public string ToCallsLine() => string.Create(CultureInfo.InvariantCulture,
        $"calls/s: {ArrivalsPerSecond:0} routed: {RoutedInWindow} unrouted: {Unrouted} errors: {Errors} p50-ms: {Ms(P50Milliseconds)} p99-ms: {Ms(P99Milliseconds)} p999-ms: {Ms(P999Milliseconds)} gateway-cpu: {(GatewayCpuPercent is { } cpu ? cpu.ToString("0", CultureInfo.InvariantCulture) : "n/a")}%");

    /// <summary>The counts behind the line (stderr).</summary>
    public string Details() => string.Create(CultureInfo.InvariantCulture,
        $"window {WindowSeconds:0.0} s, arrivals {Arrivals}, EventRouteRequest {RouteRequests}, EventRouteUsed {RoutesUsed}, EventError {Errors}");

    private static string Ms(double? ms) => ms is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "n/a";

    private static string Text(double? ms) => ms is { } v ? v.ToString("0.###", CultureInfo.InvariantCulture) : "n/a";
}
