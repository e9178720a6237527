namespace CtiGateway.Pbx.Lapb;

/// <summary>
/// LAPB parameters. Defaults are the Meridian Link "link 1" values from the switch reference: T1 = 3 s,
/// N2 = 7, k = 7, 128-octet information field; the host is the DTE (address 3) facing the switch DCE (address 1).
/// </summary>
internal sealed record LapbOptions
{
    /// <summary>LAPB address A (DTE).</summary>
    public const byte AddressA = 0x03;

    /// <summary>LAPB address B (DCE).</summary>
    public const byte AddressB = 0x01;

    /// <summary>Our address: peer commands carry it, our responses carry it.</summary>
    public byte LocalAddress { get; init; } = AddressA;

    /// <summary>The peer's address: our commands carry it, peer responses carry it.</summary>
    public byte RemoteAddress { get; init; } = AddressB;

    /// <summary>T1: retransmission/poll timer.</summary>
    public TimeSpan T1 { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// T3: idle-link timer. When the link is connected and no frame has been received for T3 while T1 is not running,
    /// the station polls the peer (RR/RNR command with P = 1) and enters timer recovery, so a silent peer is found
    /// within T3 + N2 x T1 even when neither side has data to send. <see cref="TimeSpan.Zero"/> disables it.
    /// </summary>
    public TimeSpan T3 { get; init; } = TimeSpan.Zero;

    /// <summary>N2: maximum number of transmissions of a SABM, DISC, FRMR or T1 poll before giving up.</summary>
    public int N2 { get; init; } = 7;

    /// <summary>k: maximum number of outstanding unacknowledged I frames (1..7 with modulo 8).</summary>
    public int K { get; init; } = 7;

    /// <summary>N1 in octets of information field (the maximum I-frame information length).</summary>
    public int MaxInformationLength { get; init; } = 128;

    /// <summary>Maximum frame size for <see cref="HdlcFrameReader"/>: address + control + information.</summary>
    public int MaxFrameSize => MaxInformationLength + 2;

    /// <summary>The switch side of the same link (DCE, address 1, peer 3).</summary>
    public static LapbOptions Dce => new() { LocalAddress = AddressB, RemoteAddress = AddressA };

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        if (LocalAddress == RemoteAddress)
        {
            throw new ArgumentException("LAPB local and remote addresses must differ (" + LocalAddress + ").");
        }

        if (T1 <= TimeSpan.Zero)
        {
            throw new ArgumentException("LAPB T1 must be positive.");
        }

        if (T3 < TimeSpan.Zero)
        {
            throw new ArgumentException("LAPB T3 must not be negative.");
        }

        if (N2 < 1)
        {
            throw new ArgumentException("LAPB N2 must be at least 1.");
        }

        if (K is < 1 or > 7)
        {
            throw new ArgumentException("LAPB k must be 1..7 with modulo 8, not " + K + ".");
        }

        if (MaxInformationLength < 1)
        {
            throw new ArgumentException("LAPB N1 must be at least 1 octet.");
        }
    }
}
