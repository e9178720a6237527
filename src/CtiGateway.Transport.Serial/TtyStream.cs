using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace CtiGateway.Transport.Serial;

/// <summary>
/// Blocking reads and writes on a tty configured with VMIN = 0 / VTIME = 1: <see cref="Read(Span{byte})"/> waits for
/// data (waking every 0.1 s to see whether it was stopped) and returns 0 only once <see cref="Stop"/> was called or
/// the line hung up.
/// </summary>
internal sealed class TtyStream : Stream
{
    private const int Eintr = 4;
    private const int Eagain = 11;

    private readonly SafeFileHandle _handle;
    private readonly string _portName;
    private volatile bool _stopped;

    public TtyStream(SafeFileHandle handle, string portName)
    {
        _handle = handle;
        _portName = portName;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Makes a pending and every later read return 0.</summary>
    public void Stop() => _stopped = true;

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (!_stopped)
        {
            nint n;
            try
            {
                n = PosixTermios.Read(_handle, ref MemoryMarshal.GetReference(buffer), (nuint)buffer.Length);
            }
            catch (ObjectDisposedException) when (_stopped)
            {
                return 0;
            }

            if (n > 0)
            {
                return (int)n;
            }

            if (n < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno is Eintr or Eagain)
                {
                    continue;
                }

                throw new IOException($"read from {_portName} failed: {Marshal.GetPInvokeErrorMessage(errno)}");
            }

            // n == 0: VTIME expired with no data; loop to check for a stop.
        }

        return 0;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var n = PosixTermios.Write(_handle, ref MemoryMarshal.GetReference(buffer), (nuint)buffer.Length);
            if (n < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno is Eintr or Eagain)
                {
                    continue;
                }

                throw new IOException($"write to {_portName} failed: {Marshal.GetPInvokeErrorMessage(errno)}");
            }

            buffer = buffer[(int)n..];
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
        // Written bytes are in the tty's output queue already.
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
