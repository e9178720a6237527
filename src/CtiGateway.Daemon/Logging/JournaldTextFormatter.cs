using System.Globalization;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Parsing;

namespace CtiGateway.Daemon;

/// <summary>
/// One line per event for journald: a <c>&lt;N&gt;</c> syslog priority prefix (sd-daemon(3) levels), the source context
/// with the event id, the message and any exception, with every line break flattened to a space (as
/// SystemdConsoleFormatter does), so that each event is exactly one journal record. String values are written
/// without quotes. No timestamp: journald stamps records itself.
/// </summary>
internal sealed class JournaldTextFormatter : ITextFormatter
{
    public void Format(LogEvent logEvent, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        ArgumentNullException.ThrowIfNull(output);
        var line = new StringWriter(CultureInfo.InvariantCulture);
        line.Write(Priority(logEvent.Level));
        if (logEvent.Properties.TryGetValue("SourceContext", out var source) && source is ScalarValue { Value: string s })
        {
            line.Write(s);
            if (logEvent.Properties.TryGetValue("EventId", out var eventId) && eventId is StructureValue sv
                && sv.Properties.FirstOrDefault(p => p.Name == "Id")?.Value is ScalarValue { Value: int id })
            {
                line.Write('[');
                line.Write(id.ToString(CultureInfo.InvariantCulture));
                line.Write(']');
            }

            line.Write(' ');
        }

        RenderLiteral(logEvent, line);
        if (logEvent.Exception is { } ex)
        {
            line.Write(' ');
            line.Write(ex.ToString());
        }

        output.Write(Flatten(line.ToString()));
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

    /// <summary>Every line break (CR, LF, CRLF, NEL, LS, PS, FF) and any other control character becomes a space.</summary>
    internal static string Flatten(string text)
    {
        var flat = text.ReplaceLineEndings(" ");
        if (!flat.Any(c => char.IsControl(c) && c != '\t'))
        {
            return flat;
        }

        return string.Create(flat.Length, flat, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) && source[i] != '\t' ? ' ' : source[i];
            }
        });
    }

    /// <summary>The message with string property values unquoted (Serilog's <c>:l</c> format).</summary>
    private static void RenderLiteral(LogEvent logEvent, TextWriter output)
    {
        foreach (var token in logEvent.MessageTemplate.Tokens)
        {
            if (token is PropertyToken property && logEvent.Properties.TryGetValue(property.PropertyName, out var value)
                && value is ScalarValue { Value: string text } && property.Format is null && property.Alignment is null)
            {
                output.Write(text);
            }
            else
            {
                token.Render(logEvent.Properties, output, CultureInfo.InvariantCulture);
            }
        }
    }
}
