namespace CtiGateway.Cli;

/// <summary>Writes events one line each, in text or JSON form, flushing every line.</summary>
internal sealed class EventPrinter(TextWriter output, bool json)
{
    /// <summary>Formats an event as the printer would.</summary>
    public string Format(TlibMessage message) => json ? EventJsonFormatter.Format(message) : EventTextFormatter.Format(message);

    /// <summary>Writes one event line and flushes.</summary>
    public async Task PrintAsync(TlibMessage message, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync(Format(message).AsMemory(), cancellationToken);
        await output.FlushAsync(cancellationToken);
    }
}
