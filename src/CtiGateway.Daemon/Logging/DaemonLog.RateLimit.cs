using Microsoft.Extensions.Logging;

namespace CtiGateway.Daemon;

/// <summary>The log rate limit's own line (event ids 95-99).</summary>
internal static partial class DaemonLog
{
    /// <summary>Written in the category of the suppressed lines, at the highest level among them.</summary>
    [LoggerMessage(EventId = 95, Message = "Suppressed {Count} lines of event id {RepeatedEventId} ({Category}) within 1 s: at most {Limit} per second are written (Logging:RateLimitPerSecond)", EventName = "LinesSuppressed")]
    public static partial void LinesSuppressed(ILogger logger, LogLevel level, long count, int repeatedEventId, string category, int limit);
}
