namespace CtiGateway.Pbx.Profiles;

/// <summary>What a numbering-plan range holds (profile names in brackets).</summary>
public enum DnType
{
    /// <summary>Stations (<c>extension</c>).</summary>
    Extension,

    /// <summary>ACD queues, hunt groups, splits (<c>acd-queue</c>).</summary>
    AcdQueue,

    /// <summary>Route points, routing points, VDNs (<c>route-point</c>).</summary>
    RoutePoint,

    /// <summary>Trunks or trunk groups (<c>trunk</c>).</summary>
    Trunk,

    /// <summary>Agent positions, ACD stations of switches that tell them apart from extensions (<c>acd-position</c>).</summary>
    AcdPosition,
}
