namespace CtiGateway.Switching;

/// <summary>Why a DN is out of service, which decides whether the gateway asks the switch again to monitor it.</summary>
internal enum DnOutage
{
    /// <summary>The switch refused MonitorStart or ended the monitor: MonitorStart is retried every MonitorRetrySeconds.</summary>
    NotMonitored,

    /// <summary>
    /// The switch reported the DN out of service (OutOfServiceEvent) and keeps its monitor: no retry (a second monitor
    /// would double the DN's events); BackInServiceEvent on that monitor brings it back.
    /// </summary>
    ReportedBySwitch,
}
