namespace CtiGateway.Pbx.Links;

/// <summary>Counters of one link for <c>ctigw server-info</c>; updated by the link, safe to read from any thread.</summary>
public sealed class LinkCounters
{
    private long _framesIn;
    private long _framesOut;
    private long _bytesIn;
    private long _bytesOut;
    private long _hardwareErrors;
    private long _reconnects;
    private long _bytesSkipped;
    private HardwareErrorRecord? _lastError;
    private long _framesInDigest = unchecked((long)Csta.CstaFrameDigest.Empty);

    /// <summary>Frames received.</summary>
    public long FramesIn => Interlocked.Read(ref _framesIn);

    /// <summary>Frames sent.</summary>
    public long FramesOut => Interlocked.Read(ref _framesOut);

    /// <summary>Bytes received (frames and skipped bytes).</summary>
    public long BytesIn => Interlocked.Read(ref _bytesIn);

    /// <summary>Bytes sent.</summary>
    public long BytesOut => Interlocked.Read(ref _bytesOut);

    /// <summary>Hardware errors reported.</summary>
    public long HardwareErrors => Interlocked.Read(ref _hardwareErrors);

    /// <summary>Reconnect attempts scheduled.</summary>
    public long Reconnects => Interlocked.Read(ref _reconnects);

    /// <summary>Bytes skipped while resynchronising.</summary>
    public long BytesSkipped => Interlocked.Read(ref _bytesSkipped);

    /// <summary>
    /// <see cref="Csta.CstaFrameDigest"/> over every frame received so far, in order (compare it with the switch's or
    /// simulator's digest of the frames it sent to prove nothing was lost, doubled or reordered on the way).
    /// </summary>
    public ulong FramesInDigest => unchecked((ulong)Interlocked.Read(ref _framesInDigest));

    /// <summary>The last hardware error, or null.</summary>
    public HardwareErrorRecord? LastError => Volatile.Read(ref _lastError);

    internal void FrameIn(long bytes)
    {
        Interlocked.Increment(ref _framesIn);
        Interlocked.Add(ref _bytesIn, bytes);
    }

    internal void FrameIn(long bytes, int invokeId, System.Buffers.ReadOnlySequence<byte> xml)
    {
        // Only the link's read loop writes the digest, so read-modify-write needs no lock.
        var digest = Csta.CstaFrameDigest.Append(FramesInDigest, invokeId, xml);
        Interlocked.Exchange(ref _framesInDigest, unchecked((long)digest));
        FrameIn(bytes);
    }

    internal void FrameOut(long bytes)
    {
        Interlocked.Increment(ref _framesOut);
        Interlocked.Add(ref _bytesOut, bytes);
    }

    internal void Skipped(long bytes)
    {
        Interlocked.Add(ref _bytesSkipped, bytes);
        Interlocked.Add(ref _bytesIn, bytes);
    }

    internal void HardwareError(HardwareErrorRecord record)
    {
        Interlocked.Increment(ref _hardwareErrors);
        Volatile.Write(ref _lastError, record);
    }

    internal void Reconnect() => Interlocked.Increment(ref _reconnects);
}
