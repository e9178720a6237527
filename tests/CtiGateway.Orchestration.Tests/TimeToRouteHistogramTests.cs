namespace CtiGateway.Orchestration.Tests;

/// <summary>The time-to-route buckets behind the Prometheus histogram: a time goes in the first bucket whose bound it does not pass.</summary>
public sealed class TimeToRouteHistogramTests
{
    [Fact]
    public void TimesFallInTheFirstBucketTheyDoNotPassAndTheCountsAreCumulative()
    {
        var histogram = new TimeToRouteHistogram();
        histogram.Record(TimeSpan.Zero);
        histogram.Record(TimeSpan.FromMilliseconds(1));
        histogram.Record(TimeSpan.FromMilliseconds(1.5));
        histogram.Record(TimeSpan.FromMilliseconds(40));
        histogram.Record(TimeSpan.FromSeconds(31));

        var cumulative = histogram.Cumulative();

        Assert.Equal(TimeToRouteHistogram.Bounds.Count + 1, cumulative.Length);
        Assert.Equal(2, cumulative[0]); // le 0.001: 0 and exactly 1 ms
        Assert.Equal(3, cumulative[1]); // le 0.0025: 1.5 ms
        Assert.Equal(3, cumulative[4]); // le 0.025
        Assert.Equal(4, cumulative[5]); // le 0.05: 40 ms
        Assert.Equal(4, cumulative[^2]); // le 30
        Assert.Equal(5, cumulative[^1]); // +Inf: 31 s
        Assert.Same(TimeToRouteHistogram.Bounds, OrchestrationCounters.TimeToRouteBounds);
    }
}
