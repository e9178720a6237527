using System.IO.Pipelines;

namespace CtiGateway.Transport.Serial;

/// <summary>
/// An open serial port exposed as a duplex pipe: <see cref="Input"/> carries what the line receives, and what is
/// written to <see cref="Output"/> goes out on the line. Two pumps move bytes between the pipes and
/// <see cref="ISerialPort.BaseStream"/>. Disposal closes the port, which aborts a pending read: <see cref="Input"/>
/// then completes without error. A read or write failure on the port completes the pipe with a
/// <see cref="SerialLinkException"/> naming the port.
/// </summary>
/// <remarks>
/// The pumps are written here rather than taken from Nerdbank.Streams' <c>Stream.UsePipe()</c>, on purpose (issue 8
/// looked at it for the generic path): UsePipe completes the pipe with the stream's own exception, not a
/// <see cref="SerialLinkException"/> naming the port; it has no read coalescing (fewer wake-ups at low line rates);
/// it writes to one stream, where output here goes through the line-rate pacer; and it gives no handle on its pumps,
/// which bounded disposal (a write blocked in the kernel) needs. The Linux read pump is a blocking read on a dedicated
/// thread (termios, no poll loop) either way.
/// </remarks>
public sealed class SerialDuplexPipe : IDuplexPipe, IAsyncDisposable
{
    private const int ReadChunk = 4096;

    /// <summary>Bytes handed to the port at once when pacing (5.6 ms at 115200 8N1).</summary>
    private const int PacedChunk = 64;

    private readonly ISerialPort _port;
    private readonly Stream _stream;
    private readonly Stream _writeStream;
    private readonly TimeSpan _readCoalescing;
    private readonly Pipe _input;
    private readonly Pipe _output;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _readPump;
    private readonly Task _writePump;
    private int _disposed;

    internal SerialDuplexPipe(ISerialPort port, PipeOptions? options = null, LineRatePacer? pacer = null, TimeSpan readCoalescing = default)
    {
        _readCoalescing = readCoalescing;
        _port = port;
        _stream = port.BaseStream;
        _writeStream = pacer is null ? _stream : new PacedStream(_stream, pacer, TimeProvider.System, PacedChunk, leaveOpen: true);
        options ??= new PipeOptions(useSynchronizationContext: false);
        _input = new Pipe(options);
        _output = new Pipe(options);
        _readPump = port is PosixTtyPort tty
            ? Task.Factory.StartNew(() => ReadPumpBlocking(tty.Stream), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)
            : Task.Run(ReadPumpAsync);
        _writePump = Task.Run(WritePumpAsync);
    }

    /// <summary>The port behind the pipe.</summary>
    public string PortName => _port.PortName;

    /// <summary>Bytes received on the line.</summary>
    public PipeReader Input => _input.Reader;

    /// <summary>Bytes to send on the line; complete it to stop sending once everything written has gone out.</summary>
    public PipeWriter Output => _output.Writer;

    /// <summary>Closes the port (aborting pending reads and writes), stops both pumps and completes <see cref="Input"/>.</summary>
    /// <returns>A task that ends when both pumps have stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        _port.Close();
        try
        {
            await Task.WhenAll(_readPump, _writePump).WaitAsync(PumpStopTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A write is blocked in the kernel (the far end stopped reading, or flow control holds it): no token or
            // close interrupts it. Disposal must not hang with it; the descriptor is released when that write returns
            // (the peer reads, or the line goes away), and the pump then ends on its own.
            return;
        }

        _port.Dispose();
        _stop.Dispose();
    }

    /// <summary>How long disposal waits for the read and write pumps to stop.</summary>
    private static readonly TimeSpan PumpStopTimeout = TimeSpan.FromSeconds(5);

    private async Task ReadPumpAsync()
    {
        PipeWriter writer = _input.Writer;
        Exception? error = null;
        try
        {
            while (true)
            {
                Memory<byte> memory = writer.GetMemory(ReadChunk);
                int read = await _stream.ReadAsync(memory, _stop.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                writer.Advance(read);
                FlushResult flush = await writer.FlushAsync(_stop.Token).ConfigureAwait(false);
                if (flush.IsCompleted || flush.IsCanceled)
                {
                    break;
                }

                if (_readCoalescing > TimeSpan.Zero && read < ReadChunk)
                {
                    await Task.Delay(_readCoalescing, _stop.Token).ConfigureAwait(false);
                }
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
            // Disposal closed the port under the read: an orderly end of input.
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException or UnauthorizedAccessException)
        {
            error = new SerialLinkException(_port.PortName, $"read failed: {ex.Message}", ex);
        }
        finally
        {
            await writer.CompleteAsync(error).ConfigureAwait(false);
        }
    }

    /// <summary>The read pump of a <see cref="PosixTtyPort"/>: blocking reads on a dedicated thread, no poll loop.</summary>
    private void ReadPumpBlocking(TtyStream stream)
    {
        PipeWriter writer = _input.Writer;
        Exception? error = null;
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                Memory<byte> memory = writer.GetMemory(ReadChunk);
                int read = stream.Read(memory.Span);
                if (read == 0)
                {
                    break;
                }

                writer.Advance(read);
                FlushResult flush = writer.FlushAsync(_stop.Token).AsTask().GetAwaiter().GetResult();
                if (flush.IsCompleted || flush.IsCanceled)
                {
                    break;
                }

                if (_readCoalescing > TimeSpan.Zero && read < ReadChunk)
                {
                    Thread.Sleep(_readCoalescing);
                }
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
            // Disposal stopped the port under the read: an orderly end of input.
        }
        catch (IOException ex)
        {
            error = new SerialLinkException(_port.PortName, $"read failed: {ex.Message}", ex);
        }
        finally
        {
            writer.Complete(error);
        }
    }

    private async Task WritePumpAsync()
    {
        PipeReader reader = _output.Reader;
        Exception? error = null;
        try
        {
            while (true)
            {
                ReadResult result = await reader.ReadAsync(_stop.Token).ConfigureAwait(false);
                if (!result.Buffer.IsEmpty)
                {
                    foreach (ReadOnlyMemory<byte> segment in result.Buffer)
                    {
                        await _writeStream.WriteAsync(segment, _stop.Token).ConfigureAwait(false);
                    }

                    await _writeStream.FlushAsync(_stop.Token).ConfigureAwait(false);
                }

                reader.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
            // Disposal closed the port: unsent bytes are dropped.
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException or UnauthorizedAccessException)
        {
            error = new SerialLinkException(_port.PortName, $"write failed: {ex.Message}", ex);
        }
        finally
        {
            await reader.CompleteAsync(error).ConfigureAwait(false);
        }
    }
}
