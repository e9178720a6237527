using System.Diagnostics.Metrics;
using CtiGateway.Server;
using CtiGateway.Switching;

namespace CtiGateway.Daemon.Tests;

/// <summary>
/// The Prometheus text exposition (<see cref="PrometheusExposition"/>) in process, on a meter of the test's own: the
/// names the daemon always had (units, _total), label escaping and order, and the request-latency histogram built
/// from the call models' fixed buckets.
/// </summary>
public sealed class PrometheusExpositionTests
{
    private readonly string _meterName = "CtiGateway.Test." + Guid.NewGuid().ToString("N");

    [Fact]
    public void InstrumentsKeepTheirPrometheusNamesTypesAndLabels()
    {
        using var meter = new Meter(_meterName);
        var reloads = meter.CreateCounter<long>("ctigateway.reloads", "{reload}", "SIGHUP reloads");
        meter.CreateObservableCounter("ctigateway.tlib.received", () => 7L, "By", "Bytes read");
        meter.CreateObservableUpDownCounter("ctigateway.queue.total", () => 3, "By", "Queued bytes");
        meter.CreateObservableGauge("ctigateway.link.up", () => new Measurement<int>(1, new("switch", "sw \"a\"\\b"), new("link", "l\n1")), "{link}", "Line one\nline two \\ end");
        meter.CreateObservableGauge("ctigateway.ratio", () => 0.25, null, "A fraction");
        using var exposition = new PrometheusExposition(() => [], _meterName);
        reloads.Add(1, new KeyValuePair<string, object?>("result", "applied"));
        reloads.Add(2, new KeyValuePair<string, object?>("result", "applied"));
        reloads.Add(1, new KeyValuePair<string, object?>("result", "rejected"));

        var text = exposition.Render();

        Assert.Equal(
            """
            # HELP ctigateway_link_up Line one\nline two \\ end
            # TYPE ctigateway_link_up gauge
            ctigateway_link_up{link="l\n1",switch="sw \"a\"\\b"} 1
            # HELP ctigateway_queue_total_bytes Queued bytes
            # TYPE ctigateway_queue_total_bytes gauge
            ctigateway_queue_total_bytes 3
            # HELP ctigateway_ratio A fraction
            # TYPE ctigateway_ratio gauge
            ctigateway_ratio 0.25
            # HELP ctigateway_reloads_total SIGHUP reloads
            # TYPE ctigateway_reloads_total counter
            ctigateway_reloads_total{result="applied"} 3
            ctigateway_reloads_total{result="rejected"} 1
            # HELP ctigateway_tlib_received_bytes_total Bytes read
            # TYPE ctigateway_tlib_received_bytes_total counter
            ctigateway_tlib_received_bytes_total 7

            """.ReplaceLineEndings("\n"),
            text);
    }

