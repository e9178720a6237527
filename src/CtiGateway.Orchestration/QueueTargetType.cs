namespace CtiGateway.Orchestration;

/// <summary>The kinds of <c>queue:</c> targets, with their suffixes in the target grammar (<c>name@server.TYPE</c>).</summary>
internal enum QueueTargetType
{
    /// <summary>A: one agent, by its id.</summary>
    Agent,

    /// <summary>AP: an agent place (on this platform, the DN an agent is logged in at).</summary>
    Place,

    /// <summary>GA: an agent group (<c>AgentGroups:NAME</c>), or a skill expression (<c>?:expr</c>).</summary>
    AgentGroup,

    /// <summary>GP: a place group.</summary>
    PlaceGroup,

    /// <summary>Q: a queue, the ACD queue DN.</summary>
    Queue,

    /// <summary>DN: a DN.</summary>
    Dn,

    /// <summary>RP: a routing point.</summary>
    RoutePoint,

    /// <summary>DL: a destination label.</summary>
    DestinationLabel,

    /// <summary>GQ: a group of queues.</summary>
    QueueGroup,

    /// <summary>C: a campaign.</summary>
    Campaign,

    /// <summary>GC: a campaign group.</summary>
    CampaignGroup,
}
