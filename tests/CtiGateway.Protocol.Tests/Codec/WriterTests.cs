using System.Buffers;
using CtiGateway.Protocol.Tests.Support;

namespace CtiGateway.Protocol.Tests.Codec;

/// <summary>The writer's limits: frame size, nesting, key length, time range; nothing is written when it refuses.</summary>
public sealed class WriterTests
{
    [Fact]
    public void AFrameOfExactlyTheMaximumIsWrittenAndOneByteMoreIsRefused()
    {
        // Header 8 + head 4 + attribute head 3 + string length 4 = 19 bytes around the text.
        var fits = new TlibMessage(MessageType.EventUserEvent) { ThisDN = new string('x', TlibWire.MinMaxFrameSize - 19) };
        var over = new TlibMessage(MessageType.EventUserEvent) { ThisDN = new string('x', TlibWire.MinMaxFrameSize - 18) };
        var w = new ArrayBufferWriter<byte>();

        Assert.Equal(TlibWire.MinMaxFrameSize, TlibMessageWriter.Write(fits, w, TlibWire.MinMaxFrameSize));
        w.ResetWrittenCount();
        var e = Assert.Throws<TlibProtocolException>(() => TlibMessageWriter.Write(over, w, TlibWire.MinMaxFrameSize));

        Assert.Equal(ProtocolErrorKind.FrameTooLarge, e.Kind);
        Assert.Contains("1025", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, w.WrittenCount);
    }

    [Fact]
    public void NonAsciiTextIsMeasuredExactlyNearTheLimit()
    {
        // Each '東' is 3 UTF-8 bytes: 335 of them make exactly 1024 bytes with the 19 around them, 336 make 1027.
        var w = new ArrayBufferWriter<byte>();
        var fits = new TlibMessage(MessageType.EventUserEvent) { ThisDN = new string('東', 335) };
        var over = new TlibMessage(MessageType.EventUserEvent) { ThisDN = new string('東', 336) };

        Assert.Equal(19 + 1005, TlibMessageWriter.Write(fits, w, TlibWire.MinMaxFrameSize));
        Assert.Equal(ProtocolErrorKind.FrameTooLarge, Assert.Throws<TlibProtocolException>(() => TlibMessageWriter.Write(over, new ArrayBufferWriter<byte>(), TlibWire.MinMaxFrameSize)).Kind);
    }

    [Fact]
    public void AsciiTextOverTheWorstCaseBoundStillFits()
    {
        // 1000 ASCII chars: the 3-bytes-a-char bound says 3019 > 1024, the exact size 1019 fits.
        var m = new TlibMessage(MessageType.EventUserEvent) { ThisDN = new string('a', 1000) };
        var w = new ArrayBufferWriter<byte>();

        Assert.Equal(1019, TlibMessageWriter.Write(m, w, TlibWire.MinMaxFrameSize));
        Assert.Equal(m.ThisDN, Wire.Decode(w.WrittenSpan.ToArray()).ThisDN);
    }

    [Fact]
    public void AHugeMessageIsRefusedBeforeTheWriterIsAskedForMemory()
    {
        var m = new TlibMessage(MessageType.EventUserEvent) { ThisDN = new string('a', 10_000_000) };
        var w = new RecordingWriter();

        Assert.Equal(ProtocolErrorKind.FrameTooLarge, Assert.Throws<TlibProtocolException>(() => TlibMessageWriter.Write(m, w)).Kind);
        Assert.DoesNotContain(w.Requests, r => r > TlibWire.DefaultMaxFrameSize);
        Assert.Equal(0, w.Advanced);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(1000)]
    public void AWriterWhoseCurrentSpanIsTooSmallIsAskedForTheWorstCase(int firstSpan)
    {
        var m = SampleValues.FullMessage(MessageType.EventServerInfo);
        var w = new RecordingWriter(firstSpan);

        var n = TlibMessageWriter.Write(m, w);

        Assert.Equal(Wire.Encode(m), w.Written.ToArray());
        Assert.Equal(n, w.Advanced);
        Assert.Equal([0, TlibMessageWriter.MaxSize(m)], w.Requests);
    }

    [Fact]
    public void AFrameOverTheMaximumIsRefusedAlsoWhenTheWriterHadRoomForIt()
    {
        var over = new TlibMessage(MessageType.EventUserEvent) { ThisDN = new string('x', TlibWire.MinMaxFrameSize - 18) };
        var w = new ArrayBufferWriter<byte>(1 << 20);

        Assert.Equal(ProtocolErrorKind.FrameTooLarge, Assert.Throws<TlibProtocolException>(() => TlibMessageWriter.Write(over, w, TlibWire.MinMaxFrameSize)).Kind);
        Assert.Equal(0, w.WrittenCount);
    }

    [Fact]
    public void WriteToASpanTooSmallIsRefused()
    {
        var m = SampleValues.EventRinging();
        var size = Wire.Encode(m).Length;

        Assert.Throws<ArgumentException>(() => TlibMessageWriter.Write(m, new byte[size - 1]));
        Assert.Equal(size, TlibMessageWriter.Write(m, new byte[size]));
    }

