namespace CtiGateway.Server;

/// <summary>What adding a DN to a client's own list did (see TServer:MaxDnsPerClient).</summary>
internal enum DnAddResult
{
    /// <summary>The DN is now in the client's list.</summary>
    Added,

    /// <summary>The client had registered the DN already; its list is unchanged.</summary>
    AlreadyRegistered,

    /// <summary>The client's list is full; the DN was not added.</summary>
    LimitReached,
}
