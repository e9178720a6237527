using System.Buffers;
using System.Text;
using CtiGateway.Pbx.Csta;

namespace CtiGateway.Pbx.Tests.Csta;

public sealed class CstaFrameReaderTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><SystemStatusResponse xmlns=\"x\"/>");

    private static byte[] Frame(int invokeId, byte[] body)
    {
        var w = new ArrayBufferWriter<byte>();
        CstaFrameWriter.Write(invokeId, body, w);
        return w.WrittenSpan.ToArray();
    }

    [Fact]
    public void WriterPutsZeroZeroTotalLengthAndFourDigitInvokeId()
    {
        var bytes = Frame(42, [0x3C, 0x61, 0x2F, 0x3E]);
        Assert.Equal(new byte[] { 0x00, 0x00, 0x00, 0x0C, 0x30, 0x30, 0x34, 0x32, 0x3C, 0x61, 0x2F, 0x3E }, bytes);
    }

    [Fact]
    public void ReadsTwoFramesAndLeavesAPartialThird()
    {
        var a = Frame(1, Body);
        var b = Frame(9999, Body);
        var c = Frame(7, Body)[..10];
        var buffer = new ReadOnlySequence<byte>([.. a, .. b, .. c]);

        Assert.True(CstaFrameReader.TryReadFrame(ref buffer, out var f1));
        Assert.Equal(1, f1.InvokeId);
        Assert.Equal(Body, f1.Xml.ToArray());
        Assert.True(CstaFrameReader.TryReadFrame(ref buffer, out var f2));
        Assert.Equal(9999, f2.InvokeId);
        Assert.False(CstaFrameReader.TryReadFrame(ref buffer, out _));
        Assert.Equal(10, buffer.Length);
    }

    [Fact]
    public void HeaderOnlyFrameHasEmptyBody()
    {
        var buffer = new ReadOnlySequence<byte>([0, 0, 0, 8, (byte)'0', (byte)'0', (byte)'0', (byte)'0']);
        Assert.True(CstaFrameReader.TryReadFrame(ref buffer, out var frame));
        Assert.Equal(0, frame.InvokeId);
        Assert.True(frame.Xml.IsEmpty);
        Assert.True(buffer.IsEmpty);
    }

    [Theory]
    [InlineData(new byte[] { 0x01 }, "bad-header", 0)]
    [InlineData(new byte[] { 0x00, 0x3C }, "bad-header", 1)]
    [InlineData(new byte[] { 0x00, 0x00, 0x00, 0x07 }, "length-under-header", 2)]
    [InlineData(new byte[] { 0x00, 0x00, 0x00, 0x00, 0x30 }, "length-under-header", 2)]
    [InlineData(new byte[] { 0x00, 0x00, 0x00, 0x10, 0x39, 0x39, 0x39, 0x41 }, "bad-invoke-id", 4)]
    [InlineData(new byte[] { 0x00, 0x00, 0x00, 0x10, 0x20 }, "bad-invoke-id", 4)]
    public void RejectsBadHeadersAsSoonAsTheBadByteArrives(byte[] bytes, string cause, long offset)
    {
        var buffer = new ReadOnlySequence<byte>(bytes);
        var ex = Assert.Throws<PbxFramingException>(() => CstaFrameReader.TryReadFrame(ref buffer, out _));
        Assert.Equal(cause, ex.Cause);
        Assert.Equal(offset, ex.Offset);
        Assert.Equal(bytes, ex.Bytes);
    }

    [Fact]
    public void RejectsLengthOverMaximumBeforeWaitingForTheBody()
    {
        // 0x0400 = 1024 > 1000: rejected from the four header bytes alone.
        var buffer = new ReadOnlySequence<byte>([0x00, 0x00, 0x04, 0x00]);
        var ex = Assert.Throws<PbxFramingException>(() => CstaFrameReader.TryReadFrame(ref buffer, out _, maxFrameSize: 1000));
        Assert.Equal("length-over-maximum", ex.Cause);
        Assert.Contains("1024", ex.Message, StringComparison.Ordinal);
        Assert.Contains("1000", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IncompleteInputConsumesNothing()
    {
        var bytes = Frame(12, Body);
        for (var n = 0; n < bytes.Length; n++)
        {
            var buffer = new ReadOnlySequence<byte>(bytes, 0, n);
            Assert.False(CstaFrameReader.TryReadFrame(ref buffer, out _));
            Assert.Equal(n, buffer.Length);
        }
    }

    [Fact]
    public void SplitAtEveryOffsetAndOneBytePerSegmentGiveTheSameFrames()
    {
        var bytes = (byte[])[.. Frame(3, Body), .. Frame(9999, Encoding.UTF8.GetBytes("<a>\u00e9</a>"))];
        var inputs = Enumerable.Range(0, bytes.Length + 1).Select(i => Segmented.Split(bytes, i)).Append(Segmented.OneBytePerSegment(bytes));
        foreach (var input in inputs)
        {
            var buffer = input;
            Assert.True(CstaFrameReader.TryReadFrame(ref buffer, out var f1));
            Assert.Equal(3, f1.InvokeId);
            Assert.Equal(Body, f1.Xml.ToArray());
            Assert.True(CstaFrameReader.TryReadFrame(ref buffer, out var f2));
            Assert.Equal(9999, f2.InvokeId);
            Assert.Equal("<a>\u00e9</a>", Encoding.UTF8.GetString(f2.Xml.ToArray()));
            Assert.True(buffer.IsEmpty);
        }
    }

    [Fact]
    public void ResyncSkipsGarbageToTheNextValidHeader()
    {
        var garbage = Encoding.ASCII.GetBytes("</Delivered\0\0\x05junk");
        var good = Frame(9999, Body);
        var bytes = (byte[])[.. garbage, .. good];
        foreach (var input in new[] { new ReadOnlySequence<byte>(bytes), Segmented.OneBytePerSegment(bytes) })
        {
            var buffer = input;
            Assert.Throws<PbxFramingException>(() => CstaFrameReader.TryReadFrame(ref buffer, out _));
            Assert.True(CstaFrameReader.TrySkipToNextHeader(ref buffer, out var skipped));
            Assert.Equal(garbage.Length, skipped);
            Assert.True(CstaFrameReader.TryReadFrame(ref buffer, out var frame));
            Assert.Equal(9999, frame.InvokeId);
            Assert.Equal(Body, frame.Xml.ToArray());
        }
    }

    [Fact]
    public void ResyncKeepsAPossibleHeaderAtTheTailAndWaitsForMore()
    {
        var bytes = (byte[])[.. Encoding.ASCII.GetBytes("garbage"), 0x00, 0x00, 0x00];
        var buffer = new ReadOnlySequence<byte>(bytes);
        Assert.False(CstaFrameReader.TrySkipToNextHeader(ref buffer, out var skipped));
        Assert.Equal(7, skipped);
        Assert.Equal(3, buffer.Length);

        var noZero = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes("no header here"));
        Assert.False(CstaFrameReader.TrySkipToNextHeader(ref noZero, out skipped));
        Assert.Equal(14, skipped);
        Assert.True(noZero.IsEmpty);
    }

    [Fact]
    public void SeededFuzzOnlyThrowsFramingErrorsAndRoundTripsWhatItReads()
    {
        var random = new Random(20261122);
        var seed = (byte[])[.. Frame(9999, Body), .. Frame(17, Body)];
        var frames = 0;
        for (var i = 0; i < 100_000; i++)
        {
            var bytes = Mutate(random, seed);
            var buffer = random.Next(4) == 0 ? Segmented.Split(bytes, random.Next(bytes.Length + 1)) : new ReadOnlySequence<byte>(bytes);
            try
            {
                while (CstaFrameReader.TryReadFrame(ref buffer, out var frame, maxFrameSize: 4096))
                {
                    frames++;
                    var w = new ArrayBufferWriter<byte>();
                    CstaFrameWriter.Write(frame.InvokeId, frame.Xml.ToArray(), w);
                    var again = new ReadOnlySequence<byte>(w.WrittenMemory);
                    Assert.True(CstaFrameReader.TryReadFrame(ref again, out var reread, maxFrameSize: 4096));
                    Assert.Equal(frame.InvokeId, reread.InvokeId);
                    Assert.Equal(frame.Xml.ToArray(), reread.Xml.ToArray());
                    Assert.True(again.IsEmpty);
                }
            }
            catch (PbxFramingException ex)
            {
                Assert.False(string.IsNullOrEmpty(ex.Cause));
                var before = buffer.Length;
                CstaFrameReader.TrySkipToNextHeader(ref buffer, out var skipped, maxFrameSize: 4096);
                Assert.Equal(before - skipped, buffer.Length);
                Assert.True(skipped >= 1);
            }
        }

        Assert.True(frames > 10_000, $"only {frames} frames survived the mutations");
    }

    private static byte[] Mutate(Random random, byte[] seed)
    {
        var bytes = seed.ToList();
        var edits = random.Next(4);
        for (var e = 0; e < edits && bytes.Count > 0; e++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(4))
            {
                case 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes.RemoveAt(at);
                    break;
                case 2:
                    bytes.Insert(at, (byte)random.Next(256));
                    break;
                default:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
            }
        }

        return [.. bytes];
    }
}
