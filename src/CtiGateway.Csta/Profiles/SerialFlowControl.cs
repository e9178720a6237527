namespace CtiGateway.Pbx.Profiles;

/// <summary>Serial flow control: none, XON/XOFF in band, or RTS/CTS hardware handshake.</summary>
public enum SerialFlowControl
{
    None,
    XonXoff,
    RtsCts,
}
