namespace CtiGateway.Simulator;

/// <summary>One device of the switching plan.</summary>
/// <param name="DeviceId">The DN as it appears on the CSTA link (e.g. "5001").</param>
/// <param name="SwitchName">The switch the device belongs to (e.g. "tel_sw").</param>
/// <param name="Kind">Extension, ACD queue or route point.</param>
public sealed record SimDevice(string DeviceId, string SwitchName, SimDeviceKind Kind);
