using CtiGateway.Protocol;

namespace CtiGateway.Client;

/// <summary>What a <see cref="TServerConnection"/> reports to its owner.</summary>
internal interface IConnectionHandler
{
    /// <summary>A message arrived (called from the read loop, in order). Completing asynchronously pauses reading.</summary>
    ValueTask OnMessageAsync(TServerConnection connection, TlibMessage message);

    /// <summary>A message frame could not be decoded (the connection stays up).</summary>
    void OnUndecodable(TServerConnection connection, TlibProtocolException error);

    /// <summary>A queued message could not be encoded; it was not sent.</summary>
    void OnSendFailed(PendingRequest pending, Exception error);

    /// <summary>The connection closed (called once, before the loops finish).</summary>
    void OnClosed(TServerConnection connection, Exception reason);
}
