using System.Globalization;

namespace CtiGateway.Daemon;

/// <summary>
/// What systemd asked for (sd_watchdog_enabled(3)): WATCHDOG_USEC is the interval, WATCHDOG_PID (when set) must be this
/// process, and the pings go to NOTIFY_SOCKET.
/// </summary>
internal sealed record WatchdogEnvironment(TimeSpan? Interval, string? Problem)
{
    public static WatchdogEnvironment FromEnvironment(bool notifySocket)
    {
        var usec = Environment.GetEnvironmentVariable("WATCHDOG_USEC");
        if (string.IsNullOrEmpty(usec))
        {
            return new(null, null);
        }

        if (!ulong.TryParse(usec, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value == 0 || value > (ulong)TimeSpan.MaxValue.Ticks / 10)
        {
            return new(null, $"WATCHDOG_USEC='{usec}' is not a positive number of microseconds");
        }

        var pid = Environment.GetEnvironmentVariable("WATCHDOG_PID");
        if (!string.IsNullOrEmpty(pid) && pid != Environment.ProcessId.ToString(CultureInfo.InvariantCulture))
        {
            return new(null, $"WATCHDOG_PID={pid} is not this process ({Environment.ProcessId})");
        }

        if (!notifySocket)
        {
            return new(null, "WATCHDOG_USEC is set but NOTIFY_SOCKET is not");
        }

        return new(TimeSpan.FromMicroseconds(value), null);
    }
}
