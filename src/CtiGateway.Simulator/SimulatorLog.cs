using System.Net;
using Microsoft.Extensions.Logging;

namespace CtiGateway.Simulator;

/// <summary>
/// Log lines of the PBX simulator. EventIds 3000-3099 are fixed: never renumber or reuse one; a retired id stays
/// here as a comment.
/// </summary>
internal static partial class SimulatorLog
{
    [LoggerMessage(3000, LogLevel.Information, "PBX simulator listening on {Endpoint} (CSTA-XML, namespace {Namespace})")]
    public static partial void Listening(ILogger logger, IPEndPoint endpoint, string @namespace);

    [LoggerMessage(3001, LogLevel.Information, "PBX simulator link {LinkId} connected from {RemoteEndPoint}")]
    public static partial void LinkConnected(ILogger logger, int linkId, EndPoint? remoteEndPoint);

    [LoggerMessage(3002, LogLevel.Information, "PBX simulator link {LinkId} closed: {Reason}")]
    public static partial void LinkClosed(ILogger logger, int linkId, string reason);

    [LoggerMessage(3003, LogLevel.Warning, "PBX simulator link {LinkId} framing error {Cause} at offset {Offset}: {Message}")]
    public static partial void FramingError(ILogger logger, int linkId, string cause, long offset, string message);

    [LoggerMessage(3004, LogLevel.Warning, "PBX simulator link {LinkId} invoke id {InvokeId}: unparseable request ({Cause}): {Message}")]
    public static partial void BadRequest(ILogger logger, int linkId, int invokeId, string cause, string message);

    [LoggerMessage(3005, LogLevel.Information, "PBX simulator link {LinkId} invoke id {InvokeId}: {Element} answered {Category}/{Value}: {Reason}")]
    public static partial void ServiceError(ILogger logger, int linkId, int invokeId, string element, string category, string value, string reason);

    [LoggerMessage(3006, LogLevel.Warning, "PBX simulator fault injected on link {LinkId}: {Fault}")]
    public static partial void FaultInjected(ILogger logger, int linkId, string fault);

    [LoggerMessage(3007, LogLevel.Debug, "PBX simulator link {LinkId}: SystemStatusResponse to invoke id {InvokeId}")]
    public static partial void SystemStatusAnswered(ILogger logger, int linkId, int invokeId);

    // Application sessions and agents (Simulator range 3300-3399).
    [LoggerMessage(3300, LogLevel.Information, "PBX simulator link {LinkId}: application session {SessionId} started (protocol {ProtocolVersion}, {DurationSeconds} s)")]
    public static partial void SessionStarted(ILogger logger, int linkId, string sessionId, string protocolVersion, int durationSeconds);

    [LoggerMessage(3301, LogLevel.Warning, "PBX simulator link {LinkId}: application session request for {Subject} refused ({DefinedError})")]
    public static partial void SessionRefused(ILogger logger, int linkId, string subject, string definedError);

    [LoggerMessage(3302, LogLevel.Debug, "PBX simulator link {LinkId}: application session {SessionId} timer reset to {DurationSeconds} s")]
    public static partial void SessionReset(ILogger logger, int linkId, string sessionId, int durationSeconds);

    [LoggerMessage(3303, LogLevel.Warning, "PBX simulator link {LinkId}: application session {SessionId} expired after {DurationSeconds} s without ResetApplicationSessionTimer; link closed")]
    public static partial void SessionExpired(ILogger logger, int linkId, string sessionId, int durationSeconds);

    [LoggerMessage(3304, LogLevel.Information, "PBX simulator link {LinkId}: application session {SessionId} stopped by the application")]
    public static partial void SessionStopped(ILogger logger, int linkId, string sessionId);

    [LoggerMessage(3305, LogLevel.Warning, "PBX simulator link {LinkId} invoke id {InvokeId}: {Element} before StartApplicationSession refused")]
    public static partial void RequestWithoutSession(ILogger logger, int linkId, int invokeId, string element);

    // DMCC log-in and device identifiers (Simulator range 3350-3399).
    [LoggerMessage(3350, LogLevel.Warning, "PBX simulator link {LinkId}: StartApplicationSession refused: {Reason}")]
    public static partial void LoginRefused(ILogger logger, int linkId, string reason);

    [LoggerMessage(3351, LogLevel.Warning, "PBX simulator link {LinkId}: {Service} refused: {DN} is a plain DN, not a DMCC device identifier from GetDeviceId")]
    public static partial void PlainDnRefused(ILogger logger, int linkId, string service, string dn);
}
