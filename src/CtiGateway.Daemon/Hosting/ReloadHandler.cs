using System.Collections;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;
using CtiGateway.Switching;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CtiGateway.Daemon;

/// <summary>
/// SIGHUP: an unhandled SIGHUP kills a .NET process (exit 129), so it is always registered here. It re-reads and
/// re-validates the config file and the firmware profiles; a config with errors keeps the running one and each
/// problem is logged. Switches whose profile or links changed restart their links (only theirs); log levels and
/// areas apply at once; any other changed key is logged as "KEY requires restart" and keeps its running value.
/// </summary>
internal sealed class ReloadHandler : IHostedService, IDisposable
{
    /// <summary>Key prefixes applied by a reload; every other key needs a restart (docs/configuration.md).</summary>
    internal static readonly string[] ReloadableKeys =
        ["Logging", "Switches", "AgentGroups", "Orchestration:DefaultStrategy", "Orchestration:MaxSessions", "Orchestration:SessionTtlSeconds", "Orchestration:RequestTimeoutSeconds"];

    private readonly DaemonCommandLine _commandLine;
    private readonly LogLevels _levels;
    private readonly ILogger<ReloadHandler> _logger;
    private readonly GatewaySettings _running;
    private readonly SwitchLinksHostedService _switchLinks;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly ReloadNotifications? _notifications;
    private readonly OrchestrationHostedService? _orchestration;
    private PosixSignalRegistration? _registration;

    public ReloadHandler(DaemonCommandLine commandLine, LogLevels levels, GatewaySettings running, SwitchLinksHostedService switchLinks, ILogger<ReloadHandler> logger, ReloadNotifications? notifications = null, OrchestrationHostedService? orchestration = null)
    {
        _orchestration = orchestration;
        _notifications = notifications;
        _commandLine = commandLine;
        _levels = levels;
        _running = running;
        _switchLinks = switchLinks;
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _registration = PosixSignalRegistration.Create(PosixSignal.SIGHUP, ctx =>
        {
            ctx.Cancel = true;
            _ = Task.Run(ReloadAsync, CancellationToken.None);
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => _stopping.CancelAsync();

    public void Dispose()
    {
        _registration?.Dispose();
        _gate.Dispose();
        _stopping.Dispose();
    }

    /// <summary>Re-reads the config and the profiles; never throws.</summary>
    internal async Task ReloadAsync()
    {
        try
        {
            await _gate.WaitAsync(_stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var applied = false;
        _notifications?.Begin();
        try
        {
            if (_commandLine.ConfigFile is null)
            {
                // The demo: no file to re-read, but the firmware profile is re-read (a changed one restarts its links).
                DaemonLog.ReloadProfilesOnly(_logger);
                await _switchLinks.ApplyAsync(_running.Switches, _running.ProfileBaseDirectory, _stopping.Token).ConfigureAwait(false);

                // And the strategies are read again (a changed demo strategy applies to new calls).
                if (_orchestration is not null)
                {
                    await _orchestration.ApplyAsync(_running, _stopping.Token).ConfigureAwait(false);
                }

                applied = true;
                return;
            }

            DaemonLog.ReloadRequested(_logger, _commandLine.ConfigFile);
            var problems = new List<string>();
            var failures = new List<Exception>();
            var positions = new ConfigKeyPositions();
            var configuration = GatewayConfiguration.Build(_commandLine, problems, problems, failures, positions);
            GatewaySettings? next = null;
            if (configuration is not null)
            {
                problems.AddRange(ConfigValidator.Validate(configuration, out next, Path.GetDirectoryName(Path.GetFullPath(_commandLine.ConfigFile))));
            }

            if (problems.Count > 0 || next is null)
            {
                foreach (var p in problems)
                {
                    DaemonLog.ReloadRejected(_logger, positions.Locate(p) ?? p);
                }

                foreach (var ex in failures)
                {
                    DaemonLog.ReloadReadFailure(_logger, _commandLine.ConfigFile, ex);
                }

                return;
            }

            await ApplyAsync(next).ConfigureAwait(false);
            applied = true;
        }
        catch (SwitchConfigException ex)
        {
            DaemonLog.ReloadRejected(_logger, "Switches: " + ex.Message);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            DaemonLog.ReloadRejected(_logger, ex.Message);
        }
        finally
        {
            _notifications?.End(applied);
            _gate.Release();
        }
    }

    /// <summary>
    /// The keys whose value differs between <paramref name="a"/> and <paramref name="b"/> and that a reload cannot
    /// apply: every leaf key outside <see cref="ReloadableKeys"/> (lists compare as a whole).
    /// </summary>
    internal static IEnumerable<string> RestartKeys(GatewaySettings a, GatewaySettings b)
    {
        var changed = new List<string>();
        Diff(a, b, typeof(GatewaySettings), string.Empty, changed);
        return changed.Where(k => !ReloadableKeys.Any(r => k == r || k.StartsWith(r + ":", StringComparison.Ordinal)));
    }

    private async Task ApplyAsync(GatewaySettings next)
    {
        // Switches first: a profile that cannot be loaded now rejects the whole reload (SwitchConfigException).
        await _switchLinks.ApplyAsync(next.Switches, next.ProfileBaseDirectory, _stopping.Token).ConfigureAwait(false);
        _running.Switches = next.Switches;
        _running.ProfileBaseDirectory = next.ProfileBaseDirectory;
        _running.AgentGroups = next.AgentGroups;
        _switchLinks.ApplyAgentGroups(next.AgentGroups);

        // Strategies after the switches, so that routing points the reload added get theirs. A strategy that does not
        // load was already refused by the validation; one that broke since is logged and the running ones stay.
        if (_orchestration is not null)
        {
            await _orchestration.ApplyAsync(next, _stopping.Token).ConfigureAwait(false);
        }

        foreach (var key in RestartKeys(_running, next))
        {
            DaemonLog.ReloadNeedsRestart(_logger, key);
        }

        // The strategies and limits are in force; Orchestration:Enabled keeps its running value.
        next.Orchestration.Enabled = _running.Orchestration.Enabled;
        _running.Orchestration = next.Orchestration;

        _running.Logging = next.Logging;
        _levels.Apply(next.Logging);
        DaemonLog.ReloadApplied(_logger, _levels.Global.MinimumLevel.ToString());
        DaemonLog.ReloadLogging(_logger, _levels.Describe());
    }

    private static void Diff(object? a, object? b, Type type, string path, List<string> changed)
    {
        if (a is null || b is null)
        {
            if (!ReferenceEquals(a, b))
            {
                changed.Add(path);
            }

            return;
        }

        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.SetMethod is { IsPublic: true }))
        {
            var key = path.Length == 0 ? p.Name : path + ":" + p.Name;
            var t = p.PropertyType;
            var va = p.GetValue(a);
            var vb = p.GetValue(b);
            if (t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal))
            {
                if (!Equals(va, vb))
                {
                    changed.Add(key);
                }
            }
            else if (typeof(IEnumerable).IsAssignableFrom(t))
            {
                if (JsonSerializer.Serialize(va) != JsonSerializer.Serialize(vb))
                {
                    changed.Add(key);
                }
            }
            else
            {
                Diff(va, vb, t, key, changed);
            }
        }
    }
}
