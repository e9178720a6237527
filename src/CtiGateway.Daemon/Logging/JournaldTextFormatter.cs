using Serilog.Events;
using Serilog.Formatting;

namespace CtiGateway.Daemon;

/// <summary>
/// One line per event for journald: a <c>&lt;N&gt;</c> syslog priority prefix, the source context, the message and
/// any exception, with every line break flattened to a space (as SystemdConsoleFormatter does). No timestamp:
/// journald stamps records itself.
/// </summary>
internal sealed class JournaldTextFormatter : ITextFormatter
{
    public void Format(LogEvent logEvent, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        ArgumentNullException.ThrowIfNull(output);
        output.Write(Priority(logEvent.Level));
        if (logEvent.Properties.TryGetValue("SourceContext", out var source) && source is ScalarValue { Value: string s })
        {
            output.Write(s);
            if (logEvent.Properties.TryGetValue("EventId", out var eventId) && eventId is StructureValue sv
                && sv.Properties.FirstOrDefault(p => p.Name == "Id")?.Value is ScalarValue { Value: int id })
            {
                output.Write('[');
                output.Write(id);
                output.Write(']');
            }

            output.Write(' ');
        }

        output.Write(Flatten(logEvent.RenderMessage()));
        if (logEvent.Exception is { } ex)
        {
            output.Write(' ');
            output.Write(Flatten(ex.ToString()));
        }

        output.Write('\n');
    }

    /// <summary>syslog priorities as journald reads them: 7 debug, 6 info, 4 warning, 3 error, 2 critical.</summary>
    public static string Priority(LogEventLevel level) => level switch
    {
        LogEventLevel.Verbose or LogEventLevel.Debug => "<7>",
        LogEventLevel.Information => "<6>",
        LogEventLevel.Warning => "<4>",
        LogEventLevel.Error => "<3>",
        _ => "<2>",
    };

    private static string Flatten(string text) => text.ReplaceLineEndings(" ");
}
