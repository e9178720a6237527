namespace CtiGateway.Pbx.Profiles;

/// <summary>RS-232 line settings. <see cref="StopBits"/> is 1, 1.5 or 2.</summary>
public sealed record SerialSettings(int Baud, int DataBits, SerialParity Parity, double StopBits, SerialFlowControl FlowControl)
{
    /// <summary>Bits on the wire per character: start bit, data bits, parity bit if any, stop bits.</summary>
    public double BitsPerCharacter => 1 + DataBits + (Parity == SerialParity.None ? 0 : 1) + StopBits;

    /// <summary>Characters per second at this baud rate (11,520 at 115200 8N1).</summary>
    public double BytesPerSecond => Baud / BitsPerCharacter;
}
