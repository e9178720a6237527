namespace CtiGateway.Simulator;

/// <summary>Scripted inbound traffic: calls from external trunk numbers arriving at a DN at a fixed rate.</summary>
public sealed record InboundTrafficOptions
{
    /// <summary>The DN the calls arrive at (the demo uses route point 3001).</summary>
    public required string TargetDn { get; init; }

    /// <summary>Calls per second (0.2 = one call every 5 s, the demo default).</summary>
    public required double CallsPerSecond { get; init; }

    /// <summary>Time from arrival (Delivered) to answer (Established) by the target DN.</summary>
    public TimeSpan AnswerDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Time from answer until the caller hangs up (ConnectionCleared).</summary>
    public TimeSpan HoldTime { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The first external caller number; each further call adds one.</summary>
    public long FirstTrunkNumber { get; init; } = 302118840100;

    /// <summary>Stop after this many calls; null runs until stopped.</summary>
    public int? MaxCalls { get; init; }
}
