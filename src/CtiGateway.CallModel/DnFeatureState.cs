using CtiGateway.Protocol;

namespace CtiGateway.CallModel;

/// <summary>
/// What the gateway knows of one DN's features: do-not-disturb, call forwarding (mode and destination) and whether
/// the switch serves the DN (monitoring refused or dropped, or the switch reported it out of service).
/// </summary>
/// <param name="DoNotDisturb">Do-not-disturb is on.</param>
/// <param name="Forward">The forwarding mode set (<see cref="ForwardMode.None"/> when not forwarded).</param>
/// <param name="ForwardDestination">Where calls are forwarded to, or null.</param>
/// <param name="OutOfService">The switch does not serve the DN now (no monitor, or out of service).</param>
public readonly record struct DnFeatureState(bool DoNotDisturb, ForwardMode Forward, string? ForwardDestination, bool OutOfService)
{
    /// <summary>A DN with no feature set and in service.</summary>
    public static DnFeatureState Idle => new(false, ForwardMode.None, null, false);
}
