namespace CtiGateway.Transport.Serial;

/// <summary>A serial link could not be configured, opened or used; the message names the port.</summary>
public sealed class SerialLinkException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="portName">The port concerned.</param>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public SerialLinkException(string portName, string message, Exception? innerException = null)
        : base($"serial port '{portName}': {message}", innerException)
    {
        PortName = portName;
    }

    /// <summary>The port concerned.</summary>
    public string PortName { get; }
}
