namespace CtiGateway.Pbx.Profiles;

/// <summary>What a numbering-plan range holds.</summary>
public enum DnType
{
    Extension,
    AcdQueue,
    RoutePoint,
    Trunk,
}
