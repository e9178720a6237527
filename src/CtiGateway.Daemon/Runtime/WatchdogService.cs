using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CtiGateway.Daemon;

/// <summary>
/// Probes every registered loop (<see cref="LivenessRegistry"/>) once per period and, when systemd asked for a watchdog
/// (WATCHDOG_USEC with NOTIFY_SOCKET), sends WATCHDOG=1 at half the interval, but only after a round in which every
/// loop answered. A stuck loop therefore stops the pings and systemd restarts the daemon; a PBX outage does not,
/// because a link supervisor that is reconnecting still answers. Also keeps systemd's STATUS= line current. Without a
/// watchdog the loops are still probed every 5 s so <c>ctigw status</c> can show them.
/// </summary>
internal sealed class WatchdogService : BackgroundService
{
    private static readonly TimeSpan UnsupervisedPeriod = TimeSpan.FromSeconds(5);

    private readonly RuntimeState _state;
    private readonly SystemdNotifier _notifier;
    private readonly TimeProvider _time;
    private readonly ILogger<WatchdogService> _logger;
    private readonly WatchdogEnvironment _environment;

    public WatchdogService(RuntimeState state, SystemdNotifier notifier, TimeProvider time, ILogger<WatchdogService> logger)
    {
        _state = state;
        _notifier = notifier;
        _time = time;
        _logger = logger;
        _environment = WatchdogEnvironment.FromEnvironment(notifier.Enabled);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_state.Server.LocalEndPoint is null)
        {
            return; // The T-Library server did not start; the host is stopping.
        }

        var interval = _environment.Interval;
        if (_environment.Problem is { } problem)
        {
            RuntimeLog.WatchdogIgnored(_logger, problem);
        }

        // Half the interval, as sd_watchdog_enabled(3) recommends; never busier than every 50 ms.
        var period = interval is { } i ? TimeSpan.FromTicks(Math.Max(i.Ticks / 2, TimeSpan.FromMilliseconds(50).Ticks)) : UnsupervisedPeriod;
        _state.WatchdogInterval = interval;
        if (interval is not null)
        {
            RuntimeLog.WatchdogEnabled(_logger, (long)interval.Value.TotalMilliseconds, (long)period.TotalMilliseconds, string.Join(", ", _state.Liveness.Names));
        }

        string? lastStatus = null;
        var silentBefore = Array.Empty<string>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var started = _time.GetTimestamp();
                var silent = await _state.Liveness.ProbeAsync(period, stoppingToken).ConfigureAwait(false);
                _state.RecordProbeRound(silent);
                if (silent.Count == 0)
                {
                    if (interval is not null && _notifier.Notify("WATCHDOG=1"))
                    {
                        _state.RecordPing();
                    }

                    if (silentBefore.Length > 0)
                    {
                        RuntimeLog.WatchdogRecovered(_logger, string.Join(", ", _state.Liveness.Names));
                    }
                }
                else if (!silent.SequenceEqual(silentBefore, StringComparer.Ordinal))
                {
                    RuntimeLog.WatchdogLoopsSilent(_logger, (long)period.TotalMilliseconds, string.Join(", ", silent));
                }

                silentBefore = [.. silent];
                var status = _state.Summary();
                if (status != lastStatus && _notifier.Notify("STATUS=" + status))
                {
                    lastStatus = status;
                }

                var rest = period - _time.GetElapsedTime(started);
                if (rest > TimeSpan.Zero)
                {
                    await Task.Delay(rest, _time, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: STOPPING=1 is sent by the T-Library service.
        }
    }
}
