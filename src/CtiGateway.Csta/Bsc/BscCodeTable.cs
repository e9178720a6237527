namespace CtiGateway.Pbx.Bsc;

/// <summary>
/// The byte values of the BSC control codes on one link. switch.md §2.2 gives the NEC NEAX table read from an OCR'd
/// manual (EBCDIC-style DLE pairs mixed with ASCII STX/ETX/EOT); it flags that table as possibly OCR-damaged, so the
/// classic ASCII BSC table is offered as well and a firmware profile picks one.
/// </summary>
/// <remarks>
/// In the NEAX table ENQ ('-'), NAK ('=') and the bid prefix ("1!") are printable characters. Inside a block that is
/// harmless (only STX and ETX end a text), but bytes of a block whose STX was lost are read as units: a stray '-' is an
/// ENQ, which the link answers by repeating its last answer, so it costs a round trip and no data.
/// </remarks>
public sealed class BscCodeTable
{
    /// <summary>The table exactly as switch.md §2.2 lists it: ENQ 0x2D, NAK 0x3D, ACK0 10 70, ACK1 10 61,
    /// WACK 10 6B, RVI 10 7C, STX 02, ETX 03, EOT 04; bid start sequence SA '1' (0x31), UA '!' (0x21).</summary>
    public static BscCodeTable Neax { get; } = new(
        stx: 0x02, etx: 0x03, eot: 0x04, enq: 0x2D, nak: 0x3D, dle: 0x10,
        ack0: 0x70, ack1: 0x61, wack: 0x6B, rvi: 0x7C, stationAddress: 0x31, unitAddress: 0x21);

    /// <summary>Classic ASCII BSC: ENQ 0x05, NAK 0x15, ACK0 DLE '0', ACK1 DLE '1', WACK DLE ';', RVI DLE '&lt;'.</summary>
    public static BscCodeTable Ascii { get; } = new(
        stx: 0x02, etx: 0x03, eot: 0x04, enq: 0x05, nak: 0x15, dle: 0x10,
        ack0: 0x30, ack1: 0x31, wack: 0x3B, rvi: 0x3C, stationAddress: 0x31, unitAddress: 0x21);

    /// <summary>Creates a table. The single-byte codes (STX, ETX, EOT, ENQ, NAK, DLE, SA) must all differ.</summary>
    public BscCodeTable(
        byte stx, byte etx, byte eot, byte enq, byte nak, byte dle,
        byte ack0, byte ack1, byte wack, byte rvi, byte stationAddress, byte unitAddress)
    {
        byte[] starts = [stx, etx, eot, enq, nak, dle, stationAddress];
        if (starts.Distinct().Count() != starts.Length)
        {
            throw new ArgumentException("STX, ETX, EOT, ENQ, NAK, DLE and SA must be distinct byte values.");
        }

        byte[] seconds = [ack0, ack1, wack, rvi];
        if (seconds.Distinct().Count() != seconds.Length)
        {
            throw new ArgumentException("The second bytes of ACK0, ACK1, WACK and RVI must be distinct.");
        }

        Stx = stx;
        Etx = etx;
        Eot = eot;
        Enq = enq;
        Nak = nak;
        Dle = dle;
        Ack0 = ack0;
        Ack1 = ack1;
        Wack = wack;
        Rvi = rvi;
        StationAddress = stationAddress;
        UnitAddress = unitAddress;
    }

    /// <summary>Start of text.</summary>
    public byte Stx { get; }

    /// <summary>End of text; the BCC byte follows it.</summary>
    public byte Etx { get; }

    /// <summary>End of transmission (releases the line).</summary>
    public byte Eot { get; }

    /// <summary>Enquiry (bid when after SA UA, otherwise "repeat your last answer").</summary>
    public byte Enq { get; }

    /// <summary>Negative acknowledgement.</summary>
    public byte Nak { get; }

    /// <summary>Data link escape, first byte of ACK0, ACK1, WACK and RVI.</summary>
    public byte Dle { get; }

    /// <summary>Second byte of ACK0.</summary>
    public byte Ack0 { get; }

    /// <summary>Second byte of ACK1.</summary>
    public byte Ack1 { get; }

    /// <summary>Second byte of WACK.</summary>
    public byte Wack { get; }

    /// <summary>Second byte of RVI.</summary>
    public byte Rvi { get; }

    /// <summary>SA, first byte of the bid start sequence.</summary>
    public byte StationAddress { get; }

    /// <summary>UA, second byte of the bid start sequence.</summary>
    public byte UnitAddress { get; }
}
