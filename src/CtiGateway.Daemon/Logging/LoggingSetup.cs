using CtiGateway.Server;
using CtiGateway.Switching;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Extensions.Logging;
using ILoggerProvider = Microsoft.Extensions.Logging.ILoggerProvider;

namespace CtiGateway.Daemon;

/// <summary>
/// Serilog to the console: journald format when JOURNAL_STREAM is set, a readable template otherwise; in front of it
/// the log rate limit (<see cref="LogRateLimiter"/>).
/// </summary>
internal static class LoggingSetup
{
    private const string ConsoleTemplate = "{Timestamp:yyyy-MM-dd HH:mm:ss.fff} [{Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>True when stdout is journald (systemd sets JOURNAL_STREAM for a unit whose output goes to the journal).</summary>
    public static bool IsJournald => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("JOURNAL_STREAM"));

    public static Logger CreateLogger(LogLevels levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        var config = new LoggerConfiguration()
            .MinimumLevel.ControlledBy(levels.Global)
            .MinimumLevel.Override("CtiGateway.Switching", levels.Switching)
            .MinimumLevel.Override("CtiGateway.Pbx", levels.Switching)
            .MinimumLevel.Override("CtiGateway.Server", levels.TServer)
            .MinimumLevel.Override(SwitchLinkService.LinkTraceCategory, levels.LinkTrace)
            .MinimumLevel.Override(TlibServer.ProtocolTraceCategory, levels.ProtocolTrace)
            .Enrich.FromLogContext();
        config = IsJournald
            ? config.WriteTo.Console(new JournaldTextFormatter())
            : config.WriteTo.Console(outputTemplate: ConsoleTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        return config.CreateLogger();
    }

    /// <summary>
    /// The categories the rate limit leaves alone: the link and protocol traces, which an operator switches on to see
    /// every message (a trace with holes would mislead); they are off by default.
    /// </summary>
    public static IReadOnlySet<string> RateLimitExempt { get; } =
        new HashSet<string>(StringComparer.Ordinal) { SwitchLinkService.LinkTraceCategory, TlibServer.ProtocolTraceCategory };

    /// <summary>The Microsoft.Extensions.Logging provider: Serilog behind the log rate limit of <paramref name="levels"/>.</summary>
    public static ILoggerProvider CreateProvider(Logger serilog, LogLevels levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        return new RateLimitedLoggerProvider(new SerilogLoggerProvider(serilog, dispose: false), levels.RateLimit, RateLimitExempt);
    }

    public static LogEventLevel ParseLevel(string level) =>
        Enum.TryParse<LogEventLevel>(level, ignoreCase: true, out var l) ? l : LogEventLevel.Information;
}
