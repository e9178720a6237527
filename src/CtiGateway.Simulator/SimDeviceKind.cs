namespace CtiGateway.Simulator;

/// <summary>What a device of the switching plan is.</summary>
public enum SimDeviceKind
{
    /// <summary>A station (extension); it carries one active call at a time.</summary>
    Extension,

    /// <summary>An ACD queue; any number of calls may wait there.</summary>
    AcdQueue,

    /// <summary>A route point; any number of calls may wait there for routing.</summary>
    RoutePoint,
}
