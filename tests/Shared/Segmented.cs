using System.Buffers;

namespace CtiGateway.Testing;

/// <summary>
/// Builds multi-segment <see cref="ReadOnlySequence{T}"/>s, as a socket hands them over, in the style of
/// StackExchange.Redis RespReaderTests: split at an offset, split at several offsets, or one byte per segment.
/// </summary>
internal static class Segmented
{
    /// <summary>One segment holding all of <paramref name="bytes"/>.</summary>
    public static ReadOnlySequence<byte> Single(byte[] bytes) => new(bytes);

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

    /// <summary>Segments cut at the ascending <paramref name="cuts"/>; each segment is its own array.</summary>
    public static ReadOnlySequence<byte> Build(byte[] bytes, IReadOnlyList<int> cuts)
    {
        var bounds = new List<int> { 0 };
        bounds.AddRange(cuts);
        bounds.Add(bytes.Length);
        Segment? first = null;
        Segment? last = null;
        for (var i = 0; i + 1 < bounds.Count; i++)
        {
            // Copy each piece so that nothing can read past a segment's end into its neighbour.
            var piece = bytes.AsSpan(bounds[i], bounds[i + 1] - bounds[i]).ToArray();
            if (last is null)
            {
                first = last = new Segment(piece, 0);
            }
            else
            {
                last = last.Append(piece);
            }
        }

        return first is null ? ReadOnlySequence<byte>.Empty : new ReadOnlySequence<byte>(first, 0, last!, last!.Memory.Length);
    }

    /// <summary>The bytes of <paramref name="sequence"/>.</summary>
    public static byte[] ToArray(in ReadOnlySequence<byte> sequence) => sequence.ToArray();

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
