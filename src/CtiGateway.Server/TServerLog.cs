using System.Net;
using Microsoft.Extensions.Logging;

namespace CtiGateway.Server;

/// <summary>
/// Log lines of the T-Library server. EventIds 1000-1099 are fixed: never renumber or reuse one (alerting keys on
/// them); a retired id stays here as a comment.
/// </summary>
internal static partial class TServerLog
{
    [LoggerMessage(1000, LogLevel.Information, "T-Library server listening on {Endpoint} (max {MaxClients} clients, max frame {MaxFrameSize} bytes, TLS {Tls})")]
    public static partial void Listening(ILogger logger, IPEndPoint endpoint, int maxClients, int maxFrameSize, bool tls);

    [LoggerMessage(1001, LogLevel.Information, "T-Library server on {Endpoint} stopped ({ClientCount} clients closed)")]
    public static partial void Stopped(ILogger logger, IPEndPoint? endpoint, int clientCount);

    [LoggerMessage(1002, LogLevel.Information, "Client {ClientId} connected from {RemoteEndPoint}")]
    public static partial void ClientConnected(ILogger logger, int clientId, EndPoint? remoteEndPoint);

    [LoggerMessage(1003, LogLevel.Information, "Client {ClientId} ({RemoteEndPoint}) disconnected: {Reason}")]
    public static partial void ClientDisconnected(ILogger logger, int clientId, EndPoint? remoteEndPoint, string reason);

    [LoggerMessage(1004, LogLevel.Warning, "Connection from {RemoteAddress} refused: the address is not in {Section}:AllowedClients")]
    public static partial void ClientRefused(ILogger logger, IPAddress? remoteAddress, string section);

    [LoggerMessage(1005, LogLevel.Warning, "Connection from {RemoteEndPoint} rejected: too many clients (max {MaxClients})")]
    public static partial void TooManyClients(ILogger logger, IPEndPoint? remoteEndPoint, int maxClients);

    [LoggerMessage(1006, LogLevel.Warning, "Client {ClientId} ({RemoteEndPoint}) cut off as a slow reader: {QueuedBytes} bytes queued, over the limit of {LimitBytes} bytes")]
    public static partial void SlowClientCut(ILogger logger, int clientId, EndPoint? remoteEndPoint, long queuedBytes, int limitBytes);

    [LoggerMessage(1007, LogLevel.Warning, "Client {ClientId} ({RemoteEndPoint}) frame rejected, closing: {Reason}")]
    public static partial void FrameRejected(ILogger logger, int clientId, EndPoint? remoteEndPoint, string reason);

    [LoggerMessage(1008, LogLevel.Warning, "Client {ClientId} ({RemoteEndPoint}) ADDP connection lost: no answer to poll {Sequence} within {Timeout}")]
    public static partial void AddpLost(ILogger logger, int clientId, EndPoint? remoteEndPoint, uint sequence, TimeSpan timeout);

    [LoggerMessage(1009, LogLevel.Information, "Client {ClientId} ({RemoteEndPoint}) ADDP hello: client timeout {ClientTimeout} s, server polls every {PollTimeout} s, trace {Trace}")]
    public static partial void AddpHelloReceived(ILogger logger, int clientId, EndPoint? remoteEndPoint, int clientTimeout, int pollTimeout, Protocol.AddpTrace trace);

    [LoggerMessage(1010, LogLevel.Debug, "Client {ClientId} ADDP poll {Sequence} sent")]
    public static partial void AddpPollSent(ILogger logger, int clientId, uint sequence);

    [LoggerMessage(1011, LogLevel.Debug, "Client {ClientId} ADDP reply {Sequence} received")]
    public static partial void AddpReplyReceived(ILogger logger, int clientId, uint sequence);

    [LoggerMessage(1012, LogLevel.Debug, "Client {ClientId} ADDP poll {Sequence} received, reply sent")]
    public static partial void AddpPollAnswered(ILogger logger, int clientId, uint sequence);

    [LoggerMessage(1013, LogLevel.Debug, "Client {ClientId} ADDP hello sent: server timeout {LocalTimeout} s, client polls every {RemoteTimeout} s")]
    public static partial void AddpHelloSent(ILogger logger, int clientId, int localTimeout, int remoteTimeout);

    [LoggerMessage(1014, LogLevel.Warning, "Client {ClientId} ({RemoteEndPoint}) TLS handshake failed: {Reason}")]
    public static partial void TlsHandshakeFailed(ILogger logger, int clientId, EndPoint? remoteEndPoint, string reason);

    [LoggerMessage(1015, LogLevel.Information, "Client {ClientId} ({RemoteEndPoint}) registered as application {ApplicationName} (protocol {ProtocolVersion})")]
    public static partial void ClientRegistered(ILogger logger, int clientId, EndPoint? remoteEndPoint, string applicationName, string protocolVersion);

    [LoggerMessage(1016, LogLevel.Debug, "Client {ClientId} {Request} (ReferenceID {ReferenceId}) answered with EventError {ErrorCode}: {ErrorMessage}")]
    public static partial void RequestFailed(ILogger logger, int clientId, string request, int referenceId, int errorCode, string errorMessage);

