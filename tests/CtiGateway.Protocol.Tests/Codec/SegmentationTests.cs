using System.Buffers;
using CtiGateway.Protocol.Tests.Support;

namespace CtiGateway.Protocol.Tests.Codec;

/// <summary>
/// Frames arrive in arbitrary pieces. In the style of StackExchange.Redis RespReaderTests every frame is split into two
/// segments at every offset and into one byte per segment; every strict prefix must return false and consume nothing.
/// </summary>
public sealed class SegmentationTests
{
    private static readonly (string Name, byte[] Bytes)[] Frames = BuildFrames();

    public static TheoryData<string> FrameNames()
    {
        var data = new TheoryData<string>();
        foreach (var (name, _) in Frames)
        {
            data.Add(name);
        }

        data.Add("Concatenated");
        return data;
    }

    [Theory]
    [MemberData(nameof(FrameNames))]
    public void EveryTwoSegmentSplitYieldsTheSameFrames(string name)
    {
        var bytes = BytesOf(name);
        var expected = ReadAll(Segmented.Single(bytes));
        Assert.NotEmpty(expected);

        for (var offset = 0; offset <= bytes.Length; offset++)
        {
            var actual = ReadAll(Segmented.Split(bytes, offset));
            AssertSameFrames(expected, actual, $"split at {offset}");
        }
    }

    [Theory]
    [MemberData(nameof(FrameNames))]
    public void OneBytePerSegmentYieldsTheSameFrames(string name)
    {
        var bytes = BytesOf(name);

        AssertSameFrames(ReadAll(Segmented.Single(bytes)), ReadAll(Segmented.OneBytePerSegment(bytes)), "one byte per segment");
    }

    [Theory]
    [MemberData(nameof(FrameNames))]
    public void EveryStrictPrefixIsIncompleteAndConsumesNothing(string name)
    {
        var bytes = BytesOf(name);
        var firstFrameLength = FirstFrameLength(bytes);
        for (var length = 0; length < firstFrameLength; length++)
        {
            var prefix = bytes[..length];
            AssertIncomplete(Segmented.Single(prefix), $"prefix {length} in one segment");
            AssertIncomplete(Segmented.OneBytePerSegment(prefix), $"prefix {length} one byte per segment");
            AssertIncomplete(Segmented.Split(prefix, length / 2), $"prefix {length} split in the middle");
        }
    }

    [Fact]
    public void ConcatenatedFramesReadUpToTheIncompleteTail()
    {
        var bytes = BytesOf("Concatenated");
        var all = ReadAll(Segmented.Single(bytes));
        var boundaries = new List<int> { 0 };
        foreach (var f in all)
        {
            boundaries.Add(boundaries[^1] + TlibWire.HeaderSize + f.Payload.Length);
        }

        for (var cut = 0; cut <= bytes.Length; cut++)
        {
            var seq = Segmented.Split(bytes[..cut], cut / 3);
            var complete = boundaries.Count(b => b > 0 && b <= cut);
            var read = 0;
            while (TlibFrameReader.TryReadFrame(ref seq, out _))
            {
                read++;
            }

            Assert.Equal(complete, read);
            Assert.Equal(cut - boundaries[complete], seq.Length);
        }
    }

    private static void AssertIncomplete(ReadOnlySequence<byte> seq, string what)
    {
        var before = seq;
        Assert.False(TlibFrameReader.TryReadFrame(ref seq, out var frame), what);
        Assert.Equal(before.Start, seq.Start);
        Assert.Equal(before.End, seq.End);
        Assert.Equal(default, frame);
    }

    private static List<(FrameKind Kind, byte[] Payload)> ReadAll(ReadOnlySequence<byte> seq)
    {
        var frames = new List<(FrameKind, byte[])>();
        while (TlibFrameReader.TryReadFrame(ref seq, out var frame))
        {
            frames.Add((frame.Kind, frame.Payload.ToArray()));
            if (frame.Kind == FrameKind.Message)
            {
                // Decode from the (possibly multi-segment) payload slice as a connection would.
                var m = TlibMessageReader.Decode(frame.Payload);
                MessageAssert.Equal(TlibMessageReader.Decode(frame.Payload.ToArray()), m);
            }
        }

        Assert.True(seq.IsEmpty, "Bytes were left after the last complete frame.");
        return frames;
    }

    private static void AssertSameFrames(List<(FrameKind Kind, byte[] Payload)> expected, List<(FrameKind Kind, byte[] Payload)> actual, string what)
    {
        Assert.True(expected.Count == actual.Count, $"{what}: {actual.Count} frames instead of {expected.Count}.");
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Kind, actual[i].Kind);
            Assert.True(expected[i].Payload.AsSpan().SequenceEqual(actual[i].Payload), $"{what}: payload {i} differs.");
        }
    }

    private static int FirstFrameLength(byte[] bytes)
    {
        var seq = Segmented.Single(bytes);
        Assert.True(TlibFrameReader.TryReadFrame(ref seq, out var frame));
        return TlibWire.HeaderSize + (int)frame.Payload.Length;
    }

    private static byte[] BytesOf(string name) =>
        name == "Concatenated" ? [.. Frames.SelectMany(f => f.Bytes)] : Frames.Single(f => f.Name == name).Bytes;

    private static (string, byte[])[] BuildFrames()
    {
        var poll = new ArrayBufferWriter<byte>();
        TlibMessageWriter.WriteAddp(FrameKind.AddpPoll, 0xDEADBEEF, poll);
        var reply = new ArrayBufferWriter<byte>();
        TlibMessageWriter.WriteAddp(FrameKind.AddpReply, 1, reply);
        var hello = new ArrayBufferWriter<byte>();
        TlibMessageWriter.WriteAddpHello(new AddpHello(10, 20, AddpTrace.Full), hello);
        return
        [
            ("AddpPoll", poll.WrittenSpan.ToArray()),
            ("AddpReply", reply.WrittenSpan.ToArray()),
            ("AddpHello", hello.WrittenSpan.ToArray()),
            ("EmptyMessage", Wire.Encode(new TlibMessage(MessageType.RequestUnregisterAll))),
            ("RegisterClient", Wire.Encode(new TlibMessage(MessageType.RequestRegisterClient) { ReferenceID = 1 }.Set(AttributeId.ProtocolVersion, TlibWire.ProtocolVersion))),
            ("EventRinging", Wire.Encode(SampleValues.FullMessage(MessageType.EventRinging))),
            ("EventServerInfo", Wire.Encode(SampleValues.FullMessage(MessageType.EventServerInfo))),
        ];
    }
}
