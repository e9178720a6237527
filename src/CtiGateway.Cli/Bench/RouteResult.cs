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

    public double? P50Milliseconds { get; init; }

    public double? P99Milliseconds { get; init; }

    public double? P999Milliseconds { get; init; }

    public double? GatewayCpuPercent { get; init; }

    public double WindowSeconds { get; init; }

    /// <summary>The one line on stdout.</summary>
    public string ToLine() => string.Create(CultureInfo.InvariantCulture,
        $"arrivals/s: {ArrivalsPerSecond:0.#} route-used: {RoutesUsed} p50-ms: {Text(P50Milliseconds)} p99-ms: {Text(P99Milliseconds)} p999-ms: {Text(P999Milliseconds)} errors: {Errors} gateway-cpu: {(GatewayCpuPercent is { } c ? c.ToString("0", CultureInfo.InvariantCulture) + "%" : "n/a")}");

    /// <summary>The counts behind the line (stderr).</summary>
    public string Details() => string.Create(CultureInfo.InvariantCulture,
        $"window {WindowSeconds:0.0} s, arrivals {Arrivals}, EventRouteRequest {RouteRequests}, EventRouteUsed {RoutesUsed}, EventError {Errors}");

    private static string Text(double? ms) => ms is { } v ? v.ToString("0.###", CultureInfo.InvariantCulture) : "n/a";
}
