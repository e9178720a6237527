using Microsoft.Extensions.Logging;

namespace CtiGateway.Switching;

/// <summary>Log lines of the SnapshotDevice round after a failover or reconnect (event ids 4450-4451).</summary>
internal static partial class SwitchingLog
{
    [LoggerMessage(EventId = 4450, Level = LogLevel.Information, Message = "Switch {Switch}: SnapshotDevice on link {Link}: {Answered} of {Devices} devices answered, {Connections} connections in progress, {Failed} failed")]
    public static partial void SnapshotsTaken(ILogger logger, string @switch, string link, int answered, int devices, int connections, int failed);

    [LoggerMessage(EventId = 4451, Level = LogLevel.Warning, Message = "Switch {Switch}: SnapshotDevice {Device} on link {Link} answered {Answer}")]
    public static partial void SnapshotRefused(ILogger logger, string @switch, string link, string device, string answer);
}
