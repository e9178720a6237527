using CtiGateway.Protocol;

namespace CtiGateway.Server;

/// <summary>
/// What the switch side needs of the T-Library server: publish events to the clients registered on a DN (or to every
/// client), report a switch's link state, and publish hardware errors. <see cref="TlibServer"/> implements it; the
/// Switching layer depends on this interface only.
/// </summary>
public interface ITlibPublisher
{
    /// <summary>
    /// Stamps <paramref name="evt"/> and queues it to every client registered on <paramref name="dn"/>, or to every
    /// client when <paramref name="dn"/> is null, honouring each client's input mask. Never blocks.
    /// </summary>
    /// <returns>The EventSequenceNumber given to the event.</returns>
    /// <exception cref="TlibProtocolException">The encoded event is over the maximum frame size.</exception>
    long Publish(TlibMessage evt, string? dn);

    /// <summary>
    /// Whether at least one connected client is registered on <paramref name="dn"/> now (a router on a route point).
    /// Cheap: one dictionary read, no lock.
    /// </summary>
    bool HasRegistrations(string dn);

    /// <summary>Declares or updates a switch's link state (EventLinkConnected / EventLinkDisconnected on a change).</summary>
    void SetLinkState(string switchName, bool connected, string? reason = null);

    /// <summary>Per switch name, the details shown in EventServerInfo (RequestQueryServer, <c>ctigw server-info</c>).</summary>
    Func<string, KeyValueList?>? LinkDetails { get; set; }

    /// <summary>Where the requests that need a switch go (the Switching layer attaches itself here).</summary>
    ITlibRequestHandler? RequestHandler { get; set; }

    /// <summary>Publishes EventHardwareError to every client, or only to the clients of <see cref="TlibHardwareError.ThisDN"/> when it names one.</summary>
    void PublishHardwareError(TlibHardwareError error);
}
