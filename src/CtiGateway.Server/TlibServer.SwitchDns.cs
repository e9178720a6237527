namespace CtiGateway.Server;

/// <summary>
/// DNs written <c>DN@switch</c> (several switches in one gateway): where the part after the last '@' names a switch
/// the server declared (<see cref="SetLinkState"/>), the DN is registered, unregistered and checked as the bare DN,
/// so that the events of the switch's call model (which name bare DNs) reach the client whichever way it wrote it.
/// DNs are unique across the switches of a gateway (the configuration refuses a DN of two switches).
/// </summary>
public sealed partial class TlibServer
{
    /// <summary>The bare DN of <paramref name="dn"/> when it is written DN@switch with a declared switch; otherwise <paramref name="dn"/>.</summary>
    public string BareDn(string dn)
    {
        ArgumentNullException.ThrowIfNull(dn);
        var at = dn.LastIndexOf('@');
        if (at <= 0 || at == dn.Length - 1)
        {
            return dn;
        }

        var switchName = dn[(at + 1)..];
        lock (_linksLock)
        {
            return _links.ContainsKey(switchName) ? dn[..at] : dn;
        }
    }
}
