using CtiGateway.Pbx.Csta;

namespace CtiGateway.Simulator;

/// <summary>One call at a device in a SnapshotDeviceResponse: the connection and its local state.</summary>
/// <param name="Connection">The device's connection (callID, deviceID).</param>
/// <param name="LocalConnectionState">ECMA-269 LocalConnectionState text (alerting, connected, hold, ...).</param>
public sealed record SimSnapshotItem(CstaConnectionId Connection, string LocalConnectionState);
