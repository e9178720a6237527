using System.Buffers;
using CtiGateway.Protocol.Tests.Support;

namespace CtiGateway.Protocol.Tests.Codec;

/// <summary>Framing errors are fatal, typed, and found as soon as the offending header byte arrives.</summary>
public sealed class FrameErrorTests
{
    [Theory]
    [InlineData(new byte[] { 0x00 })]
    [InlineData(new byte[] { 0x4C, 0x54 })]
    [InlineData(new byte[] { 0x47, 0x45, 0x54, 0x20, 0x2F, 0x20, 0x48, 0x54, 0x54, 0x50 })]
    public void ABadFirstMagicByteIsFatalAtOffset0(byte[] bytes)
    {
        var e = ReadError(bytes);

        Assert.Equal(ProtocolErrorKind.BadMagic, e.Kind);
        Assert.True(e.IsFatal);
        Assert.Equal(0, e.Offset);
        Assert.Null(e.Attribute);
        Assert.Contains("magic", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0x54, 0x00 })]
    [InlineData(new byte[] { 0x54, 0x54, 0x01, 0x01, 0, 0, 0, 4, 0, 0, 0, 0 })]
    public void ABadSecondMagicByteIsFatalAtOffset1(byte[] bytes)
    {
        var e = ReadError(bytes);

        Assert.Equal(ProtocolErrorKind.BadMagic, e.Kind);
        Assert.True(e.IsFatal);
        Assert.Equal(1, e.Offset);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(255)]
    public void AnotherWireVersionIsFatalAtOffset2(int version)
    {
        var e = ReadError([0x54, 0x4C, (byte)version]);

        Assert.Equal(ProtocolErrorKind.UnsupportedVersion, e.Kind);
        Assert.True(e.IsFatal);
        Assert.Equal(2, e.Offset);
        Assert.Contains(version.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0x00)]
    [InlineData(0x05)]
    [InlineData(0xFF)]
    public void AnUnknownFrameKindIsFatalAtOffset3(int kind)
    {
        var e = ReadError([0x54, 0x4C, 0x01, (byte)kind]);

        Assert.Equal(ProtocolErrorKind.UnknownFrameKind, e.Kind);
        Assert.True(e.IsFatal);
        Assert.Equal(3, e.Offset);
    }

    [Theory]
    [InlineData(TlibWire.DefaultMaxFrameSize)]
    [InlineData(TlibWire.MinMaxFrameSize)]
    [InlineData(TlibWire.MaxMaxFrameSize)]
    public void ALengthOverTheMaximumIsFatalFromTheHeaderAlone(int maxFrameSize)
    {
        // Only the 8 header bytes have arrived: the reader must not wait for a body it will never accept.
        var header = new Wire().U8(0x54).U8(0x4C).U8(1).U8(1).U32((uint)(maxFrameSize - TlibWire.HeaderSize + 1)).ToArray();
        var seq = new ReadOnlySequence<byte>(header);

        var e = Assert.Throws<TlibProtocolException>(() => TlibFrameReader.TryReadFrame(ref seq, out _, maxFrameSize));

        Assert.Equal(ProtocolErrorKind.FrameTooLarge, e.Kind);
        Assert.True(e.IsFatal);
        Assert.Equal(4, e.Offset);
        Assert.Equal(header.Length, seq.Length);
    }

    [Fact]
    public void ALengthOfExactlyTheMaximumWaitsForTheBody()
    {
        var header = new Wire().U8(0x54).U8(0x4C).U8(1).U8(1).U32(TlibWire.MinMaxFrameSize - TlibWire.HeaderSize).ToArray();
        var seq = new ReadOnlySequence<byte>(header);

        Assert.False(TlibFrameReader.TryReadFrame(ref seq, out _, TlibWire.MinMaxFrameSize));
        Assert.Equal(header.Length, seq.Length);
    }

    [Fact]
    public void TheCodecAppliesItsOwnMaximum()
    {
        var codec = new TlibBinaryCodec(TlibWire.MinMaxFrameSize);
        var seq = new ReadOnlySequence<byte>(new Wire().U8(0x54).U8(0x4C).U8(1).U8(1).U32(TlibWire.MinMaxFrameSize).ToArray());

        Assert.Equal(ProtocolErrorKind.FrameTooLarge, Assert.Throws<TlibProtocolException>(() => codec.TryReadFrame(ref seq, out _)).Kind);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TlibBinaryCodec(TlibWire.MinMaxFrameSize - 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TlibBinaryCodec(TlibWire.MaxMaxFrameSize + 1));
    }

    [Theory]
    [InlineData(FrameKind.AddpPoll, 0)]
    [InlineData(FrameKind.AddpPoll, 3)]
    [InlineData(FrameKind.AddpPoll, 5)]
    [InlineData(FrameKind.AddpReply, 8)]
    [InlineData(FrameKind.AddpHello, 4)]
    [InlineData(FrameKind.AddpHello, 6)]
    [InlineData(FrameKind.Message, 0)]
    [InlineData(FrameKind.Message, 3)]
    public void ALengthThatDoesNotFitTheKindIsFatal(FrameKind kind, int length)
    {
        var e = ReadError(new Wire().U8(0x54).U8(0x4C).U8(1).U8((int)kind).U32((uint)length).ToArray());

        Assert.Equal(ProtocolErrorKind.BadFrameLength, e.Kind);
        Assert.True(e.IsFatal);
        Assert.Equal(4, e.Offset);
        Assert.Contains(kind.ToString(), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAddpHelloOutOfRangeIsFatal()
    {
        var seq = new ReadOnlySequence<byte>(Wire.Frame(FrameKind.AddpHello, new Wire().U16(3601).U16(10).U8(0).ToArray()));
        Assert.True(TlibFrameReader.TryReadFrame(ref seq, out var frame));

        var e = Assert.Throws<TlibProtocolException>(() => TlibFrameReader.ReadAddpHello(frame));

        Assert.True(e.IsFatal);
        Assert.Equal(TlibWire.HeaderSize, e.Offset);
        Assert.Contains("3601", e.Message, StringComparison.Ordinal);

        var badTrace = new ReadOnlySequence<byte>(Wire.Frame(FrameKind.AddpHello, new Wire().U16(10).U16(10).U8(4).ToArray()));
        Assert.True(TlibFrameReader.TryReadFrame(ref badTrace, out frame));
        Assert.True(Assert.Throws<TlibProtocolException>(() => TlibFrameReader.ReadAddpHello(frame)).IsFatal);
    }

    [Fact]
    public void GarbageAfterAGoodFrameFailsOnlyWhenReached()
    {
        var good = Wire.Encode(new TlibMessage(MessageType.RequestQueryServer) { ReferenceID = 1 });
        var seq = new ReadOnlySequence<byte>([.. good, 0x00, 0x01]);

        Assert.True(TlibFrameReader.TryReadFrame(ref seq, out var frame));
        Assert.Equal(1, TlibMessageReader.Decode(frame.Payload).ReferenceID);
        var rest = seq;
        Assert.Equal(ProtocolErrorKind.BadMagic, Assert.Throws<TlibProtocolException>(() => TlibFrameReader.TryReadFrame(ref rest, out _)).Kind);
    }

    private static TlibProtocolException ReadError(byte[] bytes)
    {
        // The error must not depend on how the bytes are cut.
        var single = new ReadOnlySequence<byte>(bytes);
        var e = Assert.Throws<TlibProtocolException>(() => TlibFrameReader.TryReadFrame(ref single, out _));
        var segmented = Segmented.OneBytePerSegment(bytes);
        var e2 = Assert.Throws<TlibProtocolException>(() => TlibFrameReader.TryReadFrame(ref segmented, out _));
        Assert.Equal(e.Kind, e2.Kind);
        Assert.Equal(e.Offset, e2.Offset);
        return e;
    }
}
