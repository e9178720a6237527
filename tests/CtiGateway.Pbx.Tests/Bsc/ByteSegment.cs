using System.Buffers;

namespace CtiGateway.Pbx.Tests.Bsc;

/// <summary>A ReadOnlySequence segment, to build multi-segment sequences for split tests.</summary>
internal sealed class ByteSegment : ReadOnlySequenceSegment<byte>
{
    private ByteSegment(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
    }

    /// <summary>A sequence whose segments are the given pieces (empty pieces allowed).</summary>
    public static ReadOnlySequence<byte> Create(params ReadOnlyMemory<byte>[] pieces)
    {
        if (pieces.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        var first = new ByteSegment(pieces[0], 0);
        var last = first;
        for (var i = 1; i < pieces.Length; i++)
        {
            var next = new ByteSegment(pieces[i], last.RunningIndex + last.Memory.Length);
            last.Next = next;
            last = next;
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    /// <summary>Split into two segments at <paramref name="offset"/>.</summary>
    public static ReadOnlySequence<byte> Split(byte[] data, int offset) =>
        Create(data.AsMemory(0, offset), data.AsMemory(offset));

    /// <summary>One byte per segment.</summary>
    public static ReadOnlySequence<byte> OneBytePerSegment(byte[] data)
    {
        if (data.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        var pieces = new ReadOnlyMemory<byte>[data.Length];
        for (var i = 0; i < data.Length; i++)
        {
            pieces[i] = data.AsMemory(i, 1);
        }

        return Create(pieces);
    }
}
