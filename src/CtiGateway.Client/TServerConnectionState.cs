namespace CtiGateway.Client;

/// <summary>The state of a <see cref="TServerClient"/>'s connection.</summary>
public enum TServerConnectionState
{
    /// <summary>Not connected: before <see cref="TServerClient.ConnectAsync"/>, or after the connection was lost with reconnect off.</summary>
    Disconnected,

    /// <summary>The first connect is in progress.</summary>
    Connecting,

    /// <summary>Connected and registered (RequestRegisterClient answered).</summary>
    Connected,

    /// <summary>The connection was lost; the client is reconnecting with backoff.</summary>
    Reconnecting,

    /// <summary>The client was disposed.</summary>
    Disposed,
}
