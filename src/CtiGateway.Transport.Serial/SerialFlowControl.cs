namespace CtiGateway.Transport.Serial;

/// <summary>Flow control (handshake) of a serial line.</summary>
public enum SerialFlowControl
{
    /// <summary>No flow control.</summary>
    None,

    /// <summary>Hardware flow control with the RTS and CTS lines.</summary>
    RtsCts,

    /// <summary>Software flow control with XON (0x11) and XOFF (0x13).</summary>
    XonXoff,
}
