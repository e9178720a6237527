using System.Globalization;

namespace CtiGateway.Simulator;

/// <summary>
/// The traffic knobs of <c>ctigw simulate</c> and of the demo (<c>Demo:*</c>), in the units people type: calls per
/// second, seconds, and rates as fractions 0..1. <see cref="Validate"/> names each bad value; <see cref="ToOptions"/>
/// builds the <see cref="InboundTrafficOptions"/> of the scripted inbound calls.
/// </summary>
public sealed class TrafficSettings
{
    /// <summary>The highest accepted calls per second.</summary>
    public const double MaxCallsPerSecond = 1000;

    /// <summary>Inbound calls per second to <see cref="TargetDn"/> (0 = none).</summary>
    public double CallsPerSecond { get; set; }

    /// <summary>Stop the scripted calls after this many (null = no limit).</summary>
    public int? MaxCalls { get; set; }

    /// <summary>The DN the calls arrive at (the demo's route point 3001).</summary>
    public string TargetDn { get; set; } = "3001";

    /// <summary>Seconds from arrival to answer.</summary>
    public double AnswerDelay { get; set; } = 2;

    /// <summary>Seconds from answer to the caller hanging up.</summary>
    public double HoldTime { get; set; } = 30;

    /// <summary>Fraction 0..1 of calls the caller abandons before answer.</summary>
    public double AbandonRate { get; set; }

    /// <summary>Seconds after arrival an abandoning caller hangs up.</summary>
    public double AbandonAfter { get; set; } = 5;

    /// <summary>Fraction 0..1 of answered calls single-step transferred to <see cref="TransferTo"/>.</summary>
    public double TransferRate { get; set; }

    /// <summary>Where transferred calls go (the demo's ACD queue 4001).</summary>
    public string TransferTo { get; set; } = "4001";

    /// <summary>
    /// Seconds calls wait at a route-point target for routing (a DeflectCall from the gateway) before they go to
    /// <see cref="DefaultDestination"/>; 0: the target answers the calls itself.
    /// </summary>
    public double RoutingTimeout { get; set; }

    /// <summary>Where unrouted calls go after the routing timeout.</summary>
    public string DefaultDestination { get; set; } = "4001";

    /// <summary>One line per bad value: <c>{prefix}{Name}: reason</c> (prefix e.g. "Demo:" or "--").</summary>
    public IEnumerable<string> Validate(Func<string, string> name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!(CallsPerSecond >= 0 && CallsPerSecond <= MaxCallsPerSecond))
        {
            yield return $"{name(nameof(CallsPerSecond))}: {Text(CallsPerSecond)} must be a number from 0 to {Text(MaxCallsPerSecond)}";
        }

        foreach (var (key, value) in new[] { (nameof(AnswerDelay), AnswerDelay), (nameof(HoldTime), HoldTime), (nameof(AbandonAfter), AbandonAfter), (nameof(RoutingTimeout), RoutingTimeout) })
        {
            if (!(value >= 0 && value <= 86_400))
            {
                yield return $"{name(key)}: {Text(value)} must be a number of seconds from 0 to 86400";
            }
        }

        foreach (var (key, value) in new[] { (nameof(AbandonRate), AbandonRate), (nameof(TransferRate), TransferRate) })
        {
            if (!(value >= 0 && value <= 1))
            {
                yield return $"{name(key)}: {Text(value)} must be a fraction from 0 to 1";
            }
        }

        foreach (var (key, value) in new[] { (nameof(TargetDn), TargetDn), (nameof(TransferTo), TransferTo), (nameof(DefaultDestination), DefaultDestination) })
        {
            if (string.IsNullOrWhiteSpace(value) || value.Any(char.IsWhiteSpace))
            {
                yield return $"{name(key)}: '{value}' is not a DN";
            }
        }
    }

    /// <summary>The inbound traffic script, or null when <see cref="CallsPerSecond"/> is 0.</summary>
    public InboundTrafficOptions? ToOptions() => CallsPerSecond <= 0
        ? null
        : new InboundTrafficOptions
        {
            TargetDn = TargetDn,
            CallsPerSecond = CallsPerSecond,
            MaxCalls = MaxCalls,
            AnswerDelay = TimeSpan.FromSeconds(AnswerDelay),
            HoldTime = TimeSpan.FromSeconds(HoldTime),
            AbandonFraction = AbandonRate,
            AbandonAfter = TimeSpan.FromSeconds(AbandonAfter),
            TransferFraction = TransferRate,
            TransferTo = TransferRate > 0 ? TransferTo : null,
            RoutingTimeout = RoutingTimeout > 0 ? TimeSpan.FromSeconds(RoutingTimeout) : null,
            DefaultDestination = DefaultDestination,
        };

    /// <summary>One line describing the traffic, for logs and the simulate banner.</summary>
    public string Describe() => CallsPerSecond <= 0
        ? "no scripted inbound calls"
        : $"inbound calls to {TargetDn} at {Text(CallsPerSecond)}/s, answer after {Text(AnswerDelay)} s, hold {Text(HoldTime)} s, "
            + $"abandon rate {Text(AbandonRate)}, transfer rate {Text(TransferRate)} to {TransferTo}, "
            + (RoutingTimeout > 0 ? $"routing timeout {Text(RoutingTimeout)} s then {DefaultDestination}" : "no routing wait");

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);
}
