using System.Globalization;

namespace CtiGateway.Cli.Bench;

/// <summary>The outcome of a calls bench run.</summary>
internal sealed record CallsResult
{
    /// <summary>Calls placed per second of the window.</summary>
    public required double CallsPerSecond { get; init; }

    /// <summary>Switch call event frames written to the gateway per second of the window.</summary>
    public required double EventsPerSecond { get; init; }

    public required double? P50Milliseconds { get; init; }

    public required double? P99Milliseconds { get; init; }

    public required double? P999Milliseconds { get; init; }

    /// <summary>The gateway's CPU time over the window as a share of one core, in percent (null: not measured).</summary>
    public required double? GatewayCpuPercent { get; init; }

    /// <summary>The gateway's peak resident set size (VmHWM) in bytes (null: not measured).</summary>
    public required long? GatewayPeakBytes { get; init; }

    public long CallsPlaced { get; init; }

    public long SwitchEvents { get; init; }

    public long ClientEvents { get; init; }

    public long Matched { get; init; }

    public long Unmatched { get; init; }

    public long OtherMessages { get; init; }

    public long Undecodable { get; init; }

    public long LiveCallsAtEnd { get; init; }

    public long Refused { get; init; }

    public long NoFreeDn { get; init; }

    public long Late { get; init; }

    public int ConnectionsLost { get; init; }

    public double BenchCpuPercent { get; init; }

    public double WindowSeconds { get; init; }

    /// <summary>The one line the command ends with.</summary>
    public string ToLine() => string.Create(CultureInfo.InvariantCulture,
        $"calls/s: {CallsPerSecond:0} events/s: {EventsPerSecond:0} p50-ms: {Ms(P50Milliseconds)} p99-ms: {Ms(P99Milliseconds)} p999-ms: {Ms(P999Milliseconds)} gateway-cpu: {(GatewayCpuPercent is { } cpu ? cpu.ToString("0", CultureInfo.InvariantCulture) : "n/a")}% gateway-peak-mb: {(GatewayPeakBytes is { } peak ? (peak / (1024.0 * 1024.0)).ToString("0", CultureInfo.InvariantCulture) : "n/a")}");

    /// <summary>The details, for stderr.</summary>
    public string Details() => string.Create(CultureInfo.InvariantCulture,
        $"window: {WindowSeconds:0.0} s calls: {CallsPlaced} live-at-end: {LiveCallsAtEnd} switch-events: {SwitchEvents} client-events: {ClientEvents} ({ClientEvents / Math.Max(WindowSeconds, 1e-3):0}/s) matched: {Matched} unmatched: {Unmatched} other: {OtherMessages} undecodable: {Undecodable} refused: {Refused} no-free-dn: {NoFreeDn} late: {Late} connections-lost: {ConnectionsLost} bench-cpu: {BenchCpuPercent:0}%");

    private static string Ms(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "n/a";
}
