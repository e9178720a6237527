namespace CtiGateway.Transport.Serial;

/// <summary>Opens serial lines as duplex pipes.</summary>
public static class SerialTransport
{
    /// <summary>
    /// Validates the settings, opens the port (on Linux through termios directly, see <see cref="PosixTtyPort"/>;
    /// elsewhere with System.IO.Ports) and wraps it in a duplex pipe.
    /// </summary>
    /// <param name="settings">The line settings.</param>
    /// <param name="cancellationToken">Cancels before the port is opened.</param>
    /// <returns>The open link; dispose it to close the port.</returns>
    /// <exception cref="SerialLinkException">The settings are invalid, or the device is missing or cannot be opened.</exception>
    public static Task<SerialDuplexPipe> OpenAsync(SerialLinkSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        cancellationToken.ThrowIfCancellationRequested();
        var pacer = settings.PaceOutput ? new LineRatePacer(settings) : null;
        ISerialPort port = PosixTtyPort.IsSupported ? new PosixTtyPort(settings) : new SystemSerialPort(settings);
        return OpenAsync(port, pacer, settings.ReadCoalescing, cancellationToken);
    }

    /// <summary>Opens the given port (unless already open) and wraps it in a duplex pipe that owns it.</summary>
    /// <param name="port">The port; the returned pipe disposes it.</param>
    /// <param name="cancellationToken">Cancels before the port is opened.</param>
    /// <returns>The open link; dispose it to close the port.</returns>
    /// <exception cref="SerialLinkException">The device is missing or cannot be opened.</exception>
    public static Task<SerialDuplexPipe> OpenAsync(ISerialPort port, CancellationToken cancellationToken = default) =>
        OpenAsync(port, null, TimeSpan.Zero, cancellationToken);

    private static Task<SerialDuplexPipe> OpenAsync(ISerialPort port, LineRatePacer? pacer, TimeSpan readCoalescing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(port);
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!port.IsOpen)
            {
                port.Open();
            }

            return Task.FromResult(new SerialDuplexPipe(port, pacer: pacer, readCoalescing: readCoalescing));
        }
        catch
        {
            port.Dispose();
            throw;
        }
    }
}
