using CtiGateway.Pbx.Csta;

namespace CtiGateway.Simulator;

/// <summary>An event raised by the model for one monitor.</summary>
/// <param name="Monitor">The monitor it goes to (its owner is the link session).</param>
/// <param name="Message">The event (a <see cref="CstaCallEvent"/>, <see cref="CstaAgentEvent"/>, <see cref="CstaMaintenanceEvent"/> or <see cref="CstaMonitorEndedEvent"/>); its monitorCrossRefID is the monitor's.</param>
public sealed record SimEventRecord(SimMonitor Monitor, CstaMessage Message)
{
    /// <summary>The event as a call event.</summary>
    /// <exception cref="InvalidOperationException">It is an agent event.</exception>
    public CstaCallEvent Event => Message as CstaCallEvent ?? throw new InvalidOperationException($"{Message.Element} is not a call event.");
}
