using Microsoft.Extensions.Logging;

namespace CtiGateway.Daemon;

/// <summary>
/// Log lines of the daemon's orchestration host (<see cref="OrchestrationHostedService"/>). Event ids 5070-5089 are
/// fixed forever; never reuse or rename one. The sessions' own lines are orchestration's, 5000-5049.
/// </summary>
internal static partial class OrchestrationHostLog
{
    [LoggerMessage(5070, LogLevel.Information, "Orchestration is off (Orchestration:Enabled=false): routing points are left to routers and their default destinations", EventName = "OrchestrationDisabled")]
    public static partial void Disabled(ILogger logger);

    [LoggerMessage(5071, LogLevel.Information, "Orchestration not started: no routing point has a strategy (set Switches:N:RoutePoints:M:Strategy or Orchestration:DefaultStrategy)", EventName = "OrchestrationNoStrategies")]
    public static partial void NoStrategies(ILogger logger);

    [LoggerMessage(5072, LogLevel.Error, "Orchestration cannot start: {Reason}; the daemon goes on without it (routing points are left to routers and their default destinations)", EventName = "OrchestrationStartFailed")]
    public static partial void StartFailed(ILogger logger, string reason);

    [LoggerMessage(5073, LogLevel.Error, "Orchestration strategy problem: {Problem}", EventName = "OrchestrationStrategyProblem")]
    public static partial void StrategyProblem(ILogger logger, string problem);

    [LoggerMessage(5074, LogLevel.Warning, "Orchestration not started: the switch layer offers no agent and DN directory (ITargetDirectory) for queue: targets and resources", EventName = "OrchestrationNoTargets")]
    public static partial void NoTargets(ILogger logger);

    [LoggerMessage(5075, LogLevel.Warning, "Strategy reload rejected, the running strategies stay in force: {Problem}", EventName = "OrchestrationReloadRejected")]
    public static partial void ReloadRejected(ILogger logger, string problem);

    [LoggerMessage(5076, LogLevel.Information, "Orchestration attached to the T-Library server in process as {Application}: {Count} routing points run strategies", EventName = "OrchestrationAttached")]
    public static partial void Attached(ILogger logger, string application, int count);

    [LoggerMessage(5077, LogLevel.Information, "Orchestration stopped: {Live} sessions were live; since start {Started} started, {Ended} ended, {Failed} failed", EventName = "OrchestrationStopped")]
    public static partial void Stopped(ILogger logger, int live, long started, long ended, long failed);

    [LoggerMessage(5078, LogLevel.Information, "Orchestration started by a reload: the new configuration gives routing points strategies", EventName = "OrchestrationStartedByReload")]
    public static partial void StartedByReload(ILogger logger);

    [LoggerMessage(5079, LogLevel.Warning, "Demo: route point 3001 runs no strategy: {Reason}", EventName = "DemoStrategyMissing")]
    public static partial void DemoStrategyMissing(ILogger logger, string reason);
}
