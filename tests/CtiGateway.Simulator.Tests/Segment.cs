using System.Buffers;

namespace CtiGateway.Simulator.Tests;

/// <summary>A ReadOnlySequence segment, to build inputs split at chosen offsets.</summary>
internal sealed class Segment : ReadOnlySequenceSegment<byte>
{
    public Segment(ReadOnlyMemory<byte> memory)
    {
        Memory = memory;
    }

    public Segment Append(ReadOnlyMemory<byte> memory)
    {
        var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
        Next = next;
        return next;
    }
}
