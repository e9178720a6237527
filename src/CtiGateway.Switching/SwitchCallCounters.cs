using CtiGateway.Server;

namespace CtiGateway.Switching;

/// <summary>Counters of one switch's call model, for <c>ctigw status</c> and Prometheus.</summary>
/// <param name="Switch">The switch's name.</param>
/// <param name="Calls">Calls in the model.</param>
/// <param name="EventsPublished">T-Library call events published so far.</param>
/// <param name="Requests">Client requests taken so far.</param>
/// <param name="Faults">Call-level hardware errors so far.</param>
/// <param name="QueueDepth">Inputs waiting for the call-model loop.</param>
/// <param name="Latency">Request latency histogram (buckets <see cref="LatencyBounds"/>).</param>
public sealed record SwitchCallCounters(string Switch, int Calls, long EventsPublished, long Requests, long Faults, int QueueDepth, LatencyHistogram Latency)
{
    /// <summary>Upper bounds of the request-latency buckets, in seconds.</summary>
    public static IReadOnlyList<double> LatencyBounds { get; } = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
}