    [Fact]
    public void TheCodecWritesWithItsOwnMaximum()
    {
        var codec = new TlibBinaryCodec(TlibWire.MinMaxFrameSize);
        var m = new TlibMessage(MessageType.EventUserEvent) { ThisDN = new string('a', 2000) };

        Assert.Equal(ProtocolErrorKind.FrameTooLarge, Assert.Throws<TlibProtocolException>(() => codec.WriteMessage(m, new ArrayBufferWriter<byte>())).Kind);
        Assert.Equal(2019, TlibBinaryCodec.Default.WriteMessage(m, new ArrayBufferWriter<byte>()));
        Assert.Equal("ctigw-tlib-v1", codec.Name);
        Assert.Equal(TlibWire.MinMaxFrameSize, codec.MaxFrameSize);
    }

    [Fact]
    public void ListsNestedPastSixteenAreRefused()
    {
        var root = new KeyValueList();
        var level = root;
        for (var depth = 2; depth <= TlibWire.MaxListDepth + 1; depth++)
        {
            var inner = new KeyValueList();
            level.Add("n", inner);
            level = inner;
        }

        var w = new ArrayBufferWriter<byte>();
        var e = Assert.Throws<TlibProtocolException>(() => TlibMessageWriter.Write(new TlibMessage(MessageType.RequestUpdateUserData) { UserData = root }, w));

        Assert.Equal(ProtocolErrorKind.MalformedMessage, e.Kind);
        Assert.Contains("16", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, w.WrittenCount);
    }

    [Fact]
    public void AKeyOver65535BytesIsRefused()
    {
        var m = new TlibMessage(MessageType.RequestUpdateUserData) { UserData = new KeyValueList().Add(new string('k', 65_536), 1) };

        var e = Assert.Throws<TlibProtocolException>(() => TlibMessageWriter.Write(m, new ArrayBufferWriter<byte>(), TlibWire.MaxMaxFrameSize));

        Assert.Equal(ProtocolErrorKind.InvalidAttribute, e.Kind);
    }

    [Fact]
    public void AKeyOfExactly65535BytesIsWritten()
    {
        var m = new TlibMessage(MessageType.RequestUpdateUserData) { UserData = new KeyValueList().Add(new string('k', 65_535), 1) };
        var w = new ArrayBufferWriter<byte>();
        TlibMessageWriter.Write(m, w, TlibWire.MaxMaxFrameSize);
        var seq = new ReadOnlySequence<byte>(w.WrittenMemory);

        Assert.True(TlibFrameReader.TryReadFrame(ref seq, out var frame, TlibWire.MaxMaxFrameSize));
        Assert.Equal(m.UserData, TlibMessageReader.Decode(frame.Payload).UserData);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1_000_000)]
    public void MicrosecondsOutOfRangeAreRefusedBeforeTheyReachThePeer(int micro)
    {
        var m = new TlibMessage(MessageType.EventRinging) { ServerStartTime = new TlibTime(1, micro) };
        var w = new ArrayBufferWriter<byte>();

        var e = Assert.Throws<TlibProtocolException>(() => TlibMessageWriter.Write(m, w));

        Assert.Equal(ProtocolErrorKind.InvalidAttribute, e.Kind);
        Assert.Equal(AttributeId.ServerStartTime, e.Attribute);
        Assert.Equal(0, w.WrittenCount);
    }

    [Fact]
    public void WriteToASpanReturnsTheFrameLength()
    {
        var m = SampleValues.EventRinging();
        var span = new byte[TlibMessageWriter.MaxSize(m)];

        var n = TlibMessageWriter.Write(m, span);

        Assert.Equal(Wire.Encode(m), span[..n]);
    }

    [Fact]
    public void ALoneSurrogateIsWrittenAsTheReplacementCharacter()
    {
        var m = new TlibMessage(MessageType.EventUserEvent) { ThisDN = "a\ud800b" };

        Assert.Equal("a\ufffdb", Wire.Decode(Wire.Encode(m)).ThisDN);
    }

    [Fact]
    public void NullArgumentsAreRefused()
    {
        Assert.Throws<ArgumentNullException>(() => TlibMessageWriter.Write(null!, new ArrayBufferWriter<byte>()));
        Assert.Throws<ArgumentNullException>(() => TlibMessageWriter.Write(new TlibMessage(MessageType.RequestQueryServer), (IBufferWriter<byte>)null!));
    }

    /// <summary>Records every GetSpan/GetMemory request; without a size hint it offers <c>firstSpan</c> bytes.</summary>
    private sealed class RecordingWriter(int firstSpan = 0) : IBufferWriter<byte>
    {
        private byte[] _buffer = [];

        public List<int> Requests { get; } = [];

        public int Advanced { get; private set; }

        public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, Advanced);

        public void Advance(int count) => Advanced += count;

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            Requests.Add(sizeHint);
            _buffer = new byte[sizeHint == 0 ? firstSpan : sizeHint];
            return _buffer;
        }

        public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;
    }
}
