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
    /// <summary>
    /// Memory a queued frame holds besides its buffer's bytes: this object (40 bytes on x64), the buffer's array header
    /// (24) and a slot of a client's queue (16, twice that while a queue segment grows), rounded up.
    /// </summary>
    public const int OverheadBytes = 96;

    private byte[]? _buffer;
    private int _refs;

    public EncodedFrame(byte[] buffer, int length, bool isEvent, int refs)
    {
        Debug.Assert(refs > 0, "A frame starts with at least one holder.");
        Debug.Assert(length <= buffer.Length, "The frame fits its buffer.");
        _buffer = buffer;
        Length = length;
        HeldBytes = buffer.Length + OverheadBytes;
        IsEvent = isEvent;
        _refs = refs;
    }

    /// <summary>Encoded length in bytes (header included).</summary>
    public int Length { get; }

    /// <summary>
    /// Memory this frame holds while it is queued: its buffer's capacity (not the frame's length) plus
    /// <see cref="OverheadBytes"/>. A client's queue bound counts this, so the bound is the memory really held.
    /// </summary>
    public int HeldBytes { get; }

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
