using Microsoft.Extensions.Logging;

namespace CtiGateway.Orchestration;

/// <summary>The queue: module's log lines; ids 5050-5069 (docs/operations.md).</summary>
internal static partial class QueueLog
{
    [LoggerMessage(EventId = 5050, Level = LogLevel.Debug, Message = "Session {SessionId}: queue:submit {RequestId} waits for {Targets} (priority {Priority}, timeout {Timeout})")]
    public static partial void Queued(ILogger logger, string sessionId, string requestId, string targets, int priority, string timeout);

    [LoggerMessage(EventId = 5051, Level = LogLevel.Debug, Message = "Session {SessionId}: queue:submit {RequestId} selected {Selected} ({Component}) after {Seconds} s")]
    public static partial void Selected(ILogger logger, string sessionId, string requestId, string selected, string component, double seconds);

    [LoggerMessage(EventId = 5052, Level = LogLevel.Information, Message = "Session {SessionId}: queue:submit {RequestId} timed out after {Seconds} s: no target of {Targets} became available")]
    public static partial void TimedOut(ILogger logger, string sessionId, string requestId, double seconds, string targets);

    [LoggerMessage(EventId = 5053, Level = LogLevel.Warning, Message = "Session {SessionId}: queue:submit {RequestId} could not route to {Selected}: {Reason}")]
    public static partial void RouteFailed(ILogger logger, string sessionId, string requestId, string selected, string reason);

    [LoggerMessage(EventId = 5054, Level = LogLevel.Information, Message = "Session {SessionId}: queue:submit {RequestId} refused: {Reason}")]
    public static partial void Refused(ILogger logger, string sessionId, string requestId, string reason);

    [LoggerMessage(EventId = 5055, Level = LogLevel.Debug, Message = "Session {SessionId}: queue:submit {RequestId} left the queue: {How}")]
    public static partial void Left(ILogger logger, string sessionId, string requestId, string how);
}
