namespace CtiGateway.Pbx.Tests;

public sealed class PbxFramingExceptionTests
{
    [Fact]
    public void CarriesCauseOffsetAndBytes()
    {
        var ex = new PbxFramingException("bad-fcs", "FCS 0x1234 does not match 0x5678", 17, [0x7E, 0x01]);
        Assert.Equal("bad-fcs", ex.Cause);
        Assert.Equal(17, ex.Offset);
        Assert.Equal(new byte[] { 0x7E, 0x01 }, ex.Bytes);
        Assert.Contains("FCS", ex.Message, StringComparison.Ordinal);
    }
}
