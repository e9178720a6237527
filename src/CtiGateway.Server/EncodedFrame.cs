using System.Buffers;
using System.Diagnostics;

namespace CtiGateway.Server;

/// <summary>
/// One encoded frame in a pooled buffer, shared by every recipient's outbound queue. The reference count starts at
/// the number of holders the publisher plans for; each holder releases once and the last release returns the buffer
/// to the pool.
/// </summary>
internal sealed class EncodedFrame
{
    private byte[]? _buffer;
    private int _refs;

    public EncodedFrame(byte[] buffer, int length, bool isEvent, int refs)
    {
        Debug.Assert(refs > 0, "A frame starts with at least one holder.");
        _buffer = buffer;
        Length = length;
        IsEvent = isEvent;
        _refs = refs;
    }

    /// <summary>Encoded length in bytes (header included).</summary>
    public int Length { get; }

    /// <summary>True for T-Library messages, false for ADDP frames.</summary>
    public bool IsEvent { get; }

    /// <summary>The encoded bytes; valid while the caller holds a reference.</summary>
    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, Length);

    /// <summary>The encoded bytes; valid while the caller holds a reference.</summary>
    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, Length);

    /// <summary>Drops <paramref name="count"/> references; the last one returns the buffer to the pool.</summary>
    public void Release(int count = 1)
    {
        var left = Interlocked.Add(ref _refs, -count);
        if (left == 0)
        {
            var buffer = Interlocked.Exchange(ref _buffer, null);
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        Debug.Assert(left >= 0, "A frame was released more often than it was held.");
    }
}
