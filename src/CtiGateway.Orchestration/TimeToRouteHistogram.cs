namespace CtiGateway.Orchestration;

/// <summary>
/// The times from a call's arrival at its routing point to the session's routing request, in fixed buckets (for the
/// Prometheus histogram <c>ctigateway_sessions_time_to_route_seconds</c>). Recording is one interlocked increment.
/// </summary>
internal sealed class TimeToRouteHistogram
{
    /// <summary>Upper bounds of the buckets, in seconds; a last bucket takes everything above.</summary>
    public static IReadOnlyList<double> Bounds { get; } = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly long[] _counts = new long[Bounds.Count + 1];

    public void Record(TimeSpan elapsed)
    {
        var seconds = elapsed.TotalSeconds;
        var i = 0;
        while (i < Bounds.Count && seconds > Bounds[i])
        {
            i++;
        }

        Interlocked.Increment(ref _counts[i]);
    }

    /// <summary>Cumulative counts: element i counts the times at most <c>Bounds[i]</c>, the last one every time.</summary>
    public long[] Cumulative()
    {
        var result = new long[_counts.Length];
        long sum = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            sum += Interlocked.Read(ref _counts[i]);
            result[i] = sum;
        }

        return result;
    }
}
