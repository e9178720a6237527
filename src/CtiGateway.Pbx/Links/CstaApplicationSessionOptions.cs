using CtiGateway.Pbx.Profiles;

namespace CtiGateway.Pbx.Links;

/// <summary>
/// The ECMA-354 application session a link opens after TCP connect (Avaya DMCC style, switch.md 1.3):
/// StartApplicationSession with <see cref="ApplicationId"/>, <see cref="ProtocolVersion"/> and
/// <see cref="RequestedDuration"/>; then ResetApplicationSessionTimer every actualSessionDuration x
/// <see cref="ResetAt"/>; StopApplicationSession when the link is stopped.
/// </summary>
public sealed record CstaApplicationSessionOptions
{
    /// <summary>applicationInfo/applicationID.</summary>
    public string ApplicationId { get; init; } = "CtiGateway";

    /// <summary>The protocol version asked for (a CSTA namespace URI, e.g. …/csta/ed3/priv7 for DMCC 6.3 and later).</summary>
    public required string ProtocolVersion { get; init; }

    /// <summary>requestedSessionDuration (whole seconds on the wire).</summary>
    public TimeSpan RequestedDuration { get; init; } = TimeSpan.FromSeconds(80);

    /// <summary>Avaya sessionCleanupDelay, sent with the log-in; null leaves it out.</summary>
    public TimeSpan? CleanupDelay { get; init; }

    /// <summary>When the session timer is reset, as a fraction of actualSessionDuration (0.5 = at half, as f-me/dmcc).</summary>
    public double ResetAt { get; init; } = 0.5;

    /// <summary>AES user name (acx:SessionLoginInfo); null sends no log-in.</summary>
    public string? UserName { get; init; }

    /// <summary>AES password, sent with <see cref="UserName"/>.</summary>
    public string? Password { get; init; }

    /// <summary>
    /// How long ResetApplicationSessionTimer and StopApplicationSession may wait for their answer. StartApplicationSession
    /// is part of the start-up exchange and bounded by <see cref="CstaTcpLinkOptions.StartupTimeout"/>.
    /// </summary>
    public TimeSpan ResponseTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The session of a firmware profile's <c>dialect.application-session</c>.</summary>
    public static CstaApplicationSessionOptions FromProfile(ApplicationSessionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new CstaApplicationSessionOptions
        {
            ProtocolVersion = settings.ProtocolVersion,
            RequestedDuration = settings.RequestedDuration,
            CleanupDelay = settings.CleanupDelay > TimeSpan.Zero ? settings.CleanupDelay : null,
            ResetAt = settings.ResetAt,
        };
    }

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ProtocolVersion);
        ArgumentException.ThrowIfNullOrWhiteSpace(ApplicationId);
        if (RequestedDuration < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(RequestedDuration), RequestedDuration, "The requested session duration must be at least 1 s.");
        }

        if (!(ResetAt > 0 && ResetAt < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(ResetAt), ResetAt, "ResetAt must be a fraction between 0 and 1 (0.5 = at half the session duration).");
        }

        if (ResponseTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ResponseTimeout), ResponseTimeout, "The response timeout must be positive.");
        }
    }
}
