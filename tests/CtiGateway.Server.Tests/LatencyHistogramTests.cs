namespace CtiGateway.Server.Tests;

/// <summary>The buckets behind the Prometheus histograms: a latency goes in the first bucket whose bound it does not pass.</summary>
public sealed class LatencyHistogramTests
{
    private static readonly double[] TimeToRouteLike = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    [Fact]
    public void LatenciesFallInTheFirstBucketTheyDoNotPassAndTheCountsAreCumulative()
    {
        var histogram = new LatencyHistogram(TimeToRouteLike);
        histogram.Record(TimeSpan.Zero);
        histogram.Record(TimeSpan.FromMilliseconds(1));
        histogram.Record(TimeSpan.FromMilliseconds(1.5));
        histogram.Record(TimeSpan.FromMilliseconds(40));
        histogram.Record(TimeSpan.FromSeconds(31));

        var cumulative = histogram.Cumulative();

        Assert.Equal(TimeToRouteLike.Length + 1, cumulative.Length);
        Assert.Equal(2, cumulative[0]); // le 0.001: 0 and exactly 1 ms
        Assert.Equal(3, cumulative[1]); // le 0.0025: 1.5 ms
        Assert.Equal(3, cumulative[4]); // le 0.025
        Assert.Equal(4, cumulative[5]); // le 0.05: 40 ms
        Assert.Equal(4, cumulative[^2]); // le 30
        Assert.Equal(5, cumulative[^1]); // +Inf: 31 s
        Assert.Equal(5, histogram.Count);
        Assert.Equal(31.0425, histogram.SumSeconds, precision: 6); // 0 + 1 ms + 1.5 ms + 40 ms + 31 s
        Assert.Equal(TimeToRouteLike, histogram.Bounds);
    }

    [Fact]
    public void BoundsMustBeGivenAndAscend()
    {
        Assert.Contains("at least one", Assert.Throws<ArgumentException>(() => new LatencyHistogram([])).Message, StringComparison.Ordinal);
        Assert.Contains("must ascend: 0.5 follows 1", Assert.Throws<ArgumentException>(() => new LatencyHistogram([0.1, 1, 0.5])).Message, StringComparison.Ordinal);
    }
}
