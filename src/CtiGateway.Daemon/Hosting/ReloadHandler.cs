using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog.Core;

namespace CtiGateway.Daemon;

/// <summary>
/// SIGHUP: an unhandled SIGHUP kills a .NET process (exit 129), so it is always registered here. It re-reads and
/// re-validates the config file; a config with errors keeps the running one. The log level applies at once; keys
/// that need a restart are logged as such and keep their running value.
/// </summary>
internal sealed class ReloadHandler : IHostedService, IDisposable
{
    private readonly DaemonCommandLine _commandLine;
    private readonly LoggingLevelSwitch _levelSwitch;
    private readonly ILogger<ReloadHandler> _logger;
    private readonly GatewaySettings _running;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private PosixSignalRegistration? _registration;

    public ReloadHandler(DaemonCommandLine commandLine, LoggingLevelSwitch levelSwitch, GatewaySettings running, ILogger<ReloadHandler> logger)
    {
        _commandLine = commandLine;
        _levelSwitch = levelSwitch;
        _running = running;
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _registration = PosixSignalRegistration.Create(PosixSignal.SIGHUP, ctx =>
        {
            ctx.Cancel = true;
            _ = Task.Run(Reload, CancellationToken.None);
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        _registration?.Dispose();
        _gate.Dispose();
    }

    /// <summary>Re-reads the config; never throws.</summary>
    internal void Reload()
    {
        _gate.Wait();
        try
        {
            if (_commandLine.ConfigFile is null)
            {
                DaemonLog.ReloadNothing(_logger);
                return;
            }

            DaemonLog.ReloadRequested(_logger, _commandLine.ConfigFile);
            var problems = new List<string>();
            var configuration = GatewayConfiguration.Build(_commandLine, problems);
            if (configuration is not null)
            {
                problems.AddRange(ConfigValidator.Validate(configuration, out var next, Path.GetDirectoryName(Path.GetFullPath(_commandLine.ConfigFile))));
                if (problems.Count == 0)
                {
                    Apply(next);
                    return;
                }
            }

            foreach (var p in problems)
            {
                DaemonLog.ReloadRejected(_logger, p);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            DaemonLog.ReloadRejected(_logger, ex.Message);
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Apply(GatewaySettings next)
    {
        foreach (var key in RestartKeys(_running, next))
        {
            DaemonLog.ReloadNeedsRestart(_logger, key);
        }

        _running.Logging.Level = next.Logging.Level;
        _levelSwitch.MinimumLevel = LoggingSetup.ParseLevel(next.Logging.Level);
        DaemonLog.ReloadApplied(_logger, _levelSwitch.MinimumLevel.ToString());
    }

    private static string Describe(IEnumerable<CtiGateway.Switching.SwitchSettings> switches) =>
        string.Join(';', switches.Select(s => s.Name + "|" + s.Profile + "|" + string.Join(',', s.Links.Select(l => $"{l.Host}:{l.Port}/{l.Priority}/{l.Device}/{l.Baud}/{l.DataBits}/{l.Parity}/{l.StopBits}/{l.FlowControl}"))));

    /// <summary>The keys whose change needs a restart (listening socket, TLS, limits fixed at start).</summary>
    internal static IEnumerable<string> RestartKeys(GatewaySettings a, GatewaySettings b)
    {
        if (a.TServer.Host != b.TServer.Host)
        {
            yield return "TServer:Host";
        }

        if (a.TServer.Port != b.TServer.Port)
        {
            yield return "TServer:Port";
        }

        if (a.TServer.MaxClients != b.TServer.MaxClients)
        {
            yield return "TServer:MaxClients";
        }

        if (a.TServer.MaxFrameSize != b.TServer.MaxFrameSize)
        {
            yield return "TServer:MaxFrameSize";
        }

        if (a.TServer.ClientQueueBytes != b.TServer.ClientQueueBytes)
        {
            yield return "TServer:ClientQueueBytes";
        }

        if (!a.TServer.AllowedClients.SequenceEqual(b.TServer.AllowedClients))
        {
            yield return "TServer:AllowedClients";
        }

        if (a.TServer.Tls.CertificatePemFile != b.TServer.Tls.CertificatePemFile || a.TServer.Tls.KeyPemFile != b.TServer.Tls.KeyPemFile)
        {
            yield return "TServer:Tls";
        }

        if (a.TServer.Addp.TimeoutSeconds != b.TServer.Addp.TimeoutSeconds || a.TServer.Addp.RemoteTimeoutSeconds != b.TServer.Addp.RemoteTimeoutSeconds
            || a.TServer.Addp.Trace != b.TServer.Addp.Trace)
        {
            yield return "TServer:Addp";
        }

        if (a.TServer.ApplicationName != b.TServer.ApplicationName)
        {
            yield return "TServer:ApplicationName";
        }

        if (!string.Equals(a.HighAvailability.Role, b.HighAvailability.Role, StringComparison.OrdinalIgnoreCase))
        {
            yield return "HighAvailability:Role";
        }

        if (Describe(a.Switches) != Describe(b.Switches))
        {
            yield return "Switches";
        }

        if (a.Demo.CallsPerSecond != b.Demo.CallsPerSecond || a.Demo.Simulator != b.Demo.Simulator)
        {
            yield return "Demo";
        }
    }
}
