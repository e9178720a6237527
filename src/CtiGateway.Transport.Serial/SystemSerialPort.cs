using System.IO.Ports;

namespace CtiGateway.Transport.Serial;

/// <summary><see cref="ISerialPort"/> over <see cref="SerialPort"/> from System.IO.Ports.</summary>
public sealed class SystemSerialPort : ISerialPort
{
    private readonly SerialPort _port;

    /// <summary>Creates the adapter; the port is configured but not opened.</summary>
    /// <param name="settings">The line settings; they must pass <see cref="SerialLinkSettings.Validate"/>.</param>
    /// <exception cref="SerialLinkException">The settings are not usable.</exception>
    public SystemSerialPort(SerialLinkSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.EnsureValid();
        _port = new SerialPort(settings.PortName)
        {
            BaudRate = settings.BaudRate,
            DataBits = settings.DataBits,
            Parity = settings.Parity switch
            {
                SerialParity.Odd => Parity.Odd,
                SerialParity.Even => Parity.Even,
                SerialParity.Mark => Parity.Mark,
                SerialParity.Space => Parity.Space,
                _ => Parity.None,
            },
            StopBits = settings.StopBits switch
            {
                SerialStopBits.OnePointFive => StopBits.OnePointFive,
                SerialStopBits.Two => StopBits.Two,
                _ => StopBits.One,
            },
            Handshake = settings.FlowControl switch
            {
                SerialFlowControl.RtsCts => Handshake.RequestToSend,
                SerialFlowControl.XonXoff => Handshake.XOnXOff,
                _ => Handshake.None,
            },
            ReadTimeout = settings.ReadTimeout == Timeout.InfiniteTimeSpan
                ? SerialPort.InfiniteTimeout
                : (int)settings.ReadTimeout.TotalMilliseconds,
        };
    }

    /// <inheritdoc/>
    public string PortName => _port.PortName;

    /// <inheritdoc/>
    public bool IsOpen => _port.IsOpen;

    /// <inheritdoc/>
    public Stream BaseStream => _port.IsOpen
        ? _port.BaseStream
        : throw new InvalidOperationException($"serial port '{PortName}' is not open");

    /// <inheritdoc/>
    public void Open()
    {
        try
        {
            _port.Open();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            string reason = ex switch
            {
                FileNotFoundException => "device not found",
                UnauthorizedAccessException => "access denied (is the user in the dialout group, or is the port in use?)",
                _ => "cannot be opened",
            };
            throw new SerialLinkException(PortName, $"{reason}: {ex.Message}", ex);
        }
    }

    /// <inheritdoc/>
    public void Close() => _port.Close();

    /// <inheritdoc/>
    public void Dispose() => _port.Dispose();
}
