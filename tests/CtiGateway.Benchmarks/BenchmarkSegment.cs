using System.Buffers;

namespace CtiGateway.Benchmarks;

/// <summary>A buffer segment, to hand a benchmark a multi-segment sequence as a pipe does.</summary>
internal sealed class BenchmarkSegment : ReadOnlySequenceSegment<byte>
{
    private BenchmarkSegment(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
    }

    /// <summary><paramref name="bytes"/> as two segments (copies) cut at <paramref name="offset"/>.</summary>
    public static ReadOnlySequence<byte> Split(byte[] bytes, int offset)
    {
        var first = new BenchmarkSegment(bytes.AsSpan(0, offset).ToArray(), 0);
        var second = new BenchmarkSegment(bytes.AsSpan(offset).ToArray(), offset);
        first.Next = second;
        return new ReadOnlySequence<byte>(first, 0, second, second.Memory.Length);
    }
}
