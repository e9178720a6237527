using CtiGateway.Protocol;
using CtiGateway.Server;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CtiGateway.Daemon;

/// <summary>Validates the configuration, then builds and runs the host. Invalid config exits 2 before any port is bound.</summary>
internal static class DaemonRunner
{
    public static async Task<int> RunAsync(DaemonCommandLine commandLine)
    {
        var problems = new List<string>();
        var syntaxProblems = new List<string>();
        var positions = new ConfigKeyPositions();
        var configuration = GatewayConfiguration.Build(commandLine, problems, syntaxProblems, positions: positions);
        GatewaySettings? settings = null;
        if (configuration is not null)
        {
            var profileBase = commandLine.ConfigFile is { } file ? Path.GetDirectoryName(Path.GetFullPath(file)) : null;
            problems.AddRange(ConfigValidator.Validate(configuration, out settings, profileBase, checkPorts: true));
        }

        if (problems.Count > 0 || settings is null || configuration is null)
        {
            // A JSON mistake is FILE:LINE:COL: message on its own, the form editors jump to (as ctigw profile validate).
            foreach (var p in syntaxProblems)
            {
                await Console.Error.WriteLineAsync(p).ConfigureAwait(false);
            }

            // A problem with a value from the file is FILE:LINE:COL: KEY:PATH: reason, pointing at that value.
            foreach (var p in problems)
            {
                await Console.Error.WriteLineAsync(positions.Locate(p) ?? $"ctigatewayd: config: {p}").ConfigureAwait(false);
            }

            return ExitCodes.Usage;
        }

        if (commandLine.CheckOnly)
        {
            await Console.Out.WriteLineAsync($"{commandLine.ConfigFile}: configuration is valid").ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        var levels = new LogLevels();
        levels.Apply(settings.Logging);
        await using var serilog = LoggingSetup.CreateLogger(levels);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddConfiguration(configuration);
        builder.Services.AddSystemd();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(4));
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Trace);
        builder.Logging.AddProvider(LoggingSetup.CreateProvider(serilog, levels));
        builder.Services.AddSingleton(commandLine);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(levels);
        builder.Services.AddSingleton(SystemdNotifier.FromEnvironment());
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => new TlibServer(settings.TServer, sp.GetRequiredService<ILoggerFactory>(), sp.GetRequiredService<TimeProvider>())
        {
            ServerVersion = DaemonInfo.Version,
            ProtocolTrace = sp.GetRequiredService<ILoggerFactory>().CreateLogger(TlibServer.ProtocolTraceCategory),
            Role = string.Equals(settings.HighAvailability.Role, "backup", StringComparison.OrdinalIgnoreCase) ? ServerRole.Backup : ServerRole.Primary,
        });
        builder.Services.AddSingleton<LivenessRegistry>();
        builder.Services.AddSingleton<FaultInjection>();
        builder.Services.AddSingleton<SwitchLinksHostedService>();
        builder.Services.AddSingleton<OrchestrationHostedService>();
        builder.Services.AddSingleton<RuntimeState>();
        builder.Services.AddSingleton<GatewayMetrics>();
        builder.Services.AddSingleton<ReloadNotifications>();
        builder.Services.AddHostedService<ReloadHandler>();
        builder.Services.AddHostedService<ControlSocketService>();
        builder.Services.AddHostedService<TServerHostedService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SwitchLinksHostedService>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OrchestrationHostedService>());
        builder.Services.AddHostedService<PrometheusEndpointService>();
        builder.Services.AddHostedService<WatchdogService>();

        using var host = builder.Build();
        await host.RunAsync().ConfigureAwait(false);
        return Environment.ExitCode;
    }
}
