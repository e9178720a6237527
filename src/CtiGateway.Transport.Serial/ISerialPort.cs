namespace CtiGateway.Transport.Serial;

/// <summary>
/// The serial port as the link stack sees it, so that transports and tests do not depend on
/// <c>System.IO.Ports.SerialPort</c> (the FluentModbus/NModbus split).
/// </summary>
public interface ISerialPort : IDisposable
{
    /// <summary>Device path or name of the port.</summary>
    string PortName { get; }

    /// <summary>Whether the port is open.</summary>
    bool IsOpen { get; }

    /// <summary>The byte stream of the open port.</summary>
    /// <exception cref="InvalidOperationException">The port is not open.</exception>
    Stream BaseStream { get; }

    /// <summary>Opens the port with its settings.</summary>
    /// <exception cref="SerialLinkException">The device is missing, busy or refuses the settings.</exception>
    void Open();

    /// <summary>Closes the port; pending reads and writes on <see cref="BaseStream"/> end with an error.</summary>
    void Close();
}
