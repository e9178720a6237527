using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace CtiGateway.Daemon;

/// <summary>Serilog to the console: journald format when JOURNAL_STREAM is set, a readable template otherwise.</summary>
internal static class LoggingSetup
{
    private const string ConsoleTemplate = "{Timestamp:yyyy-MM-dd HH:mm:ss.fff} [{Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    public static Logger CreateLogger(LoggingLevelSwitch levelSwitch)
    {
        var config = new LoggerConfiguration()
            .MinimumLevel.ControlledBy(levelSwitch)
            .Enrich.FromLogContext();
        var journald = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("JOURNAL_STREAM"));
        config = journald
            ? config.WriteTo.Console(new JournaldTextFormatter())
            : config.WriteTo.Console(outputTemplate: ConsoleTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        return config.CreateLogger();
    }

    public static LogEventLevel ParseLevel(string level) =>
        Enum.TryParse<LogEventLevel>(level, ignoreCase: true, out var l) ? l : LogEventLevel.Information;
}
