using System.Buffers;

namespace CtiGateway.Protocol.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void EncodesAndDecodesRegisterAddress()
    {
        var m = new TlibMessage(MessageType.RequestRegisterAddress) { ReferenceID = 7, ThisDN = "5001" };
        var w = new ArrayBufferWriter<byte>();
        TlibMessageWriter.Write(m, w);
        var seq = new ReadOnlySequence<byte>(w.WrittenMemory);
        Assert.True(TlibFrameReader.TryReadFrame(ref seq, out var frame));
        var d = TlibMessageReader.Decode(frame.Payload);
        Assert.Equal("5001", d.ThisDN);
        Assert.Equal(7, d.ReferenceID);
    }
}