    [LoggerMessage(1017, LogLevel.Information, "Switch link {SwitchName} is now {State}{Reason}")]
    public static partial void LinkStateChanged(ILogger logger, string switchName, string state, string reason);

    [LoggerMessage(1018, LogLevel.Error, "Client {ClientId} ({RemoteEndPoint}) {Request} failed inside the server; answered TERR_INTERNAL")]
    public static partial void RequestCrashed(ILogger logger, Exception exception, int clientId, EndPoint? remoteEndPoint, string request);

    [LoggerMessage(1019, LogLevel.Error, "Accepting a T-Library connection failed; the accept loop goes on")]
    public static partial void AcceptFailed(ILogger logger, Exception exception);

    [LoggerMessage(1020, LogLevel.Error, "Client {ClientId} ({RemoteEndPoint}) connection failed")]
    public static partial void ConnectionFaulted(ILogger logger, Exception exception, int clientId, EndPoint? remoteEndPoint);

    [LoggerMessage(1021, LogLevel.Debug, "Client {ClientId} registered DN {DN} ({RegisteredClients} clients on it)")]
    public static partial void DnRegistered(ILogger logger, int clientId, string dn, int registeredClients);

    [LoggerMessage(1022, LogLevel.Debug, "Client {ClientId} unregistered DN {DN}")]
    public static partial void DnUnregistered(ILogger logger, int clientId, string dn);

    [LoggerMessage(1023, LogLevel.Debug, "Client {ClientId} set its input mask: {EnabledEvents} event types enabled")]
    public static partial void InputMaskSet(ILogger logger, int clientId, int enabledEvents);

    [LoggerMessage(1024, LogLevel.Information, "T-Library server stopping: {ClientCount} clients to close")]
    public static partial void Stopping(ILogger logger, int clientCount);

    [LoggerMessage(1025, LogLevel.Warning, "Rejected connection from {RemoteEndPoint} could not be told why: {Reason}")]
    public static partial void RejectionNotDelivered(ILogger logger, IPEndPoint? remoteEndPoint, string reason);

    // 1200-1249: client limits (issue 8). The lines a client can repeat at will go through a LogThrottle: at most one
    // per second per event id, then one 1201 line with the count of those suppressed.

    [LoggerMessage(1200, LogLevel.Warning, "Connection from {RemoteEndPoint} rejected: too many connections from that address (max {MaxPerAddress}, TServer:MaxClientsPerAddress)")]
    public static partial void TooManyFromAddress(ILogger logger, IPEndPoint? remoteEndPoint, int maxPerAddress);

    [LoggerMessage(1201, LogLevel.Warning, "Suppressed {Count} more lines of event {EventId} ({What}) in the last {Seconds:0.0} s")]
    public static partial void LinesSuppressed(ILogger logger, long count, int eventId, string what, double seconds);

    [LoggerMessage(1202, LogLevel.Warning, "Client {ClientId} ({RemoteEndPoint}) closed: no RequestRegisterClient within {TimeoutSeconds} s of connecting (TServer:RegistrationTimeoutSeconds)")]
    public static partial void RegistrationTimedOut(ILogger logger, int clientId, EndPoint? remoteEndPoint, int timeoutSeconds);

    [LoggerMessage(1203, LogLevel.Warning, "Client {ClientId} ({RemoteEndPoint}) closed: a frame was not completed within {TimeoutSeconds} s of its first byte ({Bytes} bytes of it arrived; TServer:FrameTimeoutSeconds)")]
    public static partial void FrameTimedOut(ILogger logger, int clientId, EndPoint? remoteEndPoint, int timeoutSeconds, long bytes);

    [LoggerMessage(1204, LogLevel.Warning, "Client {ClientId} ({RemoteEndPoint}) refused DN {DN}: {Registered} DNs registered, the limit of TServer:MaxDnsPerClient")]
    public static partial void DnLimitReached(ILogger logger, int clientId, EndPoint? remoteEndPoint, string dn, int registered);

    [LoggerMessage(1205, LogLevel.Warning, "Connection from {RemoteEndPoint} reset without a reason: {InFlight} refusals are being delivered already")]
    public static partial void RejectionsBusy(ILogger logger, IPEndPoint? remoteEndPoint, int inFlight);

    // 4920-4929: the in-process client seam (TlibServer.ConnectInProcess).

    [LoggerMessage(4920, LogLevel.Information, "Client {ClientId} connected in-process for {ApplicationName} (outside TServer:MaxClients and TServer:AllowedClients)")]
    public static partial void InProcessClientConnected(ILogger logger, int clientId, string applicationName);

    // 1100-1149: runtime (watchdog probes, diagnostics, byte counters).

    [LoggerMessage(1100, LogLevel.Warning, "Accept loop held by a test fault (Diagnostics:Faults): no new T-Library connections until it is released")]
    public static partial void AcceptLoopHeld(ILogger logger);

    [LoggerMessage(1101, LogLevel.Warning, "Accept loop released by the test fault; accepting again")]
    public static partial void AcceptLoopReleased(ILogger logger);
}
