namespace CtiGateway.Server;

/// <summary>
/// Latencies in fixed buckets for a Prometheus histogram: the switches' request latency
/// (<c>ctigateway_request_latency_seconds</c>) and the orchestration's time to route
/// (<c>ctigateway_sessions_time_to_route_seconds</c>). Lock-free; read while being written.
/// </summary>
public sealed class LatencyHistogram
{
    private readonly double[] _bounds;
    private readonly long[] _counts;
    private long _sumMicroseconds;

    /// <summary>A histogram with these upper bounds, in seconds, ascending (the last bucket, +Inf, is implied).</summary>
    /// <exception cref="ArgumentException">The bounds are empty or not strictly ascending.</exception>
    public LatencyHistogram(IReadOnlyList<double> bounds)
    {
        ArgumentNullException.ThrowIfNull(bounds);
        if (bounds.Count == 0)
        {
            throw new ArgumentException("A histogram needs at least one bucket bound.", nameof(bounds));
        }

        for (var i = 1; i < bounds.Count; i++)
        {
            if (!(bounds[i] > bounds[i - 1]))
            {
                throw new ArgumentException($"Bucket bounds must ascend: {bounds[i]} follows {bounds[i - 1]}.", nameof(bounds));
            }
        }

        _bounds = [.. bounds];
        _counts = new long[_bounds.Length + 1];
    }

    /// <summary>Upper bounds of the buckets, in seconds (the last bucket, +Inf, is implied).</summary>
    public IReadOnlyList<double> Bounds => _bounds;

    /// <summary>Latencies recorded.</summary>
    public long Count => Cumulative()[^1];

    /// <summary>Sum of the latencies, in seconds.</summary>
    public double SumSeconds => Interlocked.Read(ref _sumMicroseconds) / 1e6;

    /// <summary>Records one latency.</summary>
    public void Record(TimeSpan latency)
    {
        var seconds = latency.TotalSeconds;
        var i = 0;
        while (i < _bounds.Length && seconds > _bounds[i])
        {
            i++;
        }

        Interlocked.Increment(ref _counts[i]);
        Interlocked.Add(ref _sumMicroseconds, latency.Ticks / 10);
    }

    /// <summary>The cumulative count of latencies at or under each bound, then the total (+Inf).</summary>
    public long[] Cumulative()
    {
        var result = new long[_counts.Length];
        long running = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            running += Interlocked.Read(ref _counts[i]);
            result[i] = running;
        }

        return result;
    }
}
