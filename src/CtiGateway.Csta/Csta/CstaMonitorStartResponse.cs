namespace CtiGateway.Pbx.Csta;

/// <summary>MonitorStartResponse: the cross reference the monitor's events will carry.</summary>
public sealed record CstaMonitorStartResponse(string Element, string Namespace, string MonitorCrossRefId) : CstaMessage(Element, Namespace);
