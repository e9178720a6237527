namespace CtiGateway.Server;

/// <summary>
/// Takes the requests that need a switch (call control, user data, agent state, routing, switch queries). The server
/// hands each one over on the client's read loop, after checking the client registered the request's ThisDN;
/// <see cref="Handle"/> must not block: it queues the request and answers it later through
/// <see cref="TlibRequest"/> (an EventError, or the events the switch's answer causes).
/// </summary>
public interface ITlibRequestHandler
{
    /// <summary>Queues <paramref name="request"/>; every request handed over is answered exactly once, later or at once.</summary>
    void Handle(TlibRequest request);
}
