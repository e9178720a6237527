namespace CtiGateway.Cli.Bench;

/// <summary>One call of <c>ctigw bench route</c>: when it arrived at the route point, and the switch's callID.</summary>
internal sealed class RouteArrival(long stamp, bool inWindow)
{
    /// <summary>Stopwatch timestamp just before the simulator raised the arrival.</summary>
    public long Stamp { get; } = stamp;

    /// <summary>Arrived inside the measured window (its latency counts).</summary>
    public bool InWindow { get; } = inWindow;

    private string? _callId;

    /// <summary>The switch's callID, once the simulator returned it.</summary>
    public string? CallId
    {
        get => Volatile.Read(ref _callId);
        set => Volatile.Write(ref _callId, value);
    }
}
