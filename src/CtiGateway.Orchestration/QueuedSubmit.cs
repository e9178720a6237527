namespace CtiGateway.Orchestration;

/// <summary>A <c>queue:submit</c> waiting for a target: what it asked for and where it stands. Touched under the queue's lock.</summary>
internal sealed class QueuedSubmit
{
    public required string RequestId { get; init; }

    public required string SessionId { get; init; }

    /// <summary>The interaction named (interactionid), or null for the session's first.</summary>
    public string? InteractionId { get; init; }

    /// <summary>The virtual queue (attribute queue), empty for none.</summary>
    public required string VirtualQueue { get; init; }

    public int Priority { get; init; }

    /// <summary>Order of arrival, for equal priorities.</summary>
    public long Sequence { get; set; }

    public required IReadOnlyList<QueueTarget> Targets { get; init; }

    /// <summary>route="true": the orchestration sends the call to the target itself.</summary>
    public bool Route { get; init; } = true;

    /// <summary>clearontimeout: the request leaves the queue at its timeout (else it keeps waiting after the error event).</summary>
    public bool ClearOnTimeout { get; init; } = true;

    /// <summary>any, max, min or percentage.</summary>
    public string OrderType { get; init; } = "any";

    /// <summary>StatAgentLoading or StatTimeInReadyState, or null.</summary>
    public string? OrderStat { get; init; }

    /// <summary>The timeout, or null for none.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>When it was queued, on the sessions' clock.</summary>
    public DateTimeOffset Queued { get; init; }

    public IDisposable? TimeoutTimer { get; set; }

    /// <summary>Whether a ready agent with calls at its DN may be chosen (ordering by StatAgentLoading).</summary>
    public bool LoadedAgentsCount => OrderStat == QueueActions.StatAgentLoading && OrderType is "min" or "max";
}
