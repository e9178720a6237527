using Serilog.Core;
using Serilog.Events;

namespace CtiGateway.Daemon;

/// <summary>
/// The level switches behind the console logger: the global minimum, one per component area and one per trace, and
/// the log rate limit. All change at run time (SIGHUP) without rebuilding the logger.
/// </summary>
internal sealed class LogLevels
{
    /// <summary>Level of a trace area that is off: nothing it writes (Verbose) gets through.</summary>
    private const LogEventLevel Off = LogEventLevel.Fatal;

    public LoggingLevelSwitch Global { get; } = new();

    public LoggingLevelSwitch Switching { get; } = new();

    public LoggingLevelSwitch TServer { get; } = new();

    public LoggingLevelSwitch LinkTrace { get; } = new(Off);

    public LoggingLevelSwitch ProtocolTrace { get; } = new(Off);

    /// <summary>Lines per second per category and event id (Logging:RateLimitPerSecond).</summary>
    public LogRateLimiter RateLimit { get; } = new(TimeProvider.System);

    /// <summary>Sets every switch from <paramref name="settings"/> (already validated).</summary>
    public void Apply(LoggingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var areas = settings.Areas ?? new LoggingAreasSettings();
        var global = LoggingSetup.ParseLevel(settings.Level);
        Global.MinimumLevel = global;
        Switching.MinimumLevel = areas.Switching.Length > 0 ? LoggingSetup.ParseLevel(areas.Switching) : global;
        TServer.MinimumLevel = areas.TServer.Length > 0 ? LoggingSetup.ParseLevel(areas.TServer) : global;
        LinkTrace.MinimumLevel = areas.LinkTrace ? LogEventLevel.Verbose : Off;
        ProtocolTrace.MinimumLevel = areas.ProtocolTrace ? LogEventLevel.Verbose : Off;
        RateLimit.LinesPerSecond = settings.RateLimitPerSecond;
    }

    /// <summary>One-line description for the reload log line.</summary>
    public string Describe() =>
        $"level {Global.MinimumLevel}, Switching {Switching.MinimumLevel}, TServer {TServer.MinimumLevel}, " +
        $"LinkTrace {(LinkTrace.MinimumLevel == LogEventLevel.Verbose ? "on" : "off")}, ProtocolTrace {(ProtocolTrace.MinimumLevel == LogEventLevel.Verbose ? "on" : "off")}, " +
        (RateLimit.LinesPerSecond > 0 ? $"rate limit {RateLimit.LinesPerSecond} lines per second per event id" : "no rate limit");
}
