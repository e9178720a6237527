using CtiGateway.Protocol;

namespace CtiGateway.Server;

/// <summary>
/// A client request handed to an <see cref="ITlibRequestHandler"/>, with its reply handle: the client that sent it and
/// the ReferenceID. Replies to a client that has gone are dropped. Safe to use from any thread.
/// </summary>
public sealed class TlibRequest
{
    private readonly TlibServer _server;
    private readonly ClientConnection _client;
    private int _failed;

    internal TlibRequest(TlibServer server, ClientConnection client, TlibMessage message, int referenceId)
    {
        _server = server;
        _client = client;
        Message = message;
        ReferenceId = referenceId;
        ReceivedTimestamp = server.Time.GetTimestamp();
    }

    /// <summary>The request as decoded.</summary>
    public TlibMessage Message { get; }

    /// <summary>The request's ReferenceID (0 when it carried none).</summary>
    public int ReferenceId { get; }

    /// <summary>The request's message name, e.g. RequestMakeCall.</summary>
    public string Name => Message.Name;

    /// <summary>The request's ThisDN, or null.</summary>
    public string? ThisDN => Message.ThisDN;

    /// <summary>The server's id of the client connection (as in the log lines).</summary>
    public int ClientId => _client.Id;

    /// <summary>The client's ApplicationName, or empty.</summary>
    public string ClientName => _client.ApplicationName ?? string.Empty;

    /// <summary>When the server received it, on the server's clock (<see cref="TimeProvider.GetTimestamp"/>).</summary>
    public long ReceivedTimestamp { get; }

    /// <summary>Whether the client is still connected.</summary>
    public bool IsClientConnected => _client.IsOpen;

    /// <summary>Whether <see cref="Fail"/> was called.</summary>
    public bool IsFailed => Volatile.Read(ref _failed) != 0;

    /// <summary>How many clients are registered on <paramref name="dn"/> now (DN status answers).</summary>
    public int RegisteredClients(string dn) => _server.RegisteredClients(dn);

    /// <summary>Sends <paramref name="evt"/> to the requesting client only, with the request's ReferenceID.</summary>
    public void Reply(TlibMessage evt)
    {
        ArgumentNullException.ThrowIfNull(evt);
        evt.ReferenceID = ReferenceId;
        _server.SendTo(_client, evt);
    }

    /// <summary>EventError to the requesting client with the request's ReferenceID, ThisDN and ConnID; only the first call sends.</summary>
    public void Fail(ErrorCode code, string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Interlocked.Exchange(ref _failed, 1) != 0)
        {
            return;
        }

        _server.SendError(_client, Message, ReferenceId, code, message, Message.ThisDN, Message.ConnID);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ReferenceID {ReferenceId} from client {ClientId}";
}
