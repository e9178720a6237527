namespace CtiGateway.Client;

/// <summary>What the client does when the event buffer is full because the application reads events too slowly.</summary>
public enum TServerEventOverflow
{
    /// <summary>
    /// Drop the oldest buffered event to make room (the default). The read loop never stalls, so responses, ADDP and
    /// the server's view of this client are unaffected; <see cref="TServerClient.DroppedEvents"/> counts the losses.
    /// </summary>
    DropOldest,

    /// <summary>
    /// Stop reading from the socket until the application makes room. Nothing is lost on the client, but responses and
    /// ADDP polls wait too, so the application must keep reading events (the server may then drop a slow client).
    /// </summary>
    Wait,
}
