using Microsoft.Extensions.Logging;

namespace CtiGateway.Switching;

/// <summary>Log messages of DMCC device-id resolution and application-session log-in (EventIds 4400-4449).</summary>
internal static partial class SwitchingLog
{
    [LoggerMessage(EventId = 4400, Level = LogLevel.Warning, Message = "Switch {Switch}: GetDeviceId for DN {DN} failed on link {Link} ({Cause}): {Detail}; DN {DN} is not monitored")]
    public static partial void DeviceIdRefused(ILogger logger, string @switch, string dn, string link, string cause, string detail);

    [LoggerMessage(EventId = 4401, Level = LogLevel.Information, Message = "Switch {Switch}: GetDeviceId resolved {Resolved} of {Total} DNs on link {Link} ({Failed} refused)")]
    public static partial void DeviceIdsResolved(ILogger logger, string @switch, int resolved, int total, string link, int failed);

    [LoggerMessage(EventId = 4402, Level = LogLevel.Trace, Message = "Switch {Switch}: link {Link} GetDeviceId {DN} -> {DeviceId}")]
    public static partial void LinkTraceDeviceId(ILogger logger, string @switch, string link, string dn, string deviceId);

    [LoggerMessage(EventId = 4403, Level = LogLevel.Information, Message = "Switch {Switch}: application session log-in as user {UserName} (password from {PasswordSource}), application id {ApplicationId}")]
    public static partial void SessionLogin(ILogger logger, string @switch, string userName, string passwordSource, string applicationId);
}
