namespace CtiGateway.Daemon;

/// <summary>The <c>Metrics</c> section. The "CtiGateway" meter is always there for dotnet-counters; this adds exporters.</summary>
internal sealed class MetricsSettings
{
    /// <summary>The Prometheus text endpoint.</summary>
    public PrometheusSettings Prometheus { get; set; } = new();

    public IEnumerable<string> Validate(string path) => Prometheus.Validate(path + ":Prometheus");
}
