using Microsoft.Extensions.Logging;

namespace CtiGateway.Switching;

/// <summary>Log lines of features on DNs, DN service state and calls across switches (event ids 4850-4859).</summary>
internal static partial class SwitchingLog
{
    [LoggerMessage(EventId = 4850, Level = LogLevel.Information, Message = "Switch {Switch}: DN {Dn} is {State} ({Reason})")]
    public static partial void DnServiceChanged(ILogger logger, string @switch, string dn, string state, string reason);

    [LoggerMessage(EventId = 4851, Level = LogLevel.Debug, Message = "Switch {Switch}: MonitorStart again for {Count} DNs out of service on link {Link}")]
    public static partial void MonitorRetry(ILogger logger, string @switch, int count, string link);

    [LoggerMessage(EventId = 4852, Level = LogLevel.Information, Message = "Switch {Switch}: {Request} (ReferenceID {ReferenceId}) to DN {Dn} of switch {Target} goes over the trunk to {Destination}")]
    public static partial void CrossSwitchSent(ILogger logger, string @switch, string request, int referenceId, string dn, string target, string destination);

    [LoggerMessage(EventId = 4853, Level = LogLevel.Information, Message = "Switch {Switch}: call {CallId} arriving at DN {Dn} is the second leg of ConnID {ConnId} of switch {Source}; {Keys} user-data pairs carried over")]
    public static partial void CrossSwitchLinked(ILogger logger, string @switch, string callId, string dn, string connId, string source, int keys);

    [LoggerMessage(EventId = 4854, Level = LogLevel.Warning, Message = "Switch {Switch}: no call arrived at DN {Dn} within {Seconds} s for the cross-switch transfer of ConnID {ConnId} from switch {Source}; its user data is dropped")]
    public static partial void CrossSwitchExpired(ILogger logger, string @switch, string dn, double seconds, string connId, string source);

    [LoggerMessage(EventId = 4855, Level = LogLevel.Warning, Message = "Switch {Switch}: {Max} cross-switch transfers are waiting for their second leg; the oldest (ConnID {ConnId} to DN {Dn}) is dropped")]
    public static partial void CrossSwitchTableFull(ILogger logger, string @switch, int max, string connId, string dn);

    [LoggerMessage(EventId = 4856, Level = LogLevel.Warning, Message = "Switch {Switch}: {Element} for monitor {CrossRefId} (device {Device}) is ignored: {Why}")]
    public static partial void DnServiceEventIgnored(ILogger logger, string @switch, string element, string crossRefId, string device, string why);
}
