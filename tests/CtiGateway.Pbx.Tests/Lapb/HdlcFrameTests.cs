using System.Buffers;
using CtiGateway.Pbx.Lapb;

namespace CtiGateway.Pbx.Tests.Lapb;

public sealed class HdlcFrameTests
{
    private const int Max = 135;

    private static readonly byte[][] Frames =
    [
        [0x03, 0x3F],
        [0x01, 0x00, 0x7E, 0x7D, 0x10, 0x7E, 0x7E, 0x7D, 0x5E, 0x20],
        [0x03, 0x21],
        [0x01, 0x22, .. Enumerable.Range(0, 128).Select(i => (byte)(i * 7))],
        [0x7E, 0x7D],
    ];

    private static byte[] Stream(bool escapeControlCharacters = false)
    {
        var writer = new ArrayBufferWriter<byte>();
        writer.Write<byte>([0x7E, 0x7E]);
        foreach (var f in Frames)
        {
            HdlcFrameWriter.Write(f, writer, escapeControlCharacters);
        }

        return writer.WrittenSpan.ToArray();
    }

    private static List<byte[]> ReadAll(ReadOnlySequence<byte> buffer)
    {
        var reader = new HdlcFrameReader();
        var frames = new List<byte[]>();
        while (reader.TryReadFrame(ref buffer, out var frame, Max))
        {
            frames.Add(frame.Content.ToArray());
        }

        Assert.True(buffer.IsEmpty);
        return frames;
    }

