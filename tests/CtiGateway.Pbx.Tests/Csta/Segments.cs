using System.Buffers;

namespace CtiGateway.Pbx.Tests.Csta;

/// <summary>Builds multi-segment sequences as a socket hands them over: split at an offset, or one byte per segment.</summary>
internal static class Segments
{
    /// <summary>Two segments split at <paramref name="offset"/> (either may be empty).</summary>
    public static ReadOnlySequence<byte> Split(byte[] bytes, int offset) => Build(bytes, [offset]);

    /// <summary>One segment per byte.</summary>
    public static ReadOnlySequence<byte> OneBytePerSegment(byte[] bytes)
    {
        var cuts = new int[Math.Max(bytes.Length - 1, 0)];
        for (var i = 0; i < cuts.Length; i++)
        {
            cuts[i] = i + 1;
        }

        return Build(bytes, cuts);
    }

    /// <summary>Segments cut at the ascending <paramref name="cuts"/>; each piece is its own array.</summary>
    public static ReadOnlySequence<byte> Build(byte[] bytes, IReadOnlyList<int> cuts)
    {
        var first = new Segment(bytes.AsSpan(0, cuts.Count == 0 ? bytes.Length : cuts[0]).ToArray(), 0);
        var last = first;
        for (var i = 0; i < cuts.Count; i++)
        {
            var end = i + 1 < cuts.Count ? cuts[i + 1] : bytes.Length;
            last = last.Append(bytes.AsSpan(cuts[i], end - cuts[i]).ToArray());
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
