using CtiGateway.Pbx.Lapb;

namespace CtiGateway.Pbx.Tests.Lapb;

public sealed class Crc16X25Tests
{
    [Fact]
    public void CheckValueOf123456789Is906E()
    {
        Assert.Equal(0x906E, Crc16X25.Compute("123456789"u8));
        Assert.Equal(Crc16X25.CheckValue, Crc16X25.Compute("123456789"u8));
    }

    [Fact]
    public void ResidueOverDataAndFcsIsF0B8()
    {
        var data = "123456789"u8.ToArray();
        var fcs = Crc16X25.Compute(data);
        byte[] withFcs = [.. data, (byte)(fcs & 0xFF), (byte)(fcs >> 8)];
        Assert.Equal(Crc16X25.GoodResidue, Crc16X25.Update(Crc16X25.Initial, withFcs));
        Assert.Equal(0xF0B8, Crc16X25.GoodResidue);
    }

    [Fact]
    public void SabmToAddress3MatchesWorkedExample()
    {
        var fcs = Crc16X25.Compute([0x03, 0x3F]);
        Assert.Equal(0x5B, fcs & 0xFF);
        Assert.Equal(0xEC, fcs >> 8);
    }
}
