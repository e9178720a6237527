namespace CtiGateway.Pbx.Csta;

/// <summary>The ECMA-269 device maintenance events the dialect decodes (Phase I BER event types 302 and 301).</summary>
public enum CstaMaintenanceEventType
{
    /// <summary><c>OutOfServiceEvent</c>: the device cannot be used (the switch keeps the monitor).</summary>
    OutOfService,

    /// <summary><c>BackInServiceEvent</c>: the device can be used again.</summary>
    BackInService,
}
