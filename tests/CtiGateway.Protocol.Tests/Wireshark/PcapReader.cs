using System.Buffers.Binary;

namespace CtiGateway.Protocol.Tests.Wireshark;

/// <summary>
/// Reads a classic libpcap file that may still be growing (a record cut short at the end is ignored) and sums the TCP
/// payload bytes per source port. Used to wait until dumpcap has written every byte the test sent.
/// </summary>
internal static class PcapReader
{
    private const int LinkEthernet = 1;
    private const int LinkLinuxCooked = 113;

    public static Dictionary<int, long> TcpPayloadBytesBySourcePort(string file)
    {
        var totals = new Dictionary<int, long>();
        byte[] data;
        using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            data = new byte[stream.Length];
            stream.ReadExactly(data);
        }

        if (data.Length < 24)
        {
            return totals;
        }

        var magic = BinaryPrimitives.ReadUInt32LittleEndian(data);
        var little = magic is 0xa1b2c3d4 or 0xa1b23c4d;
        if (!little && BinaryPrimitives.ReadUInt32BigEndian(data) is not (0xa1b2c3d4 or 0xa1b23c4d))
        {
            throw new InvalidDataException($"{file} is not a libpcap file (magic 0x{magic:x8}).");
        }

        uint U32(int offset) => little ? BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(offset)) : BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(offset));
        var link = (int)U32(20);
        var pos = 24;
        while (pos + 16 <= data.Length)
        {
            var captured = (int)U32(pos + 8);
            if (pos + 16 + captured > data.Length)
            {
                break;
            }

            var packet = data.AsSpan(pos + 16, captured);
            pos += 16 + captured;
            if (TryTcpPayload(packet, link, out var sourcePort, out var payload))
            {
                totals[sourcePort] = totals.GetValueOrDefault(sourcePort) + payload;
            }
        }

        return totals;
    }

    private static bool TryTcpPayload(ReadOnlySpan<byte> packet, int link, out int sourcePort, out int payload)
    {
        sourcePort = 0;
        payload = 0;
        int ip;
        int etherType;
        switch (link)
        {
            case LinkEthernet when packet.Length >= 14:
                etherType = BinaryPrimitives.ReadUInt16BigEndian(packet[12..]);
                ip = 14;
                break;
            case LinkLinuxCooked when packet.Length >= 16:
                etherType = BinaryPrimitives.ReadUInt16BigEndian(packet[14..]);
                ip = 16;
                break;
            default:
                return false;
        }

        int tcp;
        int ipPayloadEnd;
        if (etherType == 0x0800 && packet.Length >= ip + 20 && packet[ip + 9] == 6)
        {
            tcp = ip + ((packet[ip] & 0x0f) * 4);
            ipPayloadEnd = ip + BinaryPrimitives.ReadUInt16BigEndian(packet[(ip + 2)..]);
        }
        else if (etherType == 0x86DD && packet.Length >= ip + 40 && packet[ip + 6] == 6)
        {
            tcp = ip + 40;
            ipPayloadEnd = tcp + BinaryPrimitives.ReadUInt16BigEndian(packet[(ip + 4)..]);
        }
        else
        {
            return false;
        }

        if (packet.Length < tcp + 20 || ipPayloadEnd > packet.Length)
        {
            return false;
        }

        sourcePort = BinaryPrimitives.ReadUInt16BigEndian(packet[tcp..]);
        payload = ipPayloadEnd - tcp - ((packet[tcp + 12] >> 4) * 4);
        return payload >= 0;
    }
}
