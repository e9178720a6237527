using Microsoft.Extensions.Logging;

namespace CtiGateway.Orchestration;

/// <summary>Orchestration's log lines; ids 5000-5049 (docs/operations.md).</summary>
internal static partial class OrchestrationLog
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Orchestration: {Count} route points run strategies: {Strategies}")]
    public static partial void Started(ILogger logger, int count, string strategies);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Orchestration: strategies reloaded; {Count} route points run strategies: {Strategies}; running sessions keep their document")]
    public static partial void Reloaded(ILogger logger, int count, string strategies);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Orchestration: cannot register DN {Dn} at the T-Server: {Reason}")]
    public static partial void RegisterFailed(ILogger logger, string dn, string reason);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Session {SessionId} ConnID {ConnId}: {Label} {Text}")]
    public static partial void StrategyLog(ILogger logger, string sessionId, string connId, string label, string text);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Debug, Message = "Session {SessionId} started: strategy {Strategy}, ConnID {ConnId} at route point {RoutePoint}")]
    public static partial void SessionStarted(ILogger logger, string sessionId, string strategy, string connId, string routePoint);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Debug, Message = "Session {SessionId} ended: {How}")]
    public static partial void SessionEnded(ILogger logger, string sessionId, string how);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Warning, Message = "Session {SessionId} failed: {Reason}")]
    public static partial void SessionFailed(ILogger logger, string sessionId, string reason);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Warning, Message = "Orchestration: {Live} sessions are alive (MaxSessions {Max}); ConnID {ConnId} at route point {RoutePoint} gets no session and is left to the route point's default destination")]
    public static partial void SessionLimit(ILogger logger, int live, int max, string connId, string routePoint);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Warning, Message = "Orchestration: the T-Server connection ended: {Reason}")]
    public static partial void EventLoopEnded(ILogger logger, string reason);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Warning, Message = "Session {SessionId}: attaching OP-Session-ID to ConnID {ConnId} failed: {Reason}")]
    public static partial void AttachSessionIdFailed(ILogger logger, string sessionId, string connId, string reason);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Information, Message = "Session {SessionId} ended by its time-to-live of {Seconds} s")]
    public static partial void SessionExpired(ILogger logger, string sessionId, double seconds);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Information, Message = "Session {SessionId} killed by the operator")]
    public static partial void SessionKilled(ILogger logger, string sessionId);

    [LoggerMessage(EventId = 5012, Level = LogLevel.Debug, Message = "Session {SessionId}: interaction {From} merged into {To} ({Type})")]
    public static partial void InteractionsMerged(ILogger logger, string sessionId, string from, string to, string type);
}
