using Microsoft.Extensions.Logging;

namespace CtiGateway.Daemon;

/// <summary>The daemon's log lines. Event ids are fixed forever; never reuse or rename one.</summary>
internal static partial class DaemonLog
{
    [LoggerMessage(1, LogLevel.Information, "CtiGateway {Version} ready: T-Library server on {Endpoint}, port {Port}, role {Role}", EventName = "Ready")]
    public static partial void Ready(ILogger logger, string version, string endpoint, int port, string role);

    [LoggerMessage(2, LogLevel.Information, "Stopping: {Reason}", EventName = "Stopping")]
    public static partial void Stopping(ILogger logger, string reason);

    [LoggerMessage(3, LogLevel.Information, "Stopped cleanly", EventName = "Stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(4, LogLevel.Information, "SIGHUP received: reloading configuration from {ConfigFile}", EventName = "ReloadRequested")]
    public static partial void ReloadRequested(ILogger logger, string configFile);

    [LoggerMessage(5, LogLevel.Warning, "Reload rejected, the running configuration stays in force: {Problem}", EventName = "ReloadRejected")]
    public static partial void ReloadRejected(ILogger logger, string problem);

    [LoggerMessage(6, LogLevel.Warning, "{Key} requires restart; keeping the running value", EventName = "ReloadNeedsRestart")]
    public static partial void ReloadNeedsRestart(ILogger logger, string key);

    [LoggerMessage(7, LogLevel.Information, "Reload applied: log level {Level}", EventName = "ReloadApplied")]
    public static partial void ReloadApplied(ILogger logger, string level);

    [LoggerMessage(8, LogLevel.Critical, "Cannot start the T-Library server on {Endpoint}: {Reason}", EventName = "StartFailed")]
    public static partial void StartFailed(ILogger logger, string endpoint, string reason);

    // EventId 9 (DemoNoLinks, "demo has no switch links") is retired: the demo now runs a simulated PBX over a real link.

    [LoggerMessage(10, LogLevel.Information, "SIGHUP received with no config file (demo): nothing to reload", EventName = "ReloadNothing")]
    public static partial void ReloadNothing(ILogger logger);

    [LoggerMessage(11, LogLevel.Information, "Demo appliance: embedded PBX simulator (switch tel_sw, profile {Profile}) listening on {Endpoint}, inbound calls to 3001 at {CallsPerSecond}/s", EventName = "DemoSimulatorStarted")]
    public static partial void DemoSimulatorStarted(ILogger logger, string profile, string endpoint, double callsPerSecond);

    [LoggerMessage(12, LogLevel.Information, "Demo appliance: using the PBX simulator at {Endpoint} for switch tel_sw", EventName = "DemoExternalSimulator")]
    public static partial void DemoExternalSimulator(ILogger logger, string endpoint);

    [LoggerMessage(13, LogLevel.Error, "Switch links cannot start: {Reason}", EventName = "SwitchLinksFailed")]
    public static partial void SwitchLinksFailed(ILogger logger, string reason);

    // EventIds 60-99: configuration, reload and logging (issue 5). 90-94 are the T-Library protocol trace (CtiGateway.Server
    // ProtocolTraceLog); 95-99 the log rate limit (Logging/DaemonLog.RateLimit.cs).

    [LoggerMessage(60, LogLevel.Information, "Reload applied: logging {Levels}", EventName = "ReloadLogging")]
    public static partial void ReloadLogging(ILogger logger, string levels);

    [LoggerMessage(61, LogLevel.Information, "SIGHUP received with no config file (demo): re-reading the firmware profiles", EventName = "ReloadProfilesOnly")]
    public static partial void ReloadProfilesOnly(ILogger logger);

    [LoggerMessage(62, LogLevel.Debug, "Config file {ConfigFile} could not be read on reload", EventName = "ReloadReadFailure")]
    public static partial void ReloadReadFailure(ILogger logger, string configFile, Exception exception);

    // Ids 4250-4299 (the switching range) for the demo's switch links, so they never collide with other daemon ids.
    [LoggerMessage(4250, LogLevel.Information, "Demo appliance: switch {Switch} uses the {Kind} PBX simulator at {Endpoint} (profile {Profile})", EventName = "DemoSwitchSimulator")]
    public static partial void DemoSwitchSimulator(ILogger logger, string @switch, string kind, string endpoint, string profile);

    [LoggerMessage(4251, LogLevel.Information, "Demo appliance: tel_sw traffic: {Traffic}", EventName = "DemoTraffic")]
    public static partial void DemoTraffic(ILogger logger, string traffic);

    [LoggerMessage(1300, LogLevel.Information, "Demo appliance: tel_sw traffic started: the gateway monitors the {Count} DNs of the calls' path (route point {RoutePoint}, queue {Queue}, its agents)", EventName = "DemoTrafficStarted")]
    public static partial void DemoTrafficStarted(ILogger logger, int count, string routePoint, string queue);

    [LoggerMessage(5100, LogLevel.Information, "Demo appliance: tel_sw direct calls started: an outside caller dials extension {Dn} every {IntervalSeconds} s, the first in {FirstSeconds} s (a busy extension is not offered the call)", EventName = "DemoDirectCallsStarted")]
    public static partial void DemoDirectCallsStarted(ILogger logger, string dn, double intervalSeconds, double firstSeconds);
}
