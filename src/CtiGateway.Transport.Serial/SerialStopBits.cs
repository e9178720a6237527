namespace CtiGateway.Transport.Serial;

/// <summary>Number of stop bits of an asynchronous serial line.</summary>
public enum SerialStopBits
{
    /// <summary>One stop bit.</summary>
    One,

    /// <summary>One and a half stop bits (only valid with 5 data bits).</summary>
    OnePointFive,

    /// <summary>Two stop bits.</summary>
    Two,
}
