using System.Buffers;
using System.Runtime.CompilerServices;
using CtiGateway.Protocol.Tests.Support;

namespace CtiGateway.Protocol.Tests.Codec;

/// <summary>
/// The allocation budget of the issue: encoding allocates nothing once warm; framing allocates nothing; decoding
/// allocates only the message's own objects (the message, its attribute array, strings, byte arrays, masks, lists).
/// </summary>
public sealed class AllocationTests
{
    private const int Iterations = 1000;

    // 64-bit CoreCLR object sizes: an object header + method table is 16 bytes, an array adds its 8-byte length.
    private const int ObjectHeader = 16;
    private const int ArrayHeader = 24;

    public static TheoryData<string> Messages() => ["EventRinging", "EventServerInfo", "RequestSetInputMask", "RequestAttachUserData"];

    [Theory]
    [MemberData(nameof(Messages))]
    public void AWarmEncodeAllocatesNothing(string name)
    {
        var message = Sample(name);
        var writer = new ArrayBufferWriter<byte>(64 * 1024);
        for (var i = 0; i < 100; i++)
        {
            writer.ResetWrittenCount();
            TlibMessageWriter.Write(message, writer);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Iterations; i++)
        {
            writer.ResetWrittenCount();
            TlibMessageWriter.Write(message, writer);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void FramingAllocatesNothing()
    {
        var bytes = Wire.Encode(SampleValues.EventRinging());
        var single = new ReadOnlySequence<byte>(bytes);
        var split = Segmented.Split(bytes, 5);
        ReadFrames(single, split, 100);

        var before = GC.GetAllocatedBytesForCurrentThread();
        ReadFrames(single, split, Iterations);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void DecodeAllocatesNoMoreThanTheMessageItself(string name)
    {
        var bytes = Wire.Encode(Sample(name));
        var seq = new ReadOnlySequence<byte>(bytes);
        Assert.True(TlibFrameReader.TryReadFrame(ref seq, out var frame));
        var expected = SizeOf(TlibMessageReader.Decode(frame.Payload));
        for (var i = 0; i < 100; i++)
        {
            TlibMessageReader.Decode(frame.Payload);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Iterations; i++)
        {
            TlibMessageReader.Decode(frame.Payload);
        }

        var perDecode = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)Iterations;
        TestContext.Current.TestOutputHelper?.WriteLine($"{name}: {perDecode} bytes per decode, {expected} bytes of message objects.");
        Assert.True(perDecode <= expected, $"{name}: decode allocated {perDecode} bytes, but the message's own objects take {expected}.");
    }

    [Fact]
    public void ATypicalEventRingingDecodesInto1304Bytes()
    {
        // The same figure the DecodeEventRinging benchmark reports: 15 attributes, 13 strings, one 5-pair list.
        var bytes = Wire.Encode(SampleValues.EventRinging());

        Assert.Equal(1304, SizeOf(Wire.Decode(bytes)));
    }

    private static void ReadFrames(ReadOnlySequence<byte> single, ReadOnlySequence<byte> split, int n)
    {
        for (var i = 0; i < n; i++)
        {
            var a = single;
            var b = split;
            Assert.True(TlibFrameReader.TryReadFrame(ref a, out _));
            Assert.True(TlibFrameReader.TryReadFrame(ref b, out _));
        }
    }

    private static TlibMessage Sample(string name) => name == "EventRinging"
        ? SampleValues.EventRinging()
        : SampleValues.FullMessage(Enum.Parse<MessageType>(name));

    /// <summary>The bytes a decoded message's own objects occupy.</summary>
    private static long SizeOf(TlibMessage m)
    {
        // TlibMessage: header + attribute array reference + count + type.
        long size = Align(ObjectHeader + 8 + 4 + 2);
        size += Align(ArrayHeader + (m.Count * Unsafe.SizeOf<TlibAttribute>()));
        foreach (var a in m.Attributes)
        {
            size += a.Value.Type switch
            {
                AttributeValueType.String => StringSize(a.Value.AsString()),
                AttributeValueType.Binary => ByteArraySize(a.Value.AsBinary()),
                AttributeValueType.List => ListSize(a.Value.AsList()),
                AttributeValueType.Mask => Align(ObjectHeader + 8) + ByteArraySize(new byte[TlibMask.Length]),
                _ => 0,
            };
        }

        return size;
    }

    private static long ListSize(KeyValueList list)
    {
        // KeyValueList (one reference) + List<T> (items, size, version) + its array, presized to the count.
        long size = Align(ObjectHeader + 8) + Align(ObjectHeader + 8 + 4 + 4);
        if (list.Count > 0)
        {
            size += Align(ArrayHeader + (list.Count * Unsafe.SizeOf<KeyValuePair<string, KeyValue>>()));
        }

        foreach (var (key, value) in list)
        {
            size += StringSize(key) + value.Type switch
            {
                KeyValueType.String or KeyValueType.Unicode => StringSize(value.AsString()),
                KeyValueType.Binary => ByteArraySize(value.AsBinary()),
                KeyValueType.List => ListSize(value.AsList()),
                _ => 0,
            };
        }

        return size;
    }

    private static long StringSize(string s) => s.Length == 0 ? 0 : Align(ObjectHeader + 4 + (2 * (s.Length + 1)));

    private static long ByteArraySize(byte[] b) => b.Length == 0 ? 0 : Align(ArrayHeader + b.Length);

    private static long Align(long n) => (n + 7) & ~7L;
}
