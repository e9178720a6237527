using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace CtiGateway.Daemon;

/// <summary>
/// Serves meter "CtiGateway" in the Prometheus text format on <c>Metrics:Prometheus:Listen</c> (off by default), with
/// OpenTelemetry's HttpListener exporter, at <c>http://IP:PORT/metrics</c>. A port that cannot be bound is logged;
/// the daemon goes on serving clients.
/// </summary>
internal sealed class PrometheusEndpointService : IHostedService, IDisposable
{
    private readonly PrometheusSettings _settings;
    private readonly ILogger<PrometheusEndpointService> _logger;
    private MeterProvider? _provider;

    public PrometheusEndpointService(GatewaySettings settings, GatewayMetrics metrics, ILogger<PrometheusEndpointService> logger)
    {
        ArgumentNullException.ThrowIfNull(metrics); // The meter must exist before the exporter subscribes.
        _settings = settings.Metrics.Prometheus;
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_settings.Listen.Length == 0 || !PrometheusSettings.TryParse(_settings.Listen, out var address, out var port))
        {
            return Task.CompletedTask;
        }

        var host = address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) ? "+"
            : address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]"
            : address.ToString();
        try
        {
            _provider = Sdk.CreateMeterProviderBuilder()
                .ConfigureResource(r => r.AddService("ctigatewayd", serviceVersion: DaemonInfo.Version, autoGenerateServiceInstanceId: false))
                .AddMeter(GatewayMetrics.MeterName)
                .AddPrometheusHttpListener(o =>
                {
                    o.Host = host;
                    o.Port = port;
                    o.ScrapeEndpointPath = "/metrics";
                })
                .Build();
            RuntimeLog.PrometheusListening(_logger, _settings.UriPrefix());
        }
        catch (Exception ex) when (ex is HttpListenerException or SocketException or InvalidOperationException or ArgumentException)
        {
            RuntimeLog.PrometheusFailed(_logger, _settings.Listen, ex.Message);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref _provider, null)?.Dispose();
    }
}
