namespace CtiGateway.CallModel;

/// <summary>What a DN of a switch is (the Genesys DN types the call model tells apart).</summary>
public enum DnKind
{
    /// <summary>A station: a telephone set or soft phone.</summary>
    Extension,

    /// <summary>An agent position (an ACD station, as the switch names it).</summary>
    ACDPosition,

    /// <summary>An ACD queue (hunt group, split): calls wait there until diverted to an agent or abandoned.</summary>
    ACDQueue,

    /// <summary>A routing point: calls wait there for a routing instruction.</summary>
    RoutingPoint,

    /// <summary>A trunk (or trunk group): the network side. It gets no events, like a number outside the switch.</summary>
    Trunk,
}
