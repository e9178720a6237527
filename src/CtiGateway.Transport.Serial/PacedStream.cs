using System.IO.Pipelines;

namespace CtiGateway.Transport.Serial;

/// <summary>
/// A write-only wrapper that paces writes to an inner stream at the line rate of a <see cref="LineRatePacer"/>,
/// in chunks of at most <see cref="ChunkSize"/> bytes, waiting on a <see cref="TimeProvider"/>. The simulator wraps
/// a pseudo-terminal's stream with it so that peers see the timing of a real line. Reads pass through.
/// </summary>
public sealed class PacedStream : Stream
{
    private readonly Stream _inner;
    private readonly LineRatePacer _pacer;
    private readonly TimeProvider _time;
    private readonly long _origin;
    private readonly bool _leaveOpen;

    /// <summary>Creates the paced stream.</summary>
    /// <param name="inner">The stream the bytes go to.</param>
    /// <param name="pacer">The line-rate schedule.</param>
    /// <param name="timeProvider">The clock and timers (<see cref="TimeProvider.System"/> in production).</param>
    /// <param name="chunkSize">Largest number of bytes handed to the inner stream at once (1 byte is the most faithful).</param>
    /// <param name="leaveOpen">Whether disposing this stream leaves <paramref name="inner"/> open.</param>
    public PacedStream(Stream inner, LineRatePacer pacer, TimeProvider timeProvider, int chunkSize = 16, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(pacer);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        _inner = inner;
        _pacer = pacer;
        _time = timeProvider;
        _origin = timeProvider.GetTimestamp();
        ChunkSize = chunkSize;
        _leaveOpen = leaveOpen;
    }

    /// <summary>
    /// A write that starts less than this after the line went free continues the burst (scheduler lateness, not a
    /// real pause of the sender).
    /// </summary>
    public static readonly TimeSpan CatchUpWindow = TimeSpan.FromMilliseconds(100);

    /// <summary>Largest number of bytes written to the inner stream at once.</summary>
    public int ChunkSize { get; }

    /// <inheritdoc/>
    public override bool CanRead => _inner.CanRead;

    /// <inheritdoc/>
    public override bool CanSeek => false;

    /// <inheritdoc/>
    public override bool CanWrite => _inner.CanWrite;

    /// <inheritdoc/>
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc/>
    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Creates a pipe writer whose bytes are paced onto <paramref name="inner"/>.</summary>
    /// <param name="inner">The stream the bytes go to (left open when the writer completes).</param>
    /// <param name="pacer">The line-rate schedule.</param>
    /// <param name="timeProvider">The clock and timers.</param>
    /// <param name="chunkSize">Largest number of bytes handed to the inner stream at once.</param>
    /// <returns>The paced writer.</returns>
    public static PipeWriter CreateWriter(Stream inner, LineRatePacer pacer, TimeProvider timeProvider, int chunkSize = 16) =>
        PipeWriter.Create(
            new PacedStream(inner, pacer, timeProvider, chunkSize, leaveOpen: true),
            new StreamPipeWriterOptions(leaveOpen: false));

    /// <inheritdoc/>
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!buffer.IsEmpty)
        {
            ReadOnlyMemory<byte> chunk = buffer[..Math.Min(ChunkSize, buffer.Length)];
            TimeSpan realNow = _time.GetElapsedTime(_origin);
            TimeSpan now = realNow;
            if (now > _pacer.LineFreeAt && now - _pacer.LineFreeAt < CatchUpWindow)
            {
                // Woken a little late by the scheduler: a real line fed back to back would not have gone idle, so the
                // burst continues and the average rate stays the line rate on a loaded machine.
                now = _pacer.LineFreeAt;
            }

            // The wait runs from the real clock: the chunk may go out when its last bit would have on the line.
            TimeSpan wait = _pacer.Schedule(chunk.Length, now) - (realNow - now);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }

            await _inner.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
            await _inner.FlushAsync(cancellationToken).ConfigureAwait(false);
            buffer = buffer[chunk.Length..];
        }
    }

    /// <inheritdoc/>
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    /// <inheritdoc/>
    public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

    /// <inheritdoc/>
    public override void Flush() => _inner.Flush();

    /// <inheritdoc/>
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        _inner.ReadAsync(buffer, cancellationToken);

    /// <inheritdoc/>
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        _inner.ReadAsync(buffer, offset, count, cancellationToken);

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_leaveOpen)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