    [Fact]
    public void TheRequestLatencyIsAPrometheusHistogramPerSwitch()
    {
        using var meter = new Meter(_meterName);
        meter.CreateObservableGauge("ctigateway.calls", () => new Measurement<int>(2, new KeyValuePair<string, object?>("switch", "tel_sw")), "{call}", "Live calls");
        var latency = new LatencyHistogram(SwitchCallCounters.LatencyBounds);
        foreach (var ms in new[] { 0.5, 3, 3, 2000 })
        {
            latency.Record(TimeSpan.FromMilliseconds(ms));
        }

        SwitchCallCounters[] counters = [new("tel_sw", 2, 40, 4, 0, 0, latency), new("b", 0, 0, 0, 0, 0, new LatencyHistogram(SwitchCallCounters.LatencyBounds))];
        using var exposition = new PrometheusExposition(() => counters, _meterName);

        var lines = exposition.Render().Split('\n');

        // Sorted by family: ctigateway_calls, then the histogram (switches in name order, buckets cumulative, +Inf last).
        Assert.Equal(["# HELP ctigateway_calls Live calls", "# TYPE ctigateway_calls gauge", "ctigateway_calls{switch=\"tel_sw\"} 2"], lines[..3]);
        Assert.StartsWith("# HELP ctigateway_request_latency_seconds ", lines[3], StringComparison.Ordinal);
        Assert.Equal("# TYPE ctigateway_request_latency_seconds histogram", lines[4]);
        var tel = lines.Where(l => l.Contains("switch=\"tel_sw\"", StringComparison.Ordinal) && l.StartsWith("ctigateway_request_latency_seconds", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [
                "ctigateway_request_latency_seconds_bucket{le=\"0.001\",switch=\"tel_sw\"} 1",
                "ctigateway_request_latency_seconds_bucket{le=\"0.0025\",switch=\"tel_sw\"} 1",
                "ctigateway_request_latency_seconds_bucket{le=\"0.005\",switch=\"tel_sw\"} 3",
                "ctigateway_request_latency_seconds_bucket{le=\"0.01\",switch=\"tel_sw\"} 3",
                "ctigateway_request_latency_seconds_bucket{le=\"0.025\",switch=\"tel_sw\"} 3",
                "ctigateway_request_latency_seconds_bucket{le=\"0.05\",switch=\"tel_sw\"} 3",
                "ctigateway_request_latency_seconds_bucket{le=\"0.1\",switch=\"tel_sw\"} 3",
                "ctigateway_request_latency_seconds_bucket{le=\"0.25\",switch=\"tel_sw\"} 3",
                "ctigateway_request_latency_seconds_bucket{le=\"0.5\",switch=\"tel_sw\"} 3",
                "ctigateway_request_latency_seconds_bucket{le=\"1\",switch=\"tel_sw\"} 3",
                "ctigateway_request_latency_seconds_bucket{le=\"2.5\",switch=\"tel_sw\"} 4",
                "ctigateway_request_latency_seconds_bucket{le=\"5\",switch=\"tel_sw\"} 4",
                "ctigateway_request_latency_seconds_bucket{le=\"10\",switch=\"tel_sw\"} 4",
                "ctigateway_request_latency_seconds_bucket{le=\"+Inf\",switch=\"tel_sw\"} 4",
                "ctigateway_request_latency_seconds_sum{switch=\"tel_sw\"} 2.0065",
                "ctigateway_request_latency_seconds_count{switch=\"tel_sw\"} 4",
            ],
            tel);
        var first = Array.FindIndex(lines, l => l.Contains("switch=\"b\"", StringComparison.Ordinal));
        Assert.True(first > 0 && first < Array.FindIndex(lines, l => l.Contains("switch=\"tel_sw\"}", StringComparison.Ordinal) && l.Contains("latency", StringComparison.Ordinal)));
        Assert.Contains("ctigateway_request_latency_seconds_count{switch=\"b\"} 0", lines);
    }

    [Fact]
    public void OrchestrationsTimeToRouteIsAHistogramInItsSortedPlaceAndAbsentWithoutOrchestration()
    {
        using var meter = new Meter(_meterName);
        meter.CreateObservableUpDownCounter("ctigateway.sessions.live", () => 2, "{session}", "Live sessions");
        meter.CreateObservableCounter("ctigateway.tlib.received", () => 7L, "By", "Bytes read");
        var bounds = CtiGateway.Orchestration.OrchestrationCounters.TimeToRouteBounds;
        long[] cumulative = [.. Enumerable.Range(0, bounds.Count + 1).Select(i => i < 4 ? 0L : i < 7 ? 3L : 5L)];
        var counters = new CtiGateway.Orchestration.OrchestrationCounters(2, 9, 6, 1, 2, 5, 0.375, cumulative);
        using var exposition = new PrometheusExposition(() => [], _meterName, () => counters);

        var lines = exposition.Render().Split('\n');

        Assert.Equal(["# HELP ctigateway_sessions_live Live sessions", "# TYPE ctigateway_sessions_live gauge", "ctigateway_sessions_live 2"], lines[..3]);
        Assert.StartsWith("# HELP ctigateway_sessions_time_to_route_seconds ", lines[3], StringComparison.Ordinal);
        Assert.Equal("# TYPE ctigateway_sessions_time_to_route_seconds histogram", lines[4]);
        Assert.Equal("ctigateway_sessions_time_to_route_seconds_bucket{le=\"0.001\"} 0", lines[5]);
        Assert.Equal("ctigateway_sessions_time_to_route_seconds_bucket{le=\"0.01\"} 0", lines[8]);
        Assert.Equal("ctigateway_sessions_time_to_route_seconds_bucket{le=\"0.025\"} 3", lines[9]);
        Assert.Equal("ctigateway_sessions_time_to_route_seconds_bucket{le=\"30\"} 5", lines[5 + bounds.Count - 1]);
        Assert.Equal("ctigateway_sessions_time_to_route_seconds_bucket{le=\"+Inf\"} 5", lines[5 + bounds.Count]);
        Assert.Equal("ctigateway_sessions_time_to_route_seconds_sum 0.375", lines[6 + bounds.Count]);
        Assert.Equal("ctigateway_sessions_time_to_route_seconds_count 5", lines[7 + bounds.Count]);
        Assert.Equal("# HELP ctigateway_tlib_received_bytes_total Bytes read", lines[8 + bounds.Count]);

        using var without = new PrometheusExposition(() => [], _meterName, () => null);
        Assert.DoesNotContain("time_to_route", without.Render(), StringComparison.Ordinal);
    }

    [Fact]
    public void NoSwitchMeansNoHistogramAndValuesAreSpelledAsPrometheusWants()
    {
        using var exposition = new PrometheusExposition(() => [], _meterName);
        Assert.Equal(string.Empty, exposition.Render());
        Assert.Equal("NaN", PrometheusExposition.FormatValue(double.NaN));
        Assert.Equal("+Inf", PrometheusExposition.FormatValue(double.PositiveInfinity));
        Assert.Equal("-Inf", PrometheusExposition.FormatValue(double.NegativeInfinity));
        Assert.Equal("12345678901", PrometheusExposition.FormatValue(12345678901));
        Assert.Equal("0.001", PrometheusExposition.FormatValue(0.001));
    }
}
