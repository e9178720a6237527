using System.Buffers;
using System.Buffers.Binary;

namespace CtiGateway.Pbx.Lapb;

/// <summary>
/// Writes LAPB frames (address, control, information; no flags, no FCS) as a classic pcap file with
/// linktype 147 (USER0), which tshark decodes with
/// <c>-o 'uat:user_dlts:"User 0 (DLT=147)","lapb","0","","0",""'</c>.
/// </summary>
internal static class LapbPcapWriter
{
    /// <summary>LINKTYPE_USER0.</summary>
    public const uint LinkTypeUser0 = 147;

    private const int MaxSnapLength = 65535;

    /// <summary>Writes the 24-byte pcap global header (little-endian, microsecond timestamps).</summary>
    public static void WriteHeader(IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var span = writer.GetSpan(24);
        BinaryPrimitives.WriteUInt32LittleEndian(span, 0xA1B2C3D4);
        BinaryPrimitives.WriteUInt16LittleEndian(span[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(span[6..], 4);
        BinaryPrimitives.WriteInt32LittleEndian(span[8..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(span[12..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(span[16..], MaxSnapLength);
        BinaryPrimitives.WriteUInt32LittleEndian(span[20..], LinkTypeUser0);
        writer.Advance(24);
    }

    /// <summary>Writes one record: <paramref name="time"/> since the capture epoch and the frame bytes.</summary>
    public static void WriteFrame(IBufferWriter<byte> writer, TimeSpan time, ReadOnlySpan<byte> addressControlInfo)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentOutOfRangeException.ThrowIfLessThan(time, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(addressControlInfo.Length, MaxSnapLength);
        var microseconds = time.Ticks / 10;
        var span = writer.GetSpan(16 + addressControlInfo.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)(microseconds / 1_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)(microseconds % 1_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(span[8..], (uint)addressControlInfo.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(span[12..], (uint)addressControlInfo.Length);
        addressControlInfo.CopyTo(span[16..]);
        writer.Advance(16 + addressControlInfo.Length);
    }
}
