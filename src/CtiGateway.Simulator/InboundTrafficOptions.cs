namespace CtiGateway.Simulator;

/// <summary>Scripted inbound traffic: calls from external trunk numbers arriving at a DN at a fixed rate.</summary>
public sealed record InboundTrafficOptions
{
    /// <summary>The DN the calls arrive at (the demo uses route point 3001).</summary>
    public required string TargetDn { get; init; }

    /// <summary>Calls per second (0.2 = one call every 5 s, the demo default).</summary>
    public required double CallsPerSecond { get; init; }

    /// <summary>Time from the start of the script to its first call; null: one interval (1 / <see cref="CallsPerSecond"/>).</summary>
    public TimeSpan? FirstCallAfter { get; init; }

    /// <summary>Time from arrival (Delivered) to answer (Established) by the target DN.</summary>
    public TimeSpan AnswerDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Time from answer until the caller hangs up (ConnectionCleared).</summary>
    public TimeSpan HoldTime { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The first external caller number; each further call adds one.</summary>
    public long FirstTrunkNumber { get; init; } = 302118840100;

    /// <summary>Stop after this many calls; null runs until stopped.</summary>
    public int? MaxCalls { get; init; }

    /// <summary>
    /// Fraction (0..1) of calls the caller abandons: cleared by the caller <see cref="AbandonAfter"/> after arrival
    /// when nobody has answered by then. Calls are picked evenly (0.5 = every second call), not at random.
    /// </summary>
    public double AbandonFraction { get; init; }

    /// <summary>Time from arrival until an abandoning caller hangs up.</summary>
    public TimeSpan AbandonAfter { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Fraction (0..1) of answered calls the answering DN single-step transfers to <see cref="TransferTo"/>,
    /// <see cref="TransferAfter"/> after the answer. Picked evenly, like <see cref="AbandonFraction"/>.
    /// </summary>
    public double TransferFraction { get; init; }

    /// <summary>The DN transferred calls go to (required when <see cref="TransferFraction"/> is above 0).</summary>
    public string? TransferTo { get; init; }

    /// <summary>Time from answer until a transferring DN transfers the call.</summary>
    public TimeSpan TransferAfter { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// When set and the target is a route point, calls wait there for routing (a DeflectCall from the gateway) this
    /// long; unrouted calls then go to <see cref="DefaultDestination"/>. Null: the target answers every call itself.
    /// </summary>
    public TimeSpan? RoutingTimeout { get; init; }

    /// <summary>Where unrouted calls go after the routing timeout: an ACD queue (Queued) or a DN (Delivered).</summary>
    public string DefaultDestination { get; init; } = "4001";
}
