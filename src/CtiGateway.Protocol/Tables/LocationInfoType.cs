// Values from the public T-Library tables (docs: ../../docs/wire-format.md, source: reference tlib.md).
namespace CtiGateway.Protocol;

/// <summary>TLocationInfoType (AttributeLocationInfoType 98).</summary>
public enum LocationInfoType
{
    /// <summary>AllLocations (0).</summary>
    AllLocations = 0,
    /// <summary>LocationData (1).</summary>
    LocationData = 1,
    /// <summary>MonitorLocation (2).</summary>
    MonitorLocation = 2,
    /// <summary>CancelMonitorLocation (3).</summary>
    CancelMonitorLocation = 3,
    /// <summary>MonitorAllLocations (4).</summary>
    MonitorAllLocations = 4,
    /// <summary>CancelMonitorAllLocations (5).</summary>
    CancelMonitorAllLocations = 5,
    /// <summary>LocationMonitorCanceled (6).</summary>
    LocationMonitorCanceled = 6,
    /// <summary>AllLocationsMonitorCanceled (7).</summary>
    AllLocationsMonitorCanceled = 7,
}
