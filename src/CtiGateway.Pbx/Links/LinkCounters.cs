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

    /// <summary>The last hardware error, or null.</summary>
    public HardwareErrorRecord? LastError => Volatile.Read(ref _lastError);

    internal void FrameIn(long bytes)
    {
        Interlocked.Increment(ref _framesIn);
        Interlocked.Add(ref _bytesIn, bytes);
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
