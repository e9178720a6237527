using Microsoft.Extensions.Logging;

namespace CtiGateway.Switching;

/// <summary>Log lines of the resynchronisation after a reconnect and of request overload (event ids 4690-4699).</summary>
internal static partial class SwitchingLog
{
    [LoggerMessage(EventId = 4690, Level = LogLevel.Warning, Message = "Switch {Switch}: the SnapshotDevice round of {Devices} devices on link {Link} takes longer than {LimitSeconds} s; EventLinkConnected is sent now and calls are resynchronised as the answers come")]
    public static partial void ResyncSlow(ILogger logger, string @switch, string link, double limitSeconds, int devices);

    [LoggerMessage(EventId = 4691, Level = LogLevel.Warning, Message = "Switch {Switch}: client {ClientId} ({Client}) has {Max} requests in progress; {Refused} of its requests refused with TERR_TOO_MANY_REQ since the last such line")]
    public static partial void ClientOverloaded(ILogger logger, string @switch, int clientId, string client, int max, int refused);
}
