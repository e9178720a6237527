using System.Buffers;
using System.IO.Pipelines;
using System.Threading.Channels;

namespace CtiGateway.Pbx.SerialLinks;

/// <summary>
/// Runs a pure link state machine over an <see cref="IDuplexPipe"/>: a read loop feeds received bytes through the
/// frame reader into the link, a timer loop calls the link at its next deadline (time from a
/// <see cref="TimeProvider"/>), and every operation ends by writing the link's outgoing units. All link access is
/// serialised by one async lock, so the state machine itself stays single-threaded.
/// </summary>
internal abstract class PipeLinkDriver : IAsyncDisposable
{
    private readonly IDuplexPipe _pipe;
    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Channel<ReadOnlyMemory<byte>> _delivered = Channel.CreateUnbounded<ReadOnlyMemory<byte>>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly Action<PbxFramingException>? _onFramingError;
    private readonly CancellationTokenSource _stop = new();
    private TimeSpan? _armedDeadline;
    private long _hardwareErrors;
    private Task _readLoop = Task.CompletedTask;
    private Task _timerLoop = Task.CompletedTask;
    private int _started01;

    /// <summary>Creates a driver; call <see cref="StartAsync"/> to run it.</summary>
    protected PipeLinkDriver(IDuplexPipe pipe, TimeProvider? timeProvider, Action<PbxFramingException>? onFramingError, FrameCorrupter? corrupter)
    {
        ArgumentNullException.ThrowIfNull(pipe);
        _pipe = pipe;
        _time = timeProvider ?? TimeProvider.System;
        _started = _time.GetTimestamp();
        _onFramingError = onFramingError;
        Corrupter = corrupter;
    }

    /// <summary>Information fields / texts delivered by the peer, once each and in order.</summary>
    public ChannelReader<ReadOnlyMemory<byte>> Delivered => _delivered.Reader;

    /// <summary>Framing errors seen on the input (bad FCS/BCC, over-long, aborted or garbage), i.e. hardware errors.</summary>
    public long HardwareErrorCount => Interlocked.Read(ref _hardwareErrors);

    /// <summary>The fault injector on the output side, or null.</summary>
    public FrameCorrupter? Corrupter { get; }

    /// <summary>Completes when the read loop ends (peer closed the pipe, or the driver was disposed).</summary>
    public Task Completion => _readLoop;

    /// <summary>Starts the link and the read and timer loops.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _started01, 1) != 0)
        {
            throw new InvalidOperationException("The driver is already started.");
        }

        await RunLockedAsync(OnStart, cancellationToken).ConfigureAwait(false);
        _readLoop = Task.Run(() => ReadLoopAsync(_stop.Token), CancellationToken.None);
        _timerLoop = Task.Run(() => TimerLoopAsync(_stop.Token), CancellationToken.None);
    }

    /// <summary>Queues one payload (an LAPB information field or a BSC text) for the peer.</summary>
    public Task SendAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default) =>
        RunLockedAsync(now => OnSend(payload.Span, now), cancellationToken);

    /// <summary>Payloads queued in the link and not yet sent (the sender's back-pressure measure).</summary>
    public async ValueTask<int> GetBacklogAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return QueuedPayloads;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops both loops and completes <see cref="Delivered"/>; the pipe itself is left to its owner.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_readLoop, _timerLoop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Expected on stop.
        }

        _delivered.Writer.TryComplete();
        _stop.Dispose();
        _gate.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The caller's time for the link: elapsed since the driver was created.</summary>
    protected TimeSpan Now => _time.GetElapsedTime(_started);

    /// <summary>Starts the link (under the lock).</summary>
    protected abstract void OnStart(TimeSpan now);

    /// <summary>Queues a payload in the link (under the lock).</summary>
    protected abstract void OnSend(ReadOnlySpan<byte> payload, TimeSpan now);

    /// <summary>Reads one unit from <paramref name="buffer"/> and gives it to the link; false when more bytes are needed.</summary>
    /// <exception cref="PbxFramingException">A framing error (buffer already advanced past it).</exception>
    protected abstract bool TryReadAndReceive(ref ReadOnlySequence<byte> buffer, TimeSpan now);

    /// <summary>Gives a framing error to the link (under the lock).</summary>
    protected abstract void OnFramingError(PbxFramingException error, TimeSpan now);

    /// <summary>Runs the link's timers (under the lock).</summary>
    protected abstract void OnTimer(TimeSpan now);

    /// <summary>Payloads queued in the link and not yet sent (under the lock).</summary>
    protected abstract int QueuedPayloads { get; }

    /// <summary>The link's next deadline (under the lock).</summary>
    protected abstract TimeSpan? NextDeadline { get; }

    /// <summary>Writes the link's outgoing units to <paramref name="writer"/> (under the lock).</summary>
    protected abstract void WriteOutgoing(IBufferWriter<byte> writer);

    /// <summary>Moves delivered payloads and link events out of the link (under the lock).</summary>
    protected abstract void DrainLink(TimeSpan now);

    /// <summary>Publishes one delivered payload.</summary>
    protected void Deliver(ReadOnlyMemory<byte> payload) => _delivered.Writer.TryWrite(payload);

    private async Task RunLockedAsync(Action<TimeSpan> action, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = Now;
            action(now);
            await FlushLockedAsync(now, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async ValueTask FlushLockedAsync(TimeSpan now, CancellationToken cancellationToken)
    {
        DrainLink(now);
        WriteOutgoing(_pipe.Output);
        if (_pipe.Output.UnflushedBytes > 0)
        {
            await _pipe.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        // Wake the timer loop only when the link now needs it sooner than it is armed for: a later deadline (T1
        // restarted, T3 pushed back by traffic) is found when the armed one fires and nothing is due yet. This keeps
        // the timer loop off the path of every received chunk.
        if (NextDeadline is { } next && (_armedDeadline is not { } armed || next < armed))
        {
            _wake.Writer.TryWrite(true);
        }
    }

    private async Task ReadLoopAsync(CancellationToken cancellationToken)
    {
        var input = _pipe.Input;
        try
        {
            while (true)
            {
                var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
                var buffer = result.Buffer;
                await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    var now = Now;
                    while (true)
                    {
                        try
                        {
                            if (!TryReadAndReceive(ref buffer, now))
                            {
                                break;
                            }
                        }
                        catch (PbxFramingException error)
                        {
                            Interlocked.Increment(ref _hardwareErrors);
                            _onFramingError?.Invoke(error);
                            OnFramingError(error, now);
                        }
                    }

                    await FlushLockedAsync(now, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    _gate.Release();
                }

                input.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted || result.IsCanceled)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped.
        }
        finally
        {
            _delivered.Writer.TryComplete();
        }
    }

    private async Task TimerLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                // Consume a pending wake-up before reading the deadline, so a change after the read is not lost.
                _wake.Reader.TryRead(out _);
                TimeSpan? deadline;
                await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    deadline = NextDeadline;
                    _armedDeadline = deadline;
                }
                finally
                {
                    _gate.Release();
                }

                using (var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    var delay = deadline is { } at
                        ? Task.Delay(Max(at - Now, TimeSpan.Zero), _time, wait.Token)
                        : Task.Delay(Timeout.InfiniteTimeSpan, _time, wait.Token);
                    var wake = _wake.Reader.WaitToReadAsync(wait.Token).AsTask();
                    await Task.WhenAny(delay, wake).ConfigureAwait(false);
                    await wait.CancelAsync().ConfigureAwait(false);
                    cancellationToken.ThrowIfCancellationRequested();
                }

                await RunLockedAsync(OnTimer, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped.
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
