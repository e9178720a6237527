using CtiGateway.Pbx.Csta;

namespace CtiGateway.Simulator;

/// <summary>An event raised by the model for one monitor.</summary>
/// <param name="Monitor">The monitor it goes to (its owner is the link session).</param>
/// <param name="Event">The event; its MonitorCrossRefId is the monitor's.</param>
public sealed record SimEventRecord(SimMonitor Monitor, CstaCallEvent Event);
