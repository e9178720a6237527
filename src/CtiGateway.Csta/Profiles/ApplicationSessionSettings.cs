namespace CtiGateway.Pbx.Profiles;

/// <summary>
/// An ECMA-354 application session: requested duration and cleanup delay, the protocol version asked for, and when
/// ResetApplicationSessionTimer is sent, as a fraction of the actual session duration (0.5 = half).
/// </summary>
public sealed record ApplicationSessionSettings(string ProtocolVersion, TimeSpan RequestedDuration, TimeSpan CleanupDelay, double ResetAt)
{
    /// <summary>The interval between ResetApplicationSessionTimer requests for a session of <paramref name="actualDuration"/>.</summary>
    public TimeSpan ResetInterval(TimeSpan actualDuration) => actualDuration * ResetAt;
}
