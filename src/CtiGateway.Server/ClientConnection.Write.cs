using System.Buffers;
using System.Net.Sockets;

namespace CtiGateway.Server;

internal sealed partial class ClientConnection
{
    // One socket write carries up to this many bytes of queued frames (a frame larger than this is written alone).
    private const int BatchSize = 32 * 1024;

    // Drains the queue into one batch buffer per socket write. The frames' buffers go back to the pool as soon as
    // they are copied; the queued-bytes count (the memory the frames held) drops only when the write completes, so a
    // stalled socket counts. The batch buffer is rented while there is work and returned when the writer goes idle.
    private async Task WriteLoopAsync(Stream stream)
    {
        byte[]? batch = null;
        try
        {
            while (true)
            {
                if (Volatile.Read(ref _state) == Aborted)
                {
                    return;
                }

                if (!_queue.TryDequeue(out var frame))
                {
                    if (batch is not null)
                    {
                        ArrayPool<byte>.Shared.Return(batch);
                        batch = null;
                    }

                    if (Volatile.Read(ref _state) != Open)
                    {
                        return;
                    }

                    // Announce idleness, then look again: an Enqueue that missed the flag is seen here.
                    Interlocked.Exchange(ref _writerIdle, 1);
                    if ((!_queue.IsEmpty || Volatile.Read(ref _state) != Open) && Interlocked.Exchange(ref _writerIdle, 0) == 1)
                    {
                        continue;
                    }

                    await _signal.WaitAsync().ConfigureAwait(false);
                    continue;
                }

                batch ??= ArrayPool<byte>.Shared.Rent(BatchSize);
                var fill = 0;
                long held = 0;
                var events = 0;
                do
                {
                    if (frame.Length > BatchSize - fill && fill > 0)
                    {
                        await stream.WriteAsync(batch.AsMemory(0, fill)).ConfigureAwait(false);
                        Written(fill, held, events);
                        fill = 0;
                        held = 0;
                        events = 0;
                    }

                    if (frame.Length > BatchSize)
                    {
                        try
                        {
                            await stream.WriteAsync(frame.Memory).ConfigureAwait(false);
                        }
                        finally
                        {
                            frame.Release();
                        }

                        Written(frame.Length, frame.HeldBytes, frame.IsEvent ? 1 : 0);
                    }
                    else
                    {
                        frame.Span.CopyTo(batch.AsSpan(fill));
                        fill += frame.Length;
                        held += frame.HeldBytes;
                        events += frame.IsEvent ? 1 : 0;
                        frame.Release();
                    }
                }
                while (_queue.TryDequeue(out frame));

                if (fill > 0)
                {
                    await stream.WriteAsync(batch.AsMemory(0, fill)).ConfigureAwait(false);
                    Written(fill, held, events);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException or NotSupportedException)
        {
            Abort("write failed: " + ex.Message);
        }
        finally
        {
            if (batch is not null)
            {
                ArrayPool<byte>.Shared.Return(batch);
            }
        }
    }

    private void Written(long bytes, long held, int events)
    {
        Interlocked.Add(ref _queuedBytes, -held);
        Volatile.Write(ref _eventsSent, _eventsSent + events);
        Volatile.Write(ref _bytesSent, _bytesSent + bytes);
    }
}
