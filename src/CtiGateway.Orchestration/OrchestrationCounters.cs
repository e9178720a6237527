namespace CtiGateway.Orchestration;

/// <summary>Counters for Prometheus and <c>ctigw status</c>.</summary>
/// <param name="Live">Sessions alive now.</param>
/// <param name="Started">Sessions started since start.</param>
/// <param name="Ended">Sessions that reached a final state.</param>
/// <param name="Failed">Sessions that failed (error, killed, time-to-live, refused for the limit).</param>
/// <param name="Interactions">Interactions tracked now.</param>
/// <param name="Routed">Interactions routed away from their route point by a session action.</param>
/// <param name="TimeToRouteSecondsSum">Sum of the times from the route point's arrival event to the routing request, in seconds.</param>
/// <param name="TimeToRouteCumulative">
/// Those times as a histogram: element i counts the times at most <see cref="TimeToRouteBounds"/>[i] seconds, the last
/// element every time (the histogram's count). Null when not kept.
/// </param>
public sealed record OrchestrationCounters(int Live, long Started, long Ended, long Failed, int Interactions, long Routed, double TimeToRouteSecondsSum,
    IReadOnlyList<long>? TimeToRouteCumulative = null)
{
    /// <summary>Upper bounds of the time-to-route buckets, in seconds.</summary>
    public static IReadOnlyList<double> TimeToRouteBounds { get; } = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
}
