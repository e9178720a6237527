using Microsoft.Extensions.Logging;

namespace CtiGateway.Switching;

/// <summary>Log messages of the switch links (EventIds 4000-4099).</summary>
internal static partial class SwitchingLog
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "Switch {Switch}: link {Link} {State} ({Reason})")]
    public static partial void LinkState(ILogger logger, string @switch, string link, string state, string reason);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Switch {Switch}: active link is now {Link} ({Reason})")]
    public static partial void ActiveLinkChanged(ILogger logger, string @switch, string link, string reason);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Switch {Switch}: no link up ({Reason})")]
    public static partial void NoLinkUp(ILogger logger, string @switch, string reason);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Switch {Switch}: hardware error on link {Link}: {Cause}: {Detail}")]
    public static partial void HardwareError(ILogger logger, string @switch, string link, string cause, string detail);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "Switch {Switch}: MonitorStart sent for {Count} DNs on link {Link}")]
    public static partial void MonitorsStarted(ILogger logger, string @switch, int count, string link);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information, Message = "Switch {Switch}: profile {Profile}, {LinkCount} link(s)")]
    public static partial void SwitchConfigured(ILogger logger, string @switch, string profile, int linkCount);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Debug, Message = "Switch {Switch}: reconnect on link {Link} in {Delay}")]
    public static partial void ReconnectScheduled(ILogger logger, string @switch, string link, TimeSpan delay);
}
