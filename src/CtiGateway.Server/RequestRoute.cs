namespace CtiGateway.Server;

/// <summary>How the server treats a message id a client sent.</summary>
internal enum RequestRoute
{
    /// <summary>Not in the message table (ids 183 and up): TERR_UNSUP_OPER.</summary>
    Unknown,

    /// <summary>An event id: clients send requests, so TERR_UNSUP_OPER.</summary>
    Event,

    /// <summary>Answered by the server itself.</summary>
    Local,

    /// <summary>Needs a switch link (call control, agent state, call user data, treatments, routing ...).</summary>
    Switch,

    /// <summary>A request this server does not offer (multi-site, hot-standby peer, bulk registration): TERR_UNSUP_OPER.</summary>
    Unsupported,
}
