using System.Buffers;
using CtiGateway.Pbx.Lapb;

namespace CtiGateway.Pbx.Tests.Lapb;

/// <summary>
/// tshark does not verify the LAPB FCS, so every frame of a lossy LAPB exchange is checked here with a bit-by-bit
/// CRC-16/X.25 written in the test (reflected polynomial 0x8408, init 0xFFFF, final XOR 0xFFFF), independent of the
/// product's table-driven <see cref="Crc16X25"/>.
/// </summary>
public sealed class LapbFcsIndependentCheckTests
{
    [Fact]
    public void TheIndependentRoutineHasTheStandardCheckValue() =>
        Assert.Equal(0x906E, BitwiseCrc16X25("123456789"u8));

    [Fact]
    public void EveryFrameOnTheLineCarriesAnFcsTheIndependentRoutineAccepts()
    {
        var pair = new LapbBackToBack(7, new LapbOptions(), LapbOptions.Dce) { CorruptRate = 0.01, DropRate = 0.02 };
        pair.A.Start(TimeSpan.Zero);
        for (var i = 0; i < 200; i++)
        {
            pair.A.Send([0x10, 0x01, 0x0B, (byte)i, 0x7E, 0x7D], TimeSpan.Zero); // flag and escape bytes in the payload
        }

        Assert.True(pair.RunUntil(() => pair.DeliveredToB.Count == 200, TimeSpan.FromHours(1)));
        Assert.NotEmpty(pair.SentByA);
        foreach (var (_, frame) in pair.SentByA)
        {
            var line = new ArrayBufferWriter<byte>();
            HdlcFrameWriter.Write(frame.ToArray(), line);
            var unstuffed = Unstuff(line.WrittenSpan);
            Assert.True(unstuffed.Length >= 4, "a frame is at least address, control and a 2-byte FCS");
            var body = unstuffed.AsSpan(0, unstuffed.Length - 2);
            var fcs = unstuffed[^2] | (unstuffed[^1] << 8); // FCS goes low byte first
            Assert.Equal(BitwiseCrc16X25(body), fcs);
            Assert.Equal(frame.ToArray(), body.ToArray());
        }
    }

    private static byte[] Unstuff(ReadOnlySpan<byte> line)
    {
        Assert.Equal(0x7E, line[0]);
        Assert.Equal(0x7E, line[^1]);
        var output = new List<byte>();
        for (var i = 1; i < line.Length - 1; i++)
        {
            Assert.NotEqual(0x7E, line[i]);
            output.Add(line[i] == 0x7D ? (byte)(line[++i] ^ 0x20) : line[i]);
        }

        return [.. output];
    }

    private static int BitwiseCrc16X25(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFF;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x8408 : crc >> 1;
            }
        }

        return crc ^ 0xFFFF;
    }
}
