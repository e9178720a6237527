using System.Net.Sockets;
using CtiGateway.Protocol;
using CtiGateway.Server;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CtiGateway.Daemon;

/// <summary>Runs the T-Library server for the host's lifetime, logs the ready line and tells systemd.</summary>
internal sealed class TServerHostedService : IHostedService
{
    private readonly TlibServer _server;
    private readonly SystemdNotifier _notifier;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger<TServerHostedService> _logger;
    private readonly LivenessRegistry? _liveness;
    private readonly FaultInjection? _faults;
    private IDisposable? _probeRegistration;

    public TServerHostedService(TlibServer server, SystemdNotifier notifier, IHostApplicationLifetime lifetime, ILogger<TServerHostedService> logger, LivenessRegistry? liveness = null, FaultInjection? faults = null)
    {
        _liveness = liveness;
        _faults = faults;
        _server = server;
        _notifier = notifier;
        _lifetime = lifetime;
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_faults is { Enabled: true } faults)
        {
            RuntimeLog.FaultsEnabled(_logger);
            _server.AcceptLoopGate = faults.WaitAcceptLoopGateAsync;
        }

        System.Net.IPEndPoint endpoint;
        try
        {
            endpoint = await _server.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException ex)
        {
            DaemonLog.StartFailed(_logger, _server.LocalEndPoint?.ToString() ?? "(unbound)", ex.Message);
            Environment.ExitCode = ExitCodes.Failure;
            _lifetime.StopApplication();
            return;
        }

        _probeRegistration = _liveness?.Register("tlib accept loop", _server.ProbeAcceptLoopAsync);

        // Ready only once every hosted service has started (switches declared, control socket open), so a client that
        // connects on the ready line already sees every configured switch in EventServerInfo.
        _lifetime.ApplicationStarted.Register(() =>
        {
            if (_lifetime.ApplicationStopping.IsCancellationRequested)
            {
                return;
            }

            DaemonLog.Ready(_logger, DaemonInfo.Version, endpoint.ToString(), endpoint.Port, _server.Role == ServerRole.Primary ? "primary" : "backup");
            _notifier.Notify($"READY=1\nSTATUS=T-Library server on {endpoint}\nMAINPID={Environment.ProcessId}");
        });
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _probeRegistration?.Dispose();
        DaemonLog.Stopping(_logger, "host shutdown");
        _notifier.Notify("STOPPING=1");
        await _server.StopAsync(cancellationToken).ConfigureAwait(false);
        DaemonLog.Stopped(_logger);
    }
}
