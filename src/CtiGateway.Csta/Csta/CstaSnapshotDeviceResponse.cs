namespace CtiGateway.Pbx.Csta;

/// <summary>SnapshotDeviceResponse: the calls at the device, each with the device's connection and its local state.</summary>
public sealed record CstaSnapshotDeviceResponse(string Element, string Namespace, IReadOnlyList<CstaSnapshotItem> Items) : CstaMessage(Element, Namespace);
