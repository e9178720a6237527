using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CtiGateway.Daemon;

/// <summary>
/// Serves <see cref="PrometheusExposition"/> (meter "CtiGateway" and the request-latency histograms) on
/// <c>Metrics:Prometheus:Listen</c> (off by default) at <c>http://IP:PORT/metrics</c>, with System.Net.HttpListener.
/// Any other path is 404, any method but GET and HEAD is 405. At most <see cref="MaxConcurrentScrapes"/> scrapes run
/// at once (more get 503) and each answer must be written within <see cref="WriteTimeout"/>. A port that cannot be
/// bound is logged; the daemon goes on serving clients.
/// </summary>
internal sealed class PrometheusEndpointService : IHostedService, IDisposable
{
    /// <summary>Scrapes served at the same time; a further one gets 503.</summary>
    public const int MaxConcurrentScrapes = 4;

    private static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(10);

    private readonly PrometheusSettings _settings;
    private readonly PrometheusExposition _exposition;
    private readonly ILogger<PrometheusEndpointService> _logger;
    private readonly SemaphoreSlim _scrapes = new(MaxConcurrentScrapes, MaxConcurrentScrapes);
    private readonly CancellationTokenSource _stop = new();
    private HttpListener? _listener;
    private Task _acceptLoop = Task.CompletedTask;

    public PrometheusEndpointService(GatewaySettings settings, RuntimeState state, GatewayMetrics metrics, ILogger<PrometheusEndpointService> logger)
    {
        ArgumentNullException.ThrowIfNull(metrics); // The meter must exist before the listener subscribes.
        _settings = settings.Metrics.Prometheus;
        _exposition = new PrometheusExposition(() => state.Switching?.CallCounters() ?? [], sessionCounters: () => state.Orchestration?.Counters());
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_settings.Listen.Length == 0 || !PrometheusSettings.TryParse(_settings.Listen, out _, out _))
        {
            return Task.CompletedTask;
        }

        var listener = new HttpListener();
        try
        {
            listener.Prefixes.Add(_settings.UriPrefix());
            listener.Start();
        }
        catch (Exception ex) when (ex is HttpListenerException or SocketException or InvalidOperationException or ArgumentException or PlatformNotSupportedException)
        {
            listener.Close();
            RuntimeLog.PrometheusFailed(_logger, _settings.Listen, ex.Message);
            return Task.CompletedTask;
        }

        _listener = listener;
        _acceptLoop = Task.Run(() => AcceptLoopAsync(listener, _stop.Token), CancellationToken.None);
        RuntimeLog.PrometheusListening(_logger, _settings.UriPrefix());
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener?.Close();
        await _acceptLoop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose()
    {
        _listener?.Close();
        _exposition.Dispose();
        _scrapes.Dispose();
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync(HttpListener listener, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                // Closed by StopAsync (or the listener failed): no more scrapes.
                return;
            }

            if (!_scrapes.Wait(0))
            {
                Answer(context, 503, "too many scrapes at once\n");
                continue;
            }

            _ = Task.Run(async () =>
            {
                try
                {
                    await ServeAsync(context, stopping).ConfigureAwait(false);
                }
                finally
                {
                    _scrapes.Release();
                }
            }, CancellationToken.None);
        }
    }

    private async Task ServeAsync(HttpListenerContext context, CancellationToken stopping)
    {
        var request = context.Request;
        if (request.Url?.AbsolutePath.TrimEnd('/') != "/metrics")
        {
            Answer(context, 404, "not found: the metrics are at /metrics\n");
            return;
        }

        if (request.HttpMethod is not ("GET" or "HEAD"))
        {
            context.Response.AddHeader("Allow", "GET, HEAD");
            Answer(context, 405, "only GET and HEAD\n");
            return;
        }

        var body = Encoding.UTF8.GetBytes(_exposition.Render());
        var response = context.Response;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(WriteTimeout);
        try
        {
            response.StatusCode = 200;
            response.ContentType = PrometheusExposition.ContentType;
            response.ContentLength64 = body.Length;
            if (request.HttpMethod == "GET")
            {
                await response.OutputStream.WriteAsync(body, timeout.Token).ConfigureAwait(false);
            }

            response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The scraper went away or stalled past the write timeout.
            response.Abort();
        }
    }

    private static void Answer(HttpListenerContext context, int status, string text)
    {
        try
        {
            var body = Encoding.UTF8.GetBytes(text);
            context.Response.StatusCode = status;
            context.Response.ContentType = "text/plain; charset=utf-8";
            context.Response.ContentLength64 = body.Length;
            context.Response.OutputStream.Write(body);
            context.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException)
        {
            context.Response.Abort();
        }
    }
}
