using System.Net;

namespace CtiGateway.Server;

/// <summary>A point-in-time view of one connected client, for status commands.</summary>
/// <param name="Id">The server's id of the connection (as in the log lines).</param>
/// <param name="RemoteEndPoint">The client's address and port; null for an in-process client.</param>
/// <param name="ApplicationName">
/// The ApplicationName of RequestRegisterClient, or null before it (for an in-process client, the name given to
/// <see cref="TlibServer.ConnectInProcess"/> until then).
/// </param>
/// <param name="RegisteredDNs">The DNs the client registered, in name order.</param>
/// <param name="QueueBytes">Bytes waiting in the client's outbound queue.</param>
/// <param name="EventsSent">Event frames written to the client so far.</param>
/// <param name="ConnectedAt">When the connection was accepted.</param>
/// <param name="Tls">True when the connection runs over TLS.</param>
/// <param name="AddpTimeout">The ADDP polling timeout in force (zero when the server does not poll).</param>
/// <param name="InProcess">True for a client attached by <see cref="TlibServer.ConnectInProcess"/>.</param>
public sealed record ClientSnapshot(
    int Id,
    IPEndPoint? RemoteEndPoint,
    string? ApplicationName,
    IReadOnlyList<string> RegisteredDNs,
    long QueueBytes,
    long EventsSent,
    DateTimeOffset ConnectedAt,
    bool Tls,
    TimeSpan AddpTimeout,
    bool InProcess = false)
{
    /// <summary>The peer as shown in listings: "in-process", or the client's address and port.</summary>
    public string Peer => InProcess ? InProcessEndPoint.Text : RemoteEndPoint?.ToString() ?? "unknown";
}
