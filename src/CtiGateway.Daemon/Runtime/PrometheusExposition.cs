using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using CtiGateway.Orchestration;
using CtiGateway.Switching;

namespace CtiGateway.Daemon;

/// <summary>
/// Meter <c>CtiGateway</c> in the Prometheus text exposition format 0.0.4, plus the request-latency histogram of each
/// switch's call model. A <see cref="MeterListener"/> reads the meter: observable instruments are read at each
/// scrape, the few plain counters (reloads) are summed as they are added. Names follow the OpenTelemetry Prometheus
/// conventions the daemon used before (dots become underscores, unit <c>By</c> adds <c>_bytes</c> and <c>s</c> adds
/// <c>_seconds</c>, counters end in <c>_total</c>), so dashboards keep working; the histogram is a real Prometheus
/// histogram (<c>_bucket{le=...}</c>, <c>_sum</c>, <c>_count</c>), built from the call models' fixed buckets
/// (<see cref="CtiGateway.Server.LatencyHistogram"/>). Families are sorted by name; labels by name.
/// </summary>
internal sealed class PrometheusExposition : IDisposable
{
    /// <summary>The Prometheus name of the request-latency histogram.</summary>
    public const string LatencyName = "ctigateway_request_latency_seconds";

    /// <summary>The Prometheus name of orchestration's time-to-route histogram.</summary>
    public const string TimeToRouteName = "ctigateway_sessions_time_to_route_seconds";

    /// <summary>The content type of the answer.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly Func<IReadOnlyList<SwitchCallCounters>> _callCounters;
    private readonly Func<OrchestrationCounters?> _sessionCounters;
    private readonly MeterListener _listener = new();
    private readonly Lock _collecting = new();
    private readonly Lock _sumsLock = new();
    private readonly Dictionary<(Instrument Instrument, string Labels), double> _sums = [];
    private Dictionary<Instrument, List<(string Labels, double Value)>>? _observed;

    /// <param name="callCounters">The call models' counters now (their latency histograms are written).</param>
    /// <param name="meterName">The meter to read (tests give their own).</param>
    /// <param name="sessionCounters">Orchestration's counters now, or null when it does not run (its time-to-route histogram is written).</param>
    public PrometheusExposition(Func<IReadOnlyList<SwitchCallCounters>> callCounters, string meterName = GatewayMetrics.MeterName, Func<OrchestrationCounters?>? sessionCounters = null)
    {
        ArgumentNullException.ThrowIfNull(callCounters);
        _callCounters = callCounters;
        _sessionCounters = sessionCounters ?? (static () => null);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == meterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    /// <summary>Reads every instrument now and renders the exposition.</summary>
    public string Render()
    {
        var families = new SortedDictionary<string, (string Type, string Help, List<string> Samples)>(StringComparer.Ordinal);
        lock (_collecting)
        {
            _observed = [];
            try
            {
                _listener.RecordObservableInstruments();
                foreach (var (instrument, samples) in _observed)
                {
                    var family = Family(families, instrument);
                    foreach (var (labels, value) in samples)
                    {
                        family.Add(Sample(NameOf(instrument), labels, value));
                    }
                }
            }
            finally
            {
                _observed = null;
            }
        }

        lock (_sumsLock)
        {
            foreach (var ((instrument, labels), value) in _sums)
            {
                Family(families, instrument).Add(Sample(NameOf(instrument), labels, value));
            }
        }

        // The histograms are written in their sorted places among the meter's families.
        var histograms = new List<(string Name, Action<StringBuilder> Write)> { (LatencyName, WriteLatency), (TimeToRouteName, WriteTimeToRoute) };
        histograms.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        var text = new StringBuilder(16 * 1024);
        var next = 0;
        foreach (var (name, (type, help, samples)) in families)
        {
            while (next < histograms.Count && string.CompareOrdinal(name, histograms[next].Name) > 0)
            {
                histograms[next++].Write(text);
            }

            text.Append("# HELP ").Append(name).Append(' ').Append(EscapeHelp(help)).Append('\n');
            text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
            foreach (var sample in samples)
            {
                text.Append(sample).Append('\n');
            }
        }

        while (next < histograms.Count)
        {
            histograms[next++].Write(text);
        }

        return text.ToString();
    }

    public void Dispose() => _listener.Dispose();

    /// <summary>The Prometheus name of an instrument: ctigateway.tlib.received (By, counter) is ctigateway_tlib_received_bytes_total.</summary>
    public static string NameOf(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var name = Sanitize(instrument.Name);
        var unit = instrument.Unit switch
        {
            "By" => "bytes",
            "s" => "seconds",
            "ms" => "milliseconds",
            _ => string.Empty,
        };
        if (unit.Length > 0 && !name.EndsWith("_" + unit, StringComparison.Ordinal))
        {
            name += "_" + unit;
        }

        if (IsCounter(instrument) && !name.EndsWith("_total", StringComparison.Ordinal))
        {
            name += "_total";
        }

        return name;
    }

    /// <summary>A label value with <c>\</c>, <c>"</c> and newlines escaped.</summary>
    public static string EscapeLabelValue(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>A sample value: integers without a fraction, NaN and infinities as Prometheus spells them.</summary>
    public static string FormatValue(double value) =>
        double.IsNaN(value) ? "NaN"
        : double.IsPositiveInfinity(value) ? "+Inf"
        : double.IsNegativeInfinity(value) ? "-Inf"
        : value.ToString("R", CultureInfo.InvariantCulture);

    private static bool IsCounter(Instrument instrument)
    {
        var type = instrument.GetType();
        return type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Counter<>) || type.GetGenericTypeDefinition() == typeof(ObservableCounter<>));
    }

