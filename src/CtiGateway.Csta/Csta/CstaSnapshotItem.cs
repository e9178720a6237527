namespace CtiGateway.Pbx.Csta;

/// <summary>One snapshotDeviceResponseInfo: the device's connection and its compound/local call state text.</summary>
public sealed record CstaSnapshotItem(CstaConnectionId Connection, string? LocalCallState);
