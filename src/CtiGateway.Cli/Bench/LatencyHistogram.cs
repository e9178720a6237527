using System.Diagnostics;
using System.Numerics;

namespace CtiGateway.Cli.Bench;

/// <summary>
/// A log-linear latency histogram in microseconds, allocation-free to record: exact below 128 µs, then 64 buckets per
/// power of two (under 1.6 % error). One per receive loop (not thread-safe); <see cref="Merge"/> combines them.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int LinearLimit = 128;
    private const int SubBuckets = 64;
    private const int MaxExponent = 40;
    private readonly long[] _counts = new long[LinearLimit + ((MaxExponent - 6) * SubBuckets)];

    /// <summary>Number of samples.</summary>
    public long Count { get; private set; }

    /// <summary>Records a latency given in <see cref="Stopwatch"/> ticks.</summary>
    public void RecordTicks(long ticks) => RecordMicroseconds(ticks <= 0 ? 0 : (long)(ticks * (1_000_000.0 / Stopwatch.Frequency)));

    /// <summary>Records a latency in microseconds (negative counts as 0, huge values are capped).</summary>
    public void RecordMicroseconds(long microseconds)
    {
        _counts[Index(Math.Clamp(microseconds, 0, (1L << MaxExponent) - 1))]++;
        Count++;
    }

    /// <summary>Adds the samples of <paramref name="other"/>.</summary>
    public void Merge(LatencyHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
    }

    /// <summary>The value at percentile <paramref name="percentile"/> (0-100) in milliseconds, or null with no samples.</summary>
    public double? PercentileMilliseconds(double percentile)
    {
        if (Count == 0)
        {
            return null;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(percentile / 100.0 * Count));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return Midpoint(i) / 1000.0;
            }
        }

        return Midpoint(_counts.Length - 1) / 1000.0;
    }

    private static int Index(long value)
    {
        if (value < LinearLimit)
        {
            return (int)value;
        }

        var msb = 63 - BitOperations.LeadingZeroCount((ulong)value);
        var shift = msb - 6;
        var top = (int)(value >> shift);
        return LinearLimit + ((msb - 7) * SubBuckets) + (top - SubBuckets);
    }

    private static double Midpoint(int index)
    {
        if (index < LinearLimit)
        {
            return index;
        }

        var msb = ((index - LinearLimit) / SubBuckets) + 7;
        var top = ((index - LinearLimit) % SubBuckets) + SubBuckets;
        var shift = msb - 6;
        var low = (long)top << shift;
        return low + (((1L << shift) - 1) / 2.0);
    }
}
