using Microsoft.Extensions.Logging;

namespace CtiGateway.Daemon;

/// <summary>
/// Log lines of the daemon's runtime side: control socket, systemd watchdog, metrics, test faults. Event ids 20-59 are
/// fixed forever; never reuse or rename one.
/// </summary>
internal static partial class RuntimeLog
{
    [LoggerMessage(20, LogLevel.Information, "Control socket listening on {Path} (mode 0660): ctigw status --control {Path}", EventName = "ControlListening")]
    public static partial void ControlListening(ILogger logger, string path);

    [LoggerMessage(21, LogLevel.Error, "Control socket {Path} cannot be created: {Reason}; ctigw status cannot reach this daemon (set Control:Socket to a writable path, or to empty to turn it off)", EventName = "ControlUnavailable")]
    public static partial void ControlUnavailable(ILogger logger, string path, string reason);

    [LoggerMessage(22, LogLevel.Information, "Control socket {Path}: replaced a stale socket file left by a daemon that is gone", EventName = "ControlStaleReplaced")]
    public static partial void ControlStaleReplaced(ILogger logger, string path);

    [LoggerMessage(23, LogLevel.Debug, "Control request: {Command}", EventName = "ControlRequest")]
    public static partial void ControlRequest(ILogger logger, string command);

    [LoggerMessage(24, LogLevel.Warning, "Control request rejected: {Reason}", EventName = "ControlRejected")]
    public static partial void ControlRejected(ILogger logger, string reason);

    [LoggerMessage(25, LogLevel.Information, "systemd watchdog: WATCHDOG_USEC={IntervalMs} ms; WATCHDOG=1 every {PeriodMs} ms while every loop answers its probe ({Loops})", EventName = "WatchdogEnabled")]
    public static partial void WatchdogEnabled(ILogger logger, long intervalMs, long periodMs, string loops);

    [LoggerMessage(26, LogLevel.Warning, "Watchdog: no answer within {TimeoutMs} ms from {Loops}; WATCHDOG=1 withheld (systemd restarts a daemon that stays silent for WatchdogSec)", EventName = "WatchdogLoopsSilent")]
    public static partial void WatchdogLoopsSilent(ILogger logger, long timeoutMs, string loops);

    [LoggerMessage(27, LogLevel.Information, "Watchdog: every loop answers again ({Loops})", EventName = "WatchdogRecovered")]
    public static partial void WatchdogRecovered(ILogger logger, string loops);

    [LoggerMessage(28, LogLevel.Warning, "systemd watchdog: {Problem}; no WATCHDOG=1 pings", EventName = "WatchdogIgnored")]
    public static partial void WatchdogIgnored(ILogger logger, string problem);

    [LoggerMessage(29, LogLevel.Information, "Prometheus metrics on {Url}metrics (meter CtiGateway)", EventName = "PrometheusListening")]
    public static partial void PrometheusListening(ILogger logger, string url);

    [LoggerMessage(30, LogLevel.Error, "Prometheus endpoint {Listen} cannot start: {Reason}; the daemon goes on without it (dotnet-counters still reads meter CtiGateway)", EventName = "PrometheusFailed")]
    public static partial void PrometheusFailed(ILogger logger, string listen, string reason);

    [LoggerMessage(31, LogLevel.Warning, "Test fault injection is enabled (Diagnostics:Faults:Enabled with CTIGW_TEST_FAULTS=1): never on a production system", EventName = "FaultsEnabled")]
    public static partial void FaultsEnabled(ILogger logger);

    [LoggerMessage(32, LogLevel.Warning, "Test fault {Fault}: {Action} (control socket)", EventName = "FaultChanged")]
    public static partial void FaultChanged(ILogger logger, string fault, string action);
}
