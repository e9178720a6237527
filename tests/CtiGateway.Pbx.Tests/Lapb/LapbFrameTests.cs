using System.Buffers;
using CtiGateway.Pbx.Lapb;

namespace CtiGateway.Pbx.Tests.Lapb;

public sealed class LapbFrameTests
{
    [Theory]
    [InlineData(new byte[] { 0x03, 0x3F }, "SABM", true)]
    [InlineData(new byte[] { 0x01, 0x73 }, "UA", true)]
    [InlineData(new byte[] { 0x01, 0x43 }, "DISC", false)]
    [InlineData(new byte[] { 0x03, 0x1F }, "DM", true)]
    [InlineData(new byte[] { 0x03, 0x21 }, "RR", false)]
    [InlineData(new byte[] { 0x03, 0xB5 }, "RNR", true)]
    [InlineData(new byte[] { 0x03, 0x49 }, "REJ", false)]
    public void ControlOctetsFromTheReference(byte[] bytes, string kind, bool pf)
    {
        var frame = LapbFrame.Parse(bytes);
        Assert.Equal(kind, frame.Kind.ToString());
        Assert.Equal(pf, frame.PollFinal);
        Assert.Equal(bytes, frame.ToArray());
    }

    [Fact]
    public void InformationFrameFields()
    {
        var frame = LapbFrame.Parse([0x01, (byte)((5 << 1) | 0x10 | (3 << 5)), 0xAA, 0xBB]);
        Assert.Equal(LapbFrameKind.I, frame.Kind);
        Assert.Equal(5, frame.NS);
        Assert.Equal(3, frame.NR);
        Assert.True(frame.PollFinal);
        Assert.Equal(new byte[] { 0xAA, 0xBB }, frame.Information.ToArray());
        var writer = new ArrayBufferWriter<byte>();
        frame.Write(writer);
        Assert.Equal(frame.ToArray(), writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void FrmrInformationFieldRoundTrips()
    {
        var info = new LapbFrmrInfo(0x22, 4, true, 6, W: false, X: false, Y: false, Z: true);
        var frame = LapbFrame.FrameReject(0x03, true, info);
        var back = LapbFrame.Parse(frame.ToArray());
        Assert.Equal(LapbFrameKind.FRMR, back.Kind);
        Assert.Equal(info, back.FrmrInfo);
        Assert.Equal(new byte[] { 0x03, 0x97, 0x22, (4 << 1) | 0x10 | (6 << 5), 0x08 }, frame.ToArray());
    }

    [Theory]
    [InlineData(new byte[] { 0x03 }, "lapb-too-short")]
    [InlineData(new byte[] { 0x03, 0x0D }, "lapb-bad-control")]
    [InlineData(new byte[] { 0x03, 0x03 }, "lapb-bad-control")]
    [InlineData(new byte[] { 0x03, 0x01, 0x00 }, "lapb-unexpected-information")]
    [InlineData(new byte[] { 0x03, 0x3F, 0x00 }, "lapb-unexpected-information")]
    [InlineData(new byte[] { 0x03, 0x87, 0x00 }, "lapb-bad-frmr")]
    public void MalformedFramesAreTypedErrors(byte[] bytes, string cause)
    {
        var ex = Assert.Throws<PbxFramingException>(() => LapbFrame.Parse(bytes));
        Assert.Equal(cause, ex.Cause);
    }

    [Fact]
    public void FuzzParseOnlyTypedErrorsAndRoundTrip()
    {
        var random = new Random(8);
        for (var i = 0; i < 100_000; i++)
        {
            var bytes = new byte[random.Next(0, 8)];
            random.NextBytes(bytes);
            LapbFrame frame;
            try
            {
                frame = LapbFrame.Parse(bytes);
            }
            catch (PbxFramingException)
            {
                continue;
            }

            Assert.Equal(bytes, frame.ToArray());
            Assert.Equal(frame.ToArray(), LapbFrame.Parse(frame.ToArray()).ToArray());
        }
    }
}