    [Fact]
    public void SabmEncodesToWorkedExample()
    {
        var writer = new ArrayBufferWriter<byte>();
        HdlcFrameWriter.Write([0x03, 0x3F], writer);
        Assert.Equal(new byte[] { 0x7E, 0x03, 0x3F, 0x5B, 0xEC, 0x7E }, writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void FlagAndEscapeInPayloadAreStuffed()
    {
        var writer = new ArrayBufferWriter<byte>();
        HdlcFrameWriter.Write([0x01, 0x00, 0x7E, 0x7D], writer);
        var bytes = writer.WrittenSpan.ToArray();
        Assert.Equal(new byte[] { 0x7E, 0x01, 0x00, 0x7D, 0x5E, 0x7D, 0x5D }, bytes[..7]);
        Assert.Equal(2, bytes.Count(b => b == 0x7E));
    }

    [Fact]
    public void ControlCharacterEscapingIsOptionalAndReadBack()
    {
        var stream = Stream(escapeControlCharacters: true);
        Assert.DoesNotContain(stream, b => b < 0x20);
        Assert.Equal(Frames, ReadAll(new ReadOnlySequence<byte>(stream)));
    }

    [Fact]
    public void SplitAtEveryOffsetReadsTheSameFrames()
    {
        var stream = Stream();
        for (var at = 0; at <= stream.Length; at++)
        {
            Assert.Equal(Frames, ReadAll(Segmented.Split(stream, at)));
        }

        Assert.Equal(Frames, ReadAll(Segmented.OneBytePerSegment(stream)));
    }

    [Fact]
    public void ByteByByteArrivalReadsEachFrameOnceComplete()
    {
        var stream = Stream();
        var reader = new HdlcFrameReader();
        var frames = new List<byte[]>();
        var pending = Array.Empty<byte>();
        foreach (var b in stream)
        {
            pending = [.. pending, b];
            var buffer = Segmented.OneBytePerSegment(pending);
            while (reader.TryReadFrame(ref buffer, out var frame, Max))
            {
                frames.Add(frame.Content.ToArray());
            }

            pending = buffer.ToArray();
        }

        Assert.Equal(Frames, frames);
        Assert.Empty(pending);
    }

    [Fact]
    public void IncompleteFrameConsumesNothingOfIt()
    {
        var stream = Stream();
        var buffer = new ReadOnlySequence<byte>(stream.AsMemory(0, 6));
        var reader = new HdlcFrameReader();
        Assert.False(reader.TryReadFrame(ref buffer, out _, Max));
        Assert.Equal(3, buffer.Length);
        Assert.Equal(0x03, buffer.FirstSpan[0]);
    }

    [Fact]
    public void SharedFlagBetweenFramesIsAccepted()
    {
        byte[] stream = [0x7E, 0x03, 0x3F, 0x5B, 0xEC, 0x7E, 0x03, 0x3F, 0x5B, 0xEC, 0x7E];
        Assert.Equal(2, ReadAll(new ReadOnlySequence<byte>(stream)).Count);
    }

    [Fact]
    public void BadFcsIsReportedAndTheReaderResynchronises()
    {
        var good = Stream();
        var corrupt = (byte[])good.Clone();
        corrupt[4] ^= 0x01; // control byte of the first frame (0x3F -> 0x3E)
        var buffer = new ReadOnlySequence<byte>(corrupt);
        var reader = new HdlcFrameReader();
        var ex = Assert.Throws<PbxFramingException>(() => reader.TryReadFrame(ref buffer, out _, Max));
        Assert.Equal("bad-fcs", ex.Cause);
        Assert.Equal(3, ex.Offset);
        Assert.Equal(new byte[] { 0x03, 0x3E, 0x5B, 0xEC }, ex.Bytes);
        var rest = new List<byte[]>();
        while (reader.TryReadFrame(ref buffer, out var frame, Max))
        {
            rest.Add(frame.Content.ToArray());
        }

        Assert.Equal(Frames[1..], rest);
    }

    [Fact]
    public void TooLongFrameIsReportedBeforeItsEndAndTheReaderHuntsForTheNextFlag()
    {
        var writer = new ArrayBufferWriter<byte>();
        HdlcFrameWriter.Write(Enumerable.Repeat((byte)0x41, Max + 10).ToArray(), writer);
        var longFrame = writer.WrittenSpan.ToArray();
        HdlcFrameWriter.Write([0x03, 0x3F], writer);
        var all = writer.WrittenSpan.ToArray();

        // Before the closing flag has arrived the error is already raised.
        var partial = new ReadOnlySequence<byte>(longFrame.AsMemory(0, Max + 5));
        var reader = new HdlcFrameReader();
        var ex = Assert.Throws<PbxFramingException>(() => reader.TryReadFrame(ref partial, out _, Max));
        Assert.Equal("length-over-maximum", ex.Cause);
        Assert.True(reader.IsHunting);

        var buffer = new ReadOnlySequence<byte>(all).Slice(reader.Position);
        Assert.True(reader.TryReadFrame(ref buffer, out var frame, Max));
        Assert.Equal(new byte[] { 0x03, 0x3F }, frame.Content.ToArray());
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void ShortAndAbortedFramesAreTypedErrors()
    {
        var buffer = new ReadOnlySequence<byte>(new byte[] { 0x7E, 0x03, 0x3F, 0x7E, 0x01, 0x7D, 0x7E, 0x03, 0x3F, 0x5B, 0xEC, 0x7E });
        var reader = new HdlcFrameReader();
        Assert.Equal("frame-too-short", Assert.Throws<PbxFramingException>(() => reader.TryReadFrame(ref buffer, out _, Max)).Cause);
        Assert.Equal("frame-aborted", Assert.Throws<PbxFramingException>(() => reader.TryReadFrame(ref buffer, out _, Max)).Cause);
        Assert.True(reader.TryReadFrame(ref buffer, out var frame, Max));
        Assert.Equal(new byte[] { 0x03, 0x3F }, frame.Content.ToArray());
    }

    [Fact]
    public void GarbageBeforeTheFirstFlagIsDiscarded()
    {
        var buffer = new ReadOnlySequence<byte>(new byte[] { 0x11, 0x22, 0x33, 0x7E, 0x03, 0x3F, 0x5B, 0xEC, 0x7E });
        var reader = new HdlcFrameReader();
        Assert.True(reader.TryReadFrame(ref buffer, out var frame, Max));
        Assert.Equal(4, frame.Offset);
    }

    [Fact]
    public void FuzzOnlyTypedErrorsAndGoodFramesRoundTrip()
    {
        var random = new Random(7776);
        var good = Stream();
        for (var i = 0; i < 100_000; i++)
        {
            byte[] input;
            if (i % 2 == 0)
            {
                input = new byte[random.Next(0, 64)];
                random.NextBytes(input);
                for (var j = 0; j < input.Length; j++)
                {
                    if (random.Next(6) == 0)
                    {
                        input[j] = random.Next(2) == 0 ? (byte)0x7E : (byte)0x7D;
                    }
                }
            }
            else
            {
                input = (byte[])good.Clone();
                var flips = random.Next(1, 4);
                for (var f = 0; f < flips; f++)
                {
                    input[random.Next(input.Length)] ^= (byte)(1 << random.Next(8));
                }

                input = input[..random.Next(input.Length + 1)];
            }

            var buffer = Segmented.Split(input, random.Next(input.Length + 1));
            var reader = new HdlcFrameReader();
            var guard = 0;
            while (guard++ < 1000)
            {
                try
                {
                    if (!reader.TryReadFrame(ref buffer, out var frame, 40))
                    {
                        break;
                    }

                    // Oracle: re-encode and re-read gives the same content.
                    var writer = new ArrayBufferWriter<byte>();
                    HdlcFrameWriter.Write(frame.Content.Span, writer);
                    var again = new ReadOnlySequence<byte>(writer.WrittenMemory);
                    Assert.True(new HdlcFrameReader().TryReadFrame(ref again, out var back, 40));
                    Assert.Equal(frame.Content.ToArray(), back.Content.ToArray());
                }
                catch (PbxFramingException)
                {
                    // Typed error: the reader has resynchronised; carry on.
                }
            }

            Assert.True(guard < 1000);
        }
    }
}
