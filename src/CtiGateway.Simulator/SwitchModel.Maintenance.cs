using CtiGateway.Pbx.Csta;

namespace CtiGateway.Simulator;

/// <summary>
/// Device maintenance as a PBX reports it (ECMA-269 maintenance events and MonitorEnded): a device taken out of service
/// (<see cref="SetOutOfService"/>) raises OutOfServiceEvent to its monitors, which stay, and BackInServiceEvent when it
/// comes back; while it is out, MonitorStart for it is refused (systemResourceAvailability / resourceOutOfService). The
/// switch can also end the monitors of a device by itself (<see cref="EndMonitors"/>): MonitorEndedEvent to each.
/// </summary>
public sealed partial class SwitchModel
{
    /// <summary>The EventCause of the maintenance events unless told otherwise.</summary>
    public const string MaintenanceCause = "maintenance";

    /// <summary>The EventCause of MonitorEndedEvent unless told otherwise.</summary>
    public const string MonitorEndedCause = "resourcesNotAvailable";

    private readonly HashSet<string> _outOfService = new(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="device"/> is out of service.</summary>
    public bool IsOutOfService(string device) => _outOfService.Contains(device);

    /// <summary>
    /// Takes <paramref name="device"/> out of service (or back with <paramref name="outOfService"/> false): every monitor
    /// of the device gets OutOfServiceEvent (BackInServiceEvent) with <paramref name="cause"/>. Returns whether that
    /// changed the device's state (no event is raised otherwise).
    /// </summary>
    /// <exception cref="ArgumentException">The device is not in the switching plan.</exception>
    public bool SetOutOfService(string device, bool outOfService = true, string cause = MaintenanceCause)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (!_plan.TryGet(device, out _))
        {
            throw new ArgumentException($"Device {device} is not in the switching plan.", nameof(device));
        }

        if (!(outOfService ? _outOfService.Add(device) : _outOfService.Remove(device)))
        {
            return false;
        }

        var type = outOfService ? CstaMaintenanceEventType.OutOfService : CstaMaintenanceEventType.BackInService;
        foreach (var monitor in MonitorsOf(device))
        {
            _events.Add(new SimEventRecord(monitor, new CstaMaintenanceEvent(CstaMaintenanceEvent.ElementOf(type), "")
            {
                Type = type,
                MonitorCrossRefId = monitor.MonitorCrossRefId,
                Device = device,
                Cause = cause,
            }));
        }

        return true;
    }

    /// <summary>
    /// The switch ends every monitor of <paramref name="device"/> by itself: MonitorEndedEvent with
    /// <paramref name="cause"/> to each. Returns how many monitors ended.
    /// </summary>
    public int EndMonitors(string device, string cause = MonitorEndedCause)
    {
        ArgumentNullException.ThrowIfNull(device);
        var ended = MonitorsOf(device).ToList();
        foreach (var monitor in ended)
        {
            RemoveMonitor(monitor.MonitorCrossRefId);
            _events.Add(new SimEventRecord(monitor, new CstaMonitorEndedEvent(CstaMonitorEndedEvent.RootElement, "")
            {
                MonitorCrossRefId = monitor.MonitorCrossRefId,
                Cause = cause,
            }));
        }

        return ended.Count;
    }
}
