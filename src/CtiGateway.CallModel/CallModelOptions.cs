namespace CtiGateway.CallModel;

/// <summary>Settings of one switch's call model.</summary>
public sealed record CallModelOptions
{
    /// <summary>What a consultation call's user data is (default <see cref="ConsultUserDataPolicy.Inherited"/>).</summary>
    public ConsultUserDataPolicy ConsultUserData { get; init; } = ConsultUserDataPolicy.Inherited;

    /// <summary>
    /// Most calls held at once (default 200,000). A call the switch reports beyond it is not created: a
    /// <see cref="CallModelFaultKind.CallTableFull"/> hardware error names it instead, so memory stays bounded.
    /// </summary>
    public int MaxCalls { get; init; } = 200_000;

    /// <summary>
    /// How many ended CSTA callIDs are remembered (default 4,096), so that the copies of an ending event that other
    /// monitors report (each monitor of a device in the call gets its own) are recognised as copies, not as events
    /// for an unknown call.
    /// </summary>
    public int EndedCallMemory { get; init; } = 4096;

    /// <summary>The gateway's id, the first half of every CallUUID (default 0).</summary>
    public ulong GatewayId { get; init; }

    /// <summary>The clock for the calls' start times (default the system clock; the model reads nothing else from it).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Per routing point DN, where its calls go when no router names a destination (RequestRouteCall with
    /// RouteTypeDefault and no OtherDN, router timeout, no router); a routing point not listed has none.
    /// </summary>
    public IReadOnlyDictionary<string, string> DefaultRoutes { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Most routing points one call may arrive at (default 8): the arrival past it is a routing loop, and a
    /// RequestRouteCall to a routing point for a call already at the limit is refused.
    /// </summary>
    public int MaxRouteHops { get; init; } = 8;

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxCalls, 1, nameof(MaxCalls));
        ArgumentOutOfRangeException.ThrowIfLessThan(EndedCallMemory, 1, nameof(EndedCallMemory));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRouteHops, 1, nameof(MaxRouteHops));
        ArgumentNullException.ThrowIfNull(DefaultRoutes, nameof(DefaultRoutes));
        if (!Enum.IsDefined(ConsultUserData))
        {
            throw new ArgumentOutOfRangeException(nameof(ConsultUserData), ConsultUserData, "Not a consultation user-data policy.");
        }

        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
    }
}
