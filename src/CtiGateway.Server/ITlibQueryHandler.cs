namespace CtiGateway.Server;

/// <summary>
/// A request handler that also answers queries from a switch's state (RequestQueryAddress today). When the server's
/// <see cref="ITlibPublisher.RequestHandler"/> implements it, a query whose ThisDN <see cref="AnswersFor"/> is handed
/// over through <see cref="ITlibRequestHandler.Handle"/> (no registration of the DN needed); a query about any other DN
/// is answered by the server itself.
/// </summary>
public interface ITlibQueryHandler : ITlibRequestHandler
{
    /// <summary>Whether <paramref name="dn"/> belongs to a switch whose state answers queries about it. Cheap and thread-safe.</summary>
    bool AnswersFor(string dn);
}