    private static string Sanitize(string name)
    {
        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or ':') || (i == 0 && char.IsAsciiDigit(c)))
            {
                chars[i] = '_';
            }
        }

        return new string(chars);
    }

    private static string EscapeHelp(string help) => help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>{a="x",b="y"} with the labels sorted by name, or empty.</summary>
    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length == 0)
        {
            return string.Empty;
        }

        var sorted = tags.ToArray();
        Array.Sort(sorted, (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var text = new StringBuilder("{");
        for (var i = 0; i < sorted.Length; i++)
        {
            text.Append(i == 0 ? string.Empty : ",").Append(Sanitize(sorted[i].Key)).Append("=\"")
                .Append(EscapeLabelValue(Convert.ToString(sorted[i].Value, CultureInfo.InvariantCulture) ?? string.Empty)).Append('"');
        }

        return text.Append('}').ToString();
    }

    private static string Sample(string name, string labels, double value) => $"{name}{labels} {FormatValue(value)}";

    private static List<string> Family(SortedDictionary<string, (string Type, string Help, List<string> Samples)> families, Instrument instrument)
    {
        var name = NameOf(instrument);
        if (!families.TryGetValue(name, out var family))
        {
            family = (IsCounter(instrument) ? "counter" : "gauge", instrument.Description ?? string.Empty, []);
            families.Add(name, family);
        }

        return family.Samples;
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = Labels(tags);
        if (instrument.IsObservable)
        {
            // Only while Render reads the observable instruments: on its own thread, under its lock.
            if (_observed is { } observed)
            {
                if (!observed.TryGetValue(instrument, out var list))
                {
                    observed[instrument] = list = [];
                }

                list.Add((labels, value));
            }

            return;
        }

        lock (_sumsLock)
        {
            _sums[(instrument, labels)] = _sums.GetValueOrDefault((instrument, labels)) + value;
        }
    }

    /// <summary>Orchestration's time-to-route histogram (nothing when orchestration does not run).</summary>
    private void WriteTimeToRoute(StringBuilder text)
    {
        if (_sessionCounters() is not { TimeToRouteCumulative: { Count: > 0 } cumulative } counters)
        {
            return;
        }

        text.Append("# HELP ").Append(TimeToRouteName)
            .Append(" Orchestration: from a call's arrival at its routing point to the session's routing request (ixn:redirect, queue:submit routing)\n");
        text.Append("# TYPE ").Append(TimeToRouteName).Append(" histogram\n");
        var bounds = OrchestrationCounters.TimeToRouteBounds;
        for (var i = 0; i < cumulative.Count; i++)
        {
            var le = i < bounds.Count ? FormatValue(bounds[i]) : "+Inf";
            text.Append(TimeToRouteName).Append("_bucket{le=\"").Append(le).Append("\"} ").Append(cumulative[i].ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        text.Append(TimeToRouteName).Append("_sum ").Append(FormatValue(counters.TimeToRouteSecondsSum)).Append('\n');
        text.Append(TimeToRouteName).Append("_count ").Append(cumulative[^1].ToString(CultureInfo.InvariantCulture)).Append('\n');
    }

    /// <summary>The request-latency histogram of every switch's call model (nothing when no switch runs).</summary>
    private void WriteLatency(StringBuilder text)
    {
        var counters = _callCounters();
        if (counters.Count == 0)
        {
            return;
        }

        text.Append("# HELP ").Append(LatencyName)
            .Append(" Client call requests from receipt by the server to the answer (the switch's, or the call model's own), per switch\n");
        text.Append("# TYPE ").Append(LatencyName).Append(" histogram\n");
        foreach (var c in counters.OrderBy(c => c.Switch, StringComparer.Ordinal))
        {
            var label = EscapeLabelValue(c.Switch);
            var cumulative = c.Latency.Cumulative();
            var bounds = c.Latency.Bounds;
            for (var i = 0; i < cumulative.Length; i++)
            {
                var le = i < bounds.Count ? FormatValue(bounds[i]) : "+Inf";
                text.Append(LatencyName).Append("_bucket{le=\"").Append(le).Append("\",switch=\"").Append(label).Append("\"} ")
                    .Append(cumulative[i].ToString(CultureInfo.InvariantCulture)).Append('\n');
            }

            text.Append(LatencyName).Append("_sum{switch=\"").Append(label).Append("\"} ").Append(FormatValue(c.Latency.SumSeconds)).Append('\n');
            text.Append(LatencyName).Append("_count{switch=\"").Append(label).Append("\"} ")
                .Append(cumulative[^1].ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
    }
}
