namespace CtiGateway.Simulator;

/// <summary>
/// Features on stations: SetDoNotDisturb and SetForwarding (ECMA-269 physical/logical device features, answered with
/// their positive response), and the switch refusing to monitor a device (<see cref="RefuseMonitoring"/>), as a PBX
/// does for a device that is out of service.
/// </summary>
public sealed partial class SwitchModel
{
    private static readonly HashSet<string> ForwardingTypes = new(StringComparer.Ordinal)
    {
        "forwardImmediate", "forwardBusy", "forwardNoAns", "forwardBusyInt", "forwardBusyExt", "forwardDND",
        "forwardImmInt", "forwardImmExt", "forwardNoAnsInt", "forwardNoAnsExt",
    };

    private readonly HashSet<string> _doNotDisturb = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Type, string Destination)> _forwarding = new(StringComparer.Ordinal);
    private readonly HashSet<string> _refusedMonitors = new(StringComparer.Ordinal);

    /// <summary>Whether do-not-disturb is on at <paramref name="device"/>.</summary>
    public bool IsDoNotDisturb(string device) => _doNotDisturb.Contains(device);

    /// <summary>The forwarding of <paramref name="device"/> (ECMA-269 forwardingType and destination), or null.</summary>
    public (string Type, string Destination)? ForwardingOf(string device) => _forwarding.TryGetValue(device, out var f) ? f : null;

    /// <summary>
    /// The switch refuses MonitorStart for <paramref name="device"/> (CSTA error systemResourceAvailability /
    /// resourceOutOfService) until called again with <paramref name="refuse"/> false. Monitors already running stay.
    /// </summary>
    public void RefuseMonitoring(string device, bool refuse = true)
    {
        if (refuse)
        {
            _refusedMonitors.Add(device);
        }
        else
        {
            _refusedMonitors.Remove(device);
        }
    }

    /// <summary>SetDoNotDisturb of a station: <c>doNotDisturbOn</c> true or false.</summary>
    public SimServiceResult SetDoNotDisturb(string device, string? on)
    {
        if (!_plan.TryGet(device, out var d) || d.Kind != SimDeviceKind.Extension)
        {
            return SimServiceResult.Error(SimErrors.Operation, SimErrors.InvalidDeviceId, $"SetDoNotDisturb: device {device} is not a station of the switching plan.");
        }

        switch (on)
        {
            case "true":
                _doNotDisturb.Add(device);
                break;
            case "false":
                _doNotDisturb.Remove(device);
                break;
            default:
                return SimServiceResult.Error(SimErrors.Operation, SimErrors.ValueOutOfRange, $"SetDoNotDisturb: doNotDisturbOn '{on}' is not true or false.");
        }

        return SimServiceResult.Ok("SetDoNotDisturbResponse");
    }

    /// <summary>SetForwarding of a station: <c>forwardingType</c>, <c>activateForward</c>, <c>forwardDN</c> (needed to activate).</summary>
    public SimServiceResult SetForwarding(string device, string? forwardingType, string? activate, string? forwardDn)
    {
        if (!_plan.TryGet(device, out var d) || d.Kind != SimDeviceKind.Extension)
        {
            return SimServiceResult.Error(SimErrors.Operation, SimErrors.InvalidDeviceId, $"SetForwarding: device {device} is not a station of the switching plan.");
        }

        if (forwardingType is null || !ForwardingTypes.Contains(forwardingType))
        {
            return SimServiceResult.Error(SimErrors.Operation, SimErrors.ValueOutOfRange, $"SetForwarding: forwardingType '{forwardingType}' is not an ECMA-269 forwarding type.");
        }

        switch (activate)
        {
            case "true":
                if (string.IsNullOrEmpty(forwardDn) || (!_plan.TryGet(forwardDn, out _) && !_plan.IsExternalNumber(forwardDn)) || forwardDn == device)
                {
                    return SimServiceResult.Error(SimErrors.Operation, SimErrors.InvalidDestination, $"SetForwarding: forwardDN '{forwardDn}' is not a number {device} can forward to.");
                }

                _forwarding[device] = (forwardingType, forwardDn);
                break;
            case "false":
                _forwarding.Remove(device);
                break;
            default:
                return SimServiceResult.Error(SimErrors.Operation, SimErrors.ValueOutOfRange, $"SetForwarding: activateForward '{activate}' is not true or false.");
        }

        return SimServiceResult.Ok("SetForwardingResponse");
    }

    private SimServiceResult? RefusedMonitor(string deviceId) =>
        _refusedMonitors.Contains(deviceId) || _outOfService.Contains(deviceId)
            ? SimServiceResult.Error(SimErrors.SystemResourceAvailability, SimErrors.ResourceOutOfService, $"MonitorStart: device {deviceId} is out of service.")
            : null;
}
