using System.Net;

namespace CtiGateway.Cli.Bench;

/// <summary>The settings of <c>ctigw bench calls</c> and the call timing derived from them.</summary>
internal sealed record CallsOptions
{
    /// <summary>The share of the DNs that are on a call at steady state (the rest is free or resting between calls).</summary>
    public const double BusyShare = 0.6;

    /// <summary>The longest a DN rests after its call ended before the bench places another call on it.</summary>
    public static readonly TimeSpan MaxDnRest = TimeSpan.FromSeconds(1);

    public int CallsPerSecond { get; init; } = 100;

    public int Dns { get; init; } = 1_000;

    public int Clients { get; init; } = 50;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Time from MakeCall to answer plus time from answer to release; null derives it from the DNs and the rate.</summary>
    public TimeSpan? CallLength { get; init; }

    /// <summary>The first DN of the bench's numbering plan; the DNs are FirstDn .. FirstDn + Dns - 1.</summary>
    public int FirstDn { get; init; } = 200_000;

    /// <summary>ctigatewayd to start (an executable or ctigatewayd.dll); null looks for it (see <see cref="GatewayLocator"/>).</summary>
    public string? GatewayPath { get; init; }

    /// <summary>A gateway that is already running (the global --server was given): the bench starts none.</summary>
    public EndPoint? ExternalGateway { get; init; }

    /// <summary>Where the simulator listens for the gateway's switch link; null picks a free loopback port.</summary>
    public IPEndPoint? SimulatorListen { get; init; }

    /// <summary>The process id of an external gateway, for its CPU and peak RSS.</summary>
    public int? GatewayPid { get; init; }

    /// <summary>
    /// A routing strategy (full path): every call arrives at route point 3001 and goes through a session of it, i.e.
    /// the route benchmark runs (<see cref="ToRouteOptions"/>) instead of the call traffic. Null: call traffic.
    /// </summary>
    public string? Strategy { get; init; }

    /// <summary>
    /// MakeCall to release. By default each call lasts so long that <see cref="BusyShare"/> of the DNs are busy at steady
    /// state (two DNs per call): 0.3 x DNs / calls per second, e.g. 6 s for 2,000 calls/s over 40,000 DNs (12,000 live
    /// calls), at least 0.2 s.
    /// </summary>
    public TimeSpan EffectiveCallLength => CallLength
        ?? TimeSpan.FromSeconds(Math.Max(0.2, BusyShare / 2 * Dns / CallsPerSecond));

    /// <summary>MakeCall to AnswerCall: a tenth of the call, at most 1 s.</summary>
    public TimeSpan AnswerDelay => TimeSpan.FromTicks(Math.Min(EffectiveCallLength.Ticks / 10, TimeSpan.TicksPerSecond));

    /// <summary>AnswerCall to ClearConnection by the caller.</summary>
    public TimeSpan HoldTime => EffectiveCallLength - AnswerDelay;

    /// <summary>
    /// How long a DN rests after its call before the next one, so late events of its last call are never taken for the
    /// next: a quarter of a call, at most <see cref="MaxDnRest"/>.
    /// </summary>
    public TimeSpan DnRest => TimeSpan.FromTicks(Math.Min(EffectiveCallLength.Ticks / 4, MaxDnRest.Ticks));

    /// <summary>The route benchmark's settings for <see cref="Strategy"/>: N calls/s at route point 3001, the M DNs as its stations.</summary>
    public RouteOptions ToRouteOptions() => new()
    {
        RequestsPerSecond = CallsPerSecond,
        Duration = Duration,
        Destinations = Dns,
        FirstDn = FirstDn,
        GatewayPath = GatewayPath,
        Strategy = Strategy,
    };

    /// <summary>The DN string of DN index <paramref name="index"/>.</summary>
    public string DnName(int index) => (FirstDn + index).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
