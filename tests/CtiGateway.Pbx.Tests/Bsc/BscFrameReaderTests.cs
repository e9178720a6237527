using System.Buffers;
using System.Text;
using CtiGateway.Pbx.Bsc;

namespace CtiGateway.Pbx.Tests.Bsc;

public sealed class BscFrameReaderTests
{
    private const int Max = 64;

    private static readonly BscUnit[] Units =
    [
        BscUnit.Control(BscUnitKind.Bid),
        BscUnit.Control(BscUnitKind.Ack0),
        BscEvents.Text("1<MakeCall xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed4\"/>"[..60]),
        BscUnit.Control(BscUnitKind.Ack1),
        BscEvents.Text("0<x a='-=1!-'/>"),
        BscUnit.Control(BscUnitKind.Nak),
        BscUnit.Control(BscUnitKind.Enq),
        BscUnit.Control(BscUnitKind.Wack),
        BscUnit.Control(BscUnitKind.Rvi),
        BscEvents.Text(""),
        BscUnit.Control(BscUnitKind.Eot),
    ];

    public static TheoryData<string> Tables => ["Neax", "Ascii"];

    private static BscCodeTable Table(string name) => name == "Neax" ? BscCodeTable.Neax : BscCodeTable.Ascii;

    [Fact]
    public void NeaxEncodingIsTheSwitchMdTable()
    {
        var bytes = BscEvents.Encode(BscCodeTable.Neax, Max,
            BscUnit.Control(BscUnitKind.Bid), BscUnit.Control(BscUnitKind.Ack0), BscUnit.Control(BscUnitKind.Ack1),
            BscUnit.Control(BscUnitKind.Wack), BscUnit.Control(BscUnitKind.Nak), BscUnit.Control(BscUnitKind.Eot),
            BscEvents.Text("1!L"));

        // SA UA ENQ, ACK0 10 70, ACK1 10 61, WACK 10 6B, NAK 3D, EOT 04, STX '1' '!' 'L' ETX BCC.
        byte bcc = 0x31 ^ 0x21 ^ 0x4C ^ 0x03;
        Assert.Equal(
            new byte[] { 0x31, 0x21, 0x2D, 0x10, 0x70, 0x10, 0x61, 0x10, 0x6B, 0x3D, 0x04, 0x02, 0x31, 0x21, 0x4C, 0x03, bcc },
            bytes);
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public void ReadsEveryUnitBack(string table)
    {
        var codes = Table(table);
        var bytes = BscEvents.Encode(codes, Max, Units);
        var (events, left) = BscEvents.ReadAll(new ReadOnlySequence<byte>(bytes), Max, codes);
        Assert.Equal(Units.Select(BscEvents.Describe), events);
        Assert.Equal(0, left);
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public void SplitAtEveryOffsetGivesTheSameUnits(string table)
    {
        var codes = Table(table);
        var bytes = Garbled(codes);
        var (expected, expectedLeft) = BscEvents.ReadAll(new ReadOnlySequence<byte>(bytes), Max, codes);
        Assert.Contains("error:bad-bcc:8", expected);
        Assert.Contains(expected, e => e.StartsWith("error:garbage:", StringComparison.Ordinal));
        for (var offset = 0; offset <= bytes.Length; offset++)
        {
            var (events, left) = BscEvents.ReadAll(Segmented.Split(bytes, offset), Max, codes);
            Assert.Equal(expected, events);
            Assert.Equal(expectedLeft, left);

            // The same bytes arriving in two reads.
            var (streamed, streamedLeft) = BscEvents.ReadStreaming(bytes, [offset, bytes.Length], Max, codes);
            Assert.Equal(expected, streamed);
            Assert.Equal(expectedLeft, streamedLeft);
        }
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public void OneBytePerSegmentAndPerReadGivesTheSameUnits(string table)
    {
        var codes = Table(table);
        var bytes = Garbled(codes);
        var (expected, expectedLeft) = BscEvents.ReadAll(new ReadOnlySequence<byte>(bytes), Max, codes);
        var (events, left) = BscEvents.ReadAll(Segmented.OneBytePerSegment(bytes), Max, codes);
        Assert.Equal(expected, events);
        Assert.Equal(expectedLeft, left);
        var (streamed, streamedLeft) = BscEvents.ReadStreaming(bytes, Enumerable.Repeat(1, bytes.Length), Max, codes);
        Assert.Equal(expected, streamed);
        Assert.Equal(expectedLeft, streamedLeft);
    }

    [Fact]
    public void BadBccThrowsWithTheBlockBytesAndReadingContinues()
    {
        var codes = BscCodeTable.Neax;
        var block = BscEvents.Encode(codes, Max, BscEvents.Text("1abc"));
        block[^1] ^= 0x01;
        var bytes = block.Concat(BscEvents.Encode(codes, Max, BscUnit.Control(BscUnitKind.Eot))).ToArray();
        var input = new ReadOnlySequence<byte>(bytes);
        var ex = Assert.Throws<PbxFramingException>(() => BscFrameReader.TryRead(ref input, out _, Max, codes));
        Assert.Equal("bad-bcc", ex.Cause);
        Assert.Equal(block, ex.Bytes);
        Assert.Contains("BCC", ex.Message, StringComparison.Ordinal);
        Assert.True(BscFrameReader.TryRead(ref input, out var unit, Max, codes));
        Assert.Equal(BscUnitKind.Eot, unit.Kind);
    }

    [Fact]
    public void GarbageIsReportedOnceTheNextUnitStarts()
    {
        var codes = BscCodeTable.Neax;
        var input = new ReadOnlySequence<byte>("xyz"u8.ToArray());
        Assert.False(BscFrameReader.TryRead(ref input, out _, Max, codes));
        Assert.Equal(3, input.Length);

        input = new ReadOnlySequence<byte>([.. "xyz"u8, 0x04]);
        var ex = Assert.Throws<PbxFramingException>(() => BscFrameReader.TryRead(ref input, out _, Max, codes));
        Assert.Equal("garbage", ex.Cause);
        Assert.Equal("xyz"u8.ToArray(), ex.Bytes);
        Assert.True(BscFrameReader.TryRead(ref input, out var unit, Max, codes));
        Assert.Equal(BscUnitKind.Eot, unit.Kind);
    }

    [Fact]
    public void LongGarbageIsReportedAtTheMaximumWithoutWaiting()
    {
        var input = new ReadOnlySequence<byte>(Enumerable.Repeat((byte)'x', Max + 10).ToArray());
        var ex = Assert.Throws<PbxFramingException>(() => BscFrameReader.TryRead(ref input, out _, Max));
        Assert.Equal("garbage", ex.Cause);
        Assert.Equal(10, input.Length);
    }

    [Fact]
    public void LostEtxResynchronisesOnTheNextStx()
    {
        var codes = BscCodeTable.Neax;
        var good = BscEvents.Encode(codes, Max, BscEvents.Text("0next"));
        byte[] bytes = [0x02, .. "1lost"u8, .. good];
        var (events, left) = BscEvents.ReadAll(new ReadOnlySequence<byte>(bytes), Max, codes);
        Assert.Equal(["error:garbage:6", "block:0next"], events);
        Assert.Equal(0, left);
    }

    [Fact]
    public void OverLongBlockIsRejectedBeforeItsEndArrives()
    {
        var codes = BscCodeTable.Neax;
        byte[] bytes = [0x02, .. Enumerable.Repeat((byte)'a', Max + 1)];
        var input = new ReadOnlySequence<byte>(bytes[..^1]);
        Assert.False(BscFrameReader.TryRead(ref input, out _, Max, codes));
        input = new ReadOnlySequence<byte>(bytes);
        var ex = Assert.Throws<PbxFramingException>(() => BscFrameReader.TryRead(ref input, out _, Max, codes));
        Assert.Equal("length-over-maximum", ex.Cause);
        Assert.Equal(0, input.Length);
        Assert.Contains(Max.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WriterRejectsControlCharactersAndNonAsciiInText()
    {
        var writer = new ArrayBufferWriter<byte>();
        var etx = Assert.Throws<ArgumentException>(() =>
            BscFrameWriter.WriteBlock(writer, "<a>\u0003</a>"u8, Max, BscCodeTable.Neax));
        Assert.Contains("offset 3", etx.Message, StringComparison.Ordinal);
        Assert.Contains("0x03", etx.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() =>
            BscFrameWriter.WriteBlock(writer, "<a>\n</a>"u8, Max, BscCodeTable.Neax));
        Assert.Throws<ArgumentException>(() =>
            BscFrameWriter.WriteBlock(writer, Encoding.UTF8.GetBytes("<a>é</a>"), Max, BscCodeTable.Neax));
        Assert.Throws<ArgumentException>(() =>
            BscFrameWriter.WriteBlock(writer, new byte[Max + 1], Max, BscCodeTable.Neax));
        Assert.Equal(0, writer.WrittenCount);
    }

    /// <summary>Units with a bad-BCC block, garbage, a lost ETX and a broken DLE pair between them.</summary>
    private static byte[] Garbled(BscCodeTable codes)
    {
        var bad = BscEvents.Encode(codes, Max, BscEvents.Text("1bad!"));
        bad[3] ^= 0x04;
        return
        [
            .. BscEvents.Encode(codes, Max, Units),
            .. bad,
            .. "junk"u8,
            codes.Dle,
            .. BscEvents.Encode(codes, Max, BscUnit.Control(BscUnitKind.Ack1)),
            codes.Stx, .. "0cut"u8,
            .. BscEvents.Encode(codes, Max, Units),
            codes.StationAddress, (byte)'x',
            .. BscEvents.Encode(codes, Max, BscUnit.Control(BscUnitKind.Bid)),
        ];
    }
}
