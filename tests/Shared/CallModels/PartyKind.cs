namespace CtiGateway.Testing.CallModels;

/// <summary>What a party letter of a scenario stands for.</summary>
internal enum PartyKind
{
    /// <summary>A DN of the switch (monitored; its client registers it).</summary>
    Internal,

    /// <summary>An external number reached over a trunk (not monitored; no events, no client).</summary>
    External,

    /// <summary>An ACD queue of the switch that agents log in to (no client: the reference gives it no events).</summary>
    Queue,

    /// <summary>A routing point of the switch (its client is the router).</summary>
    RoutePoint,
}
