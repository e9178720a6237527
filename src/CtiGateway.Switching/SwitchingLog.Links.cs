using Microsoft.Extensions.Logging;

namespace CtiGateway.Switching;

/// <summary>Log messages of serial and dial-in links (EventIds 4100-4199).</summary>
internal static partial class SwitchingLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "Switch {Switch}: link {Link} on serial {Device}, {LinkLayer}, {Line}")]
    public static partial void SerialLinkConfigured(ILogger logger, string @switch, string link, string device, string linkLayer, string line);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Switch {Switch}: link {Link} listening on {Endpoint} for the PBX to dial in")]
    public static partial void DialInListening(ILogger logger, string @switch, string link, string endpoint);
}
