using System.Net;
using Microsoft.Extensions.Logging;

namespace CtiGateway.Client;

/// <summary>Log messages of the client library. EventIds 2000-2099 are fixed: never reuse or renumber one.</summary>
internal static partial class TServerClientLog
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Debug, Message = "Connecting to T-Server {EndPoint}")]
    public static partial void Connecting(ILogger logger, EndPoint endPoint);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Connected to T-Server {EndPoint} as {ApplicationName}: {LinkEvent}")]
    public static partial void Connected(ILogger logger, EndPoint endPoint, string applicationName, string linkEvent);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Could not connect to T-Server {EndPoint}: {Reason}")]
    public static partial void ConnectFailed(ILogger logger, EndPoint endPoint, string reason);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Connection to T-Server {EndPoint} lost: {Reason}")]
    public static partial void ConnectionLost(ILogger logger, EndPoint endPoint, string reason);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Reconnect attempt {Attempt} in {DelayMs} ms")]
    public static partial void ReconnectScheduled(ILogger logger, int attempt, long delayMs);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "Reconnect attempt {Attempt} failed: {Reason}")]
    public static partial void ReconnectFailed(ILogger logger, int attempt, string reason);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Information, Message = "Restored {Count} registrations on T-Server {EndPoint}")]
    public static partial void RegistrationsRestored(ILogger logger, int count, EndPoint endPoint);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Warning, Message = "Could not restore {Request} for DN {ThisDN}: {Reason}")]
    public static partial void RestoreFailed(ILogger logger, string request, string? thisDN, string reason);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Warning, Message = "Undecodable message from T-Server {EndPoint} skipped: {Reason}")]
    public static partial void UndecodableMessage(ILogger logger, EndPoint endPoint, string reason);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Warning, Message = "Event buffer full: dropped the oldest event ({Dropped} dropped so far)")]
    public static partial void EventsDropped(ILogger logger, long dropped);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Debug, Message = "ADDP hello sent to {EndPoint}: timeout {TimeoutSeconds} s, remote timeout {RemoteTimeoutSeconds} s, trace {Trace}")]
    public static partial void AddpHelloSent(ILogger logger, EndPoint endPoint, int timeoutSeconds, int remoteTimeoutSeconds, Protocol.AddpTrace trace);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Information, Message = "ADDP poll {Sequence} sent to {EndPoint}")]
    public static partial void AddpPollSent(ILogger logger, uint sequence, EndPoint endPoint);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Information, Message = "ADDP poll {Sequence} received from {EndPoint}, replying")]
    public static partial void AddpPollReceived(ILogger logger, uint sequence, EndPoint endPoint);

    [LoggerMessage(EventId = 2013, Level = LogLevel.Information, Message = "ADDP reply {Sequence} received from {EndPoint}")]
    public static partial void AddpReplyReceived(ILogger logger, uint sequence, EndPoint endPoint);

    [LoggerMessage(EventId = 2014, Level = LogLevel.Warning, Message = "ADDP: T-Server {EndPoint} did not answer within {TimeoutSeconds} s; dropping the connection")]
    public static partial void AddpConnectionLost(ILogger logger, EndPoint endPoint, double timeoutSeconds);

    [LoggerMessage(EventId = 2015, Level = LogLevel.Error, Message = "Protocol error from T-Server {EndPoint}; closing the connection: {Reason}")]
    public static partial void ProtocolFault(ILogger logger, EndPoint endPoint, string reason);

    [LoggerMessage(EventId = 2016, Level = LogLevel.Warning, Message = "Could not encode {Request} (ReferenceID {ReferenceID}): {Reason}")]
    public static partial void EncodeFailed(ILogger logger, string request, int referenceID, string reason);

    [LoggerMessage(EventId = 2017, Level = LogLevel.Debug, Message = "T-Server client disposed")]
    public static partial void Disposed(ILogger logger);

    [LoggerMessage(EventId = 2018, Level = LogLevel.Information, Message = "ADDP hello received from {EndPoint}: poll timeout now {TimeoutSeconds} s")]
    public static partial void AddpHelloReceived(ILogger logger, EndPoint endPoint, int timeoutSeconds);
}
