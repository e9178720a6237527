namespace CtiGateway.Cli.Bench;

/// <summary>
/// The send side of a pipelining bench client: frames are appended to one buffer, which goes to the socket when it
/// is nearly full or when the client must wait for its window (requests in flight) to open.
/// </summary>
internal sealed class PipelineBuffer(BenchConnection connection, int capacity, int largestFrame)
{
    private readonly byte[] _buffer = new byte[capacity];
    private int _used;

    /// <summary>Takes one slot of <paramref name="window"/>, sending what is buffered first when none is free; false when stopped.</summary>
    public async ValueTask<bool> TakeSlotAsync(SemaphoreSlim window, CancellationToken stop)
    {
        if (window.Wait(0))
        {
            return true;
        }

        await FlushAsync();
        try
        {
            await window.WaitAsync(stop);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Appends a copy of <paramref name="frame"/> and returns it, to be patched in place.</summary>
    public Span<byte> Append(ReadOnlySpan<byte> frame)
    {
        var copy = _buffer.AsSpan(_used, frame.Length);
        frame.CopyTo(copy);
        _used += frame.Length;
        return copy;
    }

    /// <summary>Sends the buffer when another frame might not fit.</summary>
    public ValueTask FlushIfFullAsync() => _buffer.Length - _used < largestFrame ? FlushAsync() : ValueTask.CompletedTask;

    /// <summary>Sends what is buffered.</summary>
    public async ValueTask FlushAsync()
    {
        if (_used > 0)
        {
            await connection.SendAsync(_buffer.AsMemory(0, _used), CancellationToken.None);
            _used = 0;
        }
    }
}
