namespace CtiGateway.Simulator;

/// <summary>A device monitor: its cross reference, the device and the owner (the link session that started it).</summary>
/// <param name="MonitorCrossRefId">The monitorCrossRefID every event of this monitor carries.</param>
/// <param name="DeviceId">The monitored device.</param>
/// <param name="Owner">Who started the monitor (a link session), or null.</param>
public sealed record SimMonitor(string MonitorCrossRefId, string DeviceId, object? Owner);
