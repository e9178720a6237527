namespace CtiGateway.Pbx.Lapb;

/// <summary>
/// CRC-16/X.25 (the HDLC/LAPB FCS): reflected polynomial 0x1021 (0x8408), init 0xFFFF, final XOR 0xFFFF,
/// sent low byte first. Check value of "123456789" is 0x906E; the register over data followed by its FCS
/// (without the final XOR) is the residue 0xF0B8.
/// </summary>
internal static class Crc16X25
{
    /// <summary>Initial register value.</summary>
    public const ushort Initial = 0xFFFF;

    /// <summary>CRC of the ASCII bytes "123456789".</summary>
    public const ushort CheckValue = 0x906E;

    /// <summary>Register value after running data plus its correct FCS through <see cref="Update"/>.</summary>
    public const ushort GoodResidue = 0xF0B8;

    private static readonly ushort[] Table = BuildTable();

    /// <summary>Runs <paramref name="data"/> through the register (no final XOR).</summary>
    public static ushort Update(ushort register, ReadOnlySpan<byte> data)
    {
        var table = Table;
        foreach (var b in data)
        {
            register = (ushort)((register >> 8) ^ table[(register ^ b) & 0xFF]);
        }

        return register;
    }

    /// <summary>The FCS of <paramref name="data"/> (final XOR applied), to be sent low byte first.</summary>
    public static ushort Compute(ReadOnlySpan<byte> data) => (ushort)(Update(Initial, data) ^ 0xFFFF);

    private static ushort[] BuildTable()
    {
        var table = new ushort[256];
        for (var i = 0; i < 256; i++)
        {
            var crc = (ushort)i;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (ushort)((crc >> 1) ^ 0x8408) : (ushort)(crc >> 1);
            }

            table[i] = crc;
        }

        return table;
    }
}
