namespace CtiGateway.Switching;

/// <summary>
/// Request latency, from the server's receipt of a client request to the switch's answer (or the model's own), in
/// fixed buckets for Prometheus (<c>ctigateway_request_latency_seconds</c>). Lock-free; read while being written.
/// </summary>
public sealed class RequestLatencyHistogram
{
    /// <summary>Upper bounds of the buckets, in seconds (the last bucket, +Inf, is implied).</summary>
    public static IReadOnlyList<double> Bounds { get; } = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly long[] _counts = new long[Bounds.Count + 1];
    private long _sumMicroseconds;

    /// <summary>Requests recorded.</summary>
    public long Count => Cumulative()[^1];

    /// <summary>Sum of the latencies, in seconds.</summary>
    public double SumSeconds => Interlocked.Read(ref _sumMicroseconds) / 1e6;

    /// <summary>Records one latency.</summary>
    public void Record(TimeSpan latency)
    {
        var seconds = latency.TotalSeconds;
        var i = 0;
        while (i < Bounds.Count && seconds > Bounds[i])
        {
            i++;
        }

        Interlocked.Increment(ref _counts[i]);
        Interlocked.Add(ref _sumMicroseconds, (long)(latency.Ticks / 10));
    }

    /// <summary>The cumulative count of requests at or under each bound, then the total (+Inf).</summary>
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
