using Microsoft.Extensions.Logging;

namespace CtiGateway.Switching;

/// <summary>Log lines of hardware-error storms (event ids 4500-4549).</summary>
internal static partial class SwitchingLog
{
    [LoggerMessage(EventId = 4500, Level = LogLevel.Warning, Message = "Switch {Switch}: link {Link} dropped for an error storm: {Detail}")]
    public static partial void ErrorStormDrop(ILogger logger, string @switch, string link, string detail);
}
