using Microsoft.Extensions.Logging;

namespace CtiGateway.Scxml;

/// <summary>Log messages of the SCXML runtime (event ids 6000-6199; data model parking 6300-6349).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 6000, Level = LogLevel.Debug, Message = "SCXML session {SessionId} started ({Document})")]
    public static partial void SessionStarted(ILogger logger, string sessionId, string document);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Debug, Message = "SCXML session {SessionId} ended: {End} {FinalState}")]
    public static partial void SessionEnded(ILogger logger, string sessionId, ScxmlSessionEnd end, string? finalState);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Debug, Message = "SCXML session {SessionId}: {ErrorEvent} at line {Line} column {Column}: {Reason}")]
    public static partial void ErrorEvent(ILogger logger, string sessionId, string errorEvent, int line, int column, string reason);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "SCXML session {SessionId} stopped: {Reason}")]
    public static partial void SessionFailed(ILogger logger, string sessionId, string reason);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Information, Message = "SCXML session {SessionId} log {Label}: {Value}")]
    public static partial void ChartLog(ILogger logger, string sessionId, string? label, string value);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Information, Message = "SCXML BasicHTTP I/O processor listening on {Location}")]
    public static partial void HttpListening(ILogger logger, string location);

    [LoggerMessage(EventId = 6006, Level = LogLevel.Warning, Message = "SCXML BasicHTTP request refused: {Reason}")]
    public static partial void HttpRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 6300, Level = LogLevel.Trace, Message = "SCXML session {SessionId}: data model parked ({Variables} variables), engine released until the next event needs it")]
    public static partial void DataModelParked(ILogger logger, string sessionId, int variables);
}
