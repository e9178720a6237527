using Microsoft.Extensions.Logging;

namespace CtiGateway.Switching;

/// <summary>Log messages of switch reloads and link traces (EventIds 4300-4399).</summary>
internal static partial class SwitchingLog
{
    [LoggerMessage(EventId = 4300, Level = LogLevel.Trace, Message = "Switch {Switch}: link {Link} <- {Element} (invoke id {InvokeId}): {Message}")]
    public static partial void LinkTraceIn(ILogger logger, string @switch, string link, string element, int invokeId, string message);

    [LoggerMessage(EventId = 4301, Level = LogLevel.Information, Message = "Switch {Switch}: restarting its links ({Reason})")]
    public static partial void SwitchRestarting(ILogger logger, string @switch, string reason);

    [LoggerMessage(EventId = 4302, Level = LogLevel.Information, Message = "Switch {Switch}: added by reload")]
    public static partial void SwitchAdded(ILogger logger, string @switch);

    [LoggerMessage(EventId = 4303, Level = LogLevel.Information, Message = "Switch {Switch}: removed by reload; its links are stopped")]
    public static partial void SwitchRemoved(ILogger logger, string @switch);

    [LoggerMessage(EventId = 4304, Level = LogLevel.Information, Message = "Switch links reloaded: restarted [{Restarted}], added [{Added}], removed [{Removed}], unchanged [{Unchanged}]")]
    public static partial void SwitchesApplied(ILogger logger, string restarted, string added, string removed, string unchanged);

    [LoggerMessage(EventId = 4305, Level = LogLevel.Trace, Message = "Switch {Switch}: link {Link} -> MonitorStart {DN}")]
    public static partial void LinkTraceMonitorStart(ILogger logger, string @switch, string link, string dn);
}
