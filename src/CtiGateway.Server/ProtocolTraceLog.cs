using Microsoft.Extensions.Logging;

namespace CtiGateway.Server;

/// <summary>
/// The T-Library message trace (category <see cref="TlibServer.ProtocolTraceCategory"/>, Logging:Areas:ProtocolTrace in
/// the daemon). EventIds 90-99 (the daemon's range: the trace is switched by the daemon's configuration).
/// </summary>
internal static partial class ProtocolTraceLog
{
    [LoggerMessage(90, LogLevel.Trace, "Client {ClientId} -> {Message}", EventName = "ProtocolTraceRequest")]
    public static partial void Request(ILogger logger, int clientId, string message);

    [LoggerMessage(91, LogLevel.Trace, "Client {ClientId} <- {Message}", EventName = "ProtocolTraceResponse")]
    public static partial void Response(ILogger logger, int clientId, string message);

    [LoggerMessage(92, LogLevel.Trace, "DN {DN} <- {Message} ({Recipients} clients)", EventName = "ProtocolTraceEvent")]
    public static partial void Event(ILogger logger, string dn, string message, int recipients);
}
