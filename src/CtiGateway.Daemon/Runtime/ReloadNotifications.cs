using System.Diagnostics;
using System.Globalization;

namespace CtiGateway.Daemon;

/// <summary>
/// Tells systemd and the metrics about a SIGHUP reload, following the notify-reload protocol: RELOADING=1 with
/// MONOTONIC_USEC (CLOCK_MONOTONIC, which Stopwatch reads on Linux) when it starts, READY=1 when it is over, whatever
/// the outcome (a rejected reload keeps the running configuration, which is still ready).
/// </summary>
internal sealed class ReloadNotifications
{
    private readonly SystemdNotifier _notifier;
    private readonly GatewayMetrics _metrics;

    public ReloadNotifications(SystemdNotifier notifier, GatewayMetrics metrics)
    {
        _notifier = notifier;
        _metrics = metrics;
    }

    public void Begin()
    {
        var usec = (long)(Stopwatch.GetTimestamp() / (Stopwatch.Frequency / 1_000_000.0));
        _notifier.Notify(string.Create(CultureInfo.InvariantCulture, $"RELOADING=1\nMONOTONIC_USEC={usec}\nSTATUS=Reloading configuration"));
    }

    public void End(bool applied)
    {
        _metrics.CountReload(applied);
        _notifier.Notify(applied ? "READY=1\nSTATUS=Configuration reloaded" : "READY=1\nSTATUS=Reload rejected; running configuration kept (see the log)");
    }
}
