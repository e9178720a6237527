using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using CtiGateway.Pbx.Bsc;
using CtiGateway.Pbx.Csta;
using CtiGateway.Pbx.Lapb;
using CtiGateway.Pbx.Links;

namespace CtiGateway.Pbx.SerialLinks;

/// <summary>
/// A CSTA-XML byte stream (frames with the 8-byte header, exactly as over TCP) carried by a serial link layer, as a
/// duplex pipe: <see cref="Input"/> is what the peer sent, <see cref="Output"/> takes frames for the peer. Used at
/// both ends of a serial line: by the gateway (<see cref="SerialLinkTransport"/>, under <see cref="CstaTcpLink"/>)
/// and by the simulator's serial bridge.
/// </summary>
/// <remarks>
/// LAPB: the stream is cut into I-frame information fields of at most N1 - 4 octets; each CSTA frame starts a new
/// I frame and a long frame continues in the following ones. The receiver concatenates the information fields in
/// order and cuts frames by the length in the CSTA header, so the header's length is the "more data" signal
/// (docs/wire-format.md). BSC: one text per CSTA frame, the invoke id as 4 ASCII digits followed by the XML body
/// (the header is rebuilt on receipt); a frame whose text would exceed the block maximum or is not 7-bit printable
/// is not sent and is reported through <see cref="FramingError"/> (cause <c>frame-over-block-maximum</c> or
/// <c>frame-not-printable</c>). Framing errors of the line (bad FCS, bad BCC) are reported the same way.
/// </remarks>
internal sealed class CstaLinkAdapter : IDuplexPipe, IAsyncDisposable, ILinkErrorSource
{
    /// <summary>Payloads queued in the link layer beyond which the sender waits.</summary>
    public const int MaxBacklog = 32;

    private readonly PipeLinkDriver _driver;
    private readonly int _maxPayload;
    private readonly bool _bsc;
    private readonly bool _endOnLinkLoss;
    private readonly IAsyncDisposable? _lineOwner;
    private readonly Pipe _in = new(new PipeOptions(useSynchronizationContext: false));
    private readonly Pipe _out = new(new PipeOptions(useSynchronizationContext: false));
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _inboundStop = new();
    private readonly TaskCompletionSource _linkUp = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _inbound = Task.CompletedTask;
    private Task _outbound = Task.CompletedTask;
    private Task _watch = Task.CompletedTask;
    private Exception? _failure;
    private long _framesOut;
    private long _framesIn;
    private long _digestOut = unchecked((long)CstaFrameDigest.Empty);
    private int _disposed;

    private CstaLinkAdapter(PipeLinkDriver driver, int maxPayload, bool bsc, bool endOnLinkLoss, IAsyncDisposable? lineOwner)
    {
        _driver = driver;
        _maxPayload = maxPayload;
        _bsc = bsc;
        _endOnLinkLoss = endOnLinkLoss;
        _lineOwner = lineOwner;
    }

    /// <inheritdoc />
    public event Action<PbxFramingException>? FramingError;

    /// <summary>CSTA frames received from the peer.</summary>
    public PipeReader Input => _in.Reader;

    /// <summary>CSTA frames to send to the peer.</summary>
    public PipeWriter Output => _out.Writer;

    /// <summary>CSTA frames handed to the link layer so far.</summary>
    public long FramesOut => Interlocked.Read(ref _framesOut);

    /// <summary>Link-layer payloads received so far (LAPB information fields, BSC texts).</summary>
    public long PayloadsIn => Interlocked.Read(ref _framesIn);

    /// <summary><see cref="CstaFrameDigest"/> of the CSTA frames handed to the link layer, in order.</summary>
    public ulong FramesOutDigest => unchecked((ulong)Interlocked.Read(ref _digestOut));

    /// <summary>Framing errors seen on the line (bad FCS/BCC, over-long or broken frames).</summary>
    public long LineErrors => _driver.HardwareErrorCount;

    /// <summary>The fault injector on the output side, or null.</summary>
    public FrameCorrupter? Corrupter => _driver.Corrupter;

    /// <summary>A LAPB end of the line.</summary>
    /// <param name="line">The line.</param>
    /// <param name="options">LAPB options of this end (<see cref="SerialFramingOptions.Lapb"/>).</param>
    /// <param name="time">Clock of the timers.</param>
    /// <param name="corrupter">Fault injection on the output side, or null.</param>
    /// <param name="endOnLinkLoss">The gateway end: a LAPB link reset or loss ends the connection (the CSTA stream
    /// could lose or double a segment across a reset), so the supervisor reconnects with a fresh link.</param>
    /// <param name="lineOwner">Disposed with the adapter (the open port), or null.</param>
    public static CstaLinkAdapter ForLapb(IDuplexPipe line, LapbOptions options, TimeProvider? time, FrameCorrupter? corrupter, bool endOnLinkLoss, IAsyncDisposable? lineOwner)
    {
        ArgumentNullException.ThrowIfNull(options);
        CstaLinkAdapter? adapter = null;
        var driver = new LapbPipeDriver(line, options, time, e => adapter?.RaiseFramingError(e), corrupter);
        adapter = new CstaLinkAdapter(driver, options.MaxInformationLength, bsc: false, endOnLinkLoss, lineOwner);
        return adapter;
    }

    /// <summary>A BSC end of the line.</summary>
    /// <param name="line">The line.</param>
    /// <param name="options">BSC options of this end (<see cref="SerialFramingOptions.Bsc"/>).</param>
    /// <param name="time">Clock of the timers.</param>
    /// <param name="corrupter">Fault injection on the output side, or null.</param>
    /// <param name="endOnLinkLoss">The gateway end: the BSC link going down ends the connection.</param>
    /// <param name="lineOwner">Disposed with the adapter (the open port), or null.</param>
    public static CstaLinkAdapter ForBsc(IDuplexPipe line, BscLinkOptions options, TimeProvider? time, FrameCorrupter? corrupter, bool endOnLinkLoss, IAsyncDisposable? lineOwner)
    {
        ArgumentNullException.ThrowIfNull(options);
        CstaLinkAdapter? adapter = null;
        var driver = new BscPipeDriver(line, options, timeProvider: time, onFramingError: e => adapter?.RaiseFramingError(e), corrupter: corrupter);
        adapter = new CstaLinkAdapter(driver, options.MaxBlockSize - 1, bsc: true, endOnLinkLoss, lineOwner);
        return adapter;
    }

    /// <summary>Starts the link layer (LAPB: SABM from the DTE) and the pumps.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _driver.StartAsync(cancellationToken).ConfigureAwait(false);
        if (_bsc)
        {
            // A BSC line has no set-up: it is usable as soon as the port is open.
            _linkUp.TrySetResult();
        }

        _inbound = Task.Run(() => InboundAsync(_inboundStop.Token), CancellationToken.None);
        _outbound = Task.Run(() => OutboundAsync(_stop.Token), CancellationToken.None);
        _watch = Task.Run(() => WatchAsync(_stop.Token), CancellationToken.None);
    }

    /// <summary>Waits until the link layer is up (LAPB: UA to our SABM, or the peer's SABM answered).</summary>
    /// <exception cref="TimeoutException">Not up within <paramref name="timeout"/>.</exception>
    /// <exception cref="IOException">The line failed or the link went down first.</exception>
    public async Task WaitForLinkUpAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await _linkUp.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"LAPB link not set up within {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s (no UA to SABM)");
        }
    }

    /// <summary>Stops the pumps and the link layer, and closes the line when the adapter owns it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _inboundStop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_inbound, _outbound, _watch).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Expected on stop.
        }

        await _driver.DisposeAsync().ConfigureAwait(false);
        if (_lineOwner is not null)
        {
            await _lineOwner.DisposeAsync().ConfigureAwait(false);
        }

        _stop.Dispose();
        _inboundStop.Dispose();
    }

    private void RaiseFramingError(PbxFramingException error) => FramingError?.Invoke(error);

    private void Fail(Exception error)
    {
        if (Interlocked.CompareExchange(ref _failure, error, null) is null)
        {
            _linkUp.TrySetException(error);
            _inboundStop.Cancel();
        }
    }

    /// <summary>Link events: LAPB up/reset/down, BSC down; the line closing.</summary>
    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        try
        {
            var lineEnded = _driver.Completion;
            if (_driver is LapbPipeDriver lapb)
            {
                var events = lapb.Events;
                while (true)
                {
                    var more = events.WaitToReadAsync(cancellationToken).AsTask();
                    if (await Task.WhenAny(more, lineEnded).ConfigureAwait(false) == lineEnded)
                    {
                        break;
                    }

                    if (!await more.ConfigureAwait(false))
                    {
                        break;
                    }

                    while (events.TryRead(out var linkEvent))
                    {
                        if (linkEvent.Kind == LapbLinkEventKind.LinkUp)
                        {
                            _linkUp.TrySetResult();
                        }
                        else if (_endOnLinkLoss && linkEvent.Kind is LapbLinkEventKind.LinkDown or LapbLinkEventKind.LinkReset)
                        {
                            Fail(new IOException($"LAPB link {(linkEvent.Kind == LapbLinkEventKind.LinkDown ? "down" : "reset")}: {linkEvent.Detail}"));
                        }
                    }
                }
            }
            else if (_driver is BscPipeDriver bsc)
            {
                var states = bsc.StateChanges;
                while (true)
                {
                    var more = states.WaitToReadAsync(cancellationToken).AsTask();
                    if (await Task.WhenAny(more, lineEnded).ConfigureAwait(false) == lineEnded || !await more.ConfigureAwait(false))
                    {
                        break;
                    }

                    while (states.TryRead(out var state))
                    {
                        if (_endOnLinkLoss && state == BscLinkState.Down)
                        {
                            Fail(new IOException($"BSC link down: {bsc.FailureReason}"));
                        }
                    }
                }
            }

            await lineEnded.ConfigureAwait(false);
            Fail(new IOException("serial line closed"));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped.
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException)
        {
            Fail(new IOException($"serial line failed: {ex.Message}", ex));
        }
    }

    /// <summary>Delivered payloads become the CSTA byte stream of <see cref="Input"/>.</summary>
    private async Task InboundAsync(CancellationToken cancellationToken)
    {
        var writer = _in.Writer;
        try
        {
            await foreach (var payload in _driver.Delivered.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                Interlocked.Increment(ref _framesIn);
                if (_bsc)
                {
                    if (payload.Length < 4 || !int.TryParse(payload.Span[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var invokeId))
                    {
                        RaiseFramingError(new PbxFramingException(
                            "bsc-text-without-invoke-id",
                            "BSC text does not start with a 4-digit invoke id",
                            0,
                            payload[..Math.Min(payload.Length, HardwareErrorRecord.MaxBytes)].ToArray()));
                        continue;
                    }

                    CstaFrameWriter.Write(invokeId, payload.Span[4..], writer);
                }
                else
                {
                    writer.Write(payload.Span);
                }

                var flush = await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                if (flush.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped or failed: the failure (if any) completes the input below.
        }
        finally
        {
            await writer.CompleteAsync(Volatile.Read(ref _failure)).ConfigureAwait(false);
        }
    }

    /// <summary>Cuts <see cref="Output"/> into CSTA frames and hands them to the link layer.</summary>
    private async Task OutboundAsync(CancellationToken cancellationToken)
    {
        var reader = _out.Reader;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                var buffer = result.Buffer;
                while (true)
                {
                    var before = buffer;
                    if (!CstaFrameReader.TryReadFrame(ref buffer, out var frame))
                    {
                        break;
                    }

                    await SendFrameAsync(frame, before.Slice(0, before.Length - buffer.Length), cancellationToken).ConfigureAwait(false);
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped.
        }
        catch (PbxFramingException ex)
        {
            // Our own side wrote something that is not a CSTA frame: a bug above, not a line problem.
            Fail(new IOException($"outgoing data is not a CSTA-XML frame: {ex.Message}", ex));
        }
        catch (InvalidOperationException ex)
        {
            // The link layer refused the payload (BSC link down).
            Fail(new IOException(ex.Message, ex));
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    private async ValueTask SendFrameAsync(CstaFrame frame, ReadOnlySequence<byte> raw, CancellationToken cancellationToken)
    {
        if (_bsc)
        {
            var text = new byte[4 + frame.Xml.Length];
            Encoding.ASCII.GetBytes(frame.InvokeId.ToString("D4", CultureInfo.InvariantCulture), text);
            frame.Xml.CopyTo(text.AsSpan(4));
            var problem = TextProblem(text);
            if (problem is not null)
            {
                RaiseFramingError(new PbxFramingException(problem.Value.Cause, problem.Value.Detail, -1, text[..Math.Min(text.Length, HardwareErrorRecord.MaxBytes)]));
                return;
            }

            await _driver.SendAsync(text, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // LAPB: whole frame, cut at N1 - 4 octets; the CSTA header's length tells the receiver where it ends.
            var bytes = raw.ToArray();
            for (var offset = 0; offset < bytes.Length; offset += _maxPayload)
            {
                var length = Math.Min(_maxPayload, bytes.Length - offset);
                await _driver.SendAsync(bytes.AsMemory(offset, length), cancellationToken).ConfigureAwait(false);
            }
        }

        Interlocked.Increment(ref _framesOut);
        Interlocked.Exchange(ref _digestOut, unchecked((long)CstaFrameDigest.Append(FramesOutDigest, frame.InvokeId, frame.Xml)));
        while (await _driver.GetBacklogAsync(cancellationToken).ConfigureAwait(false) > MaxBacklog)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(5), cancellationToken).ConfigureAwait(false);
        }
    }

    private (string Cause, string Detail)? TextProblem(ReadOnlySpan<byte> text)
    {
        if (text.Length > _maxPayload)
        {
            return ("frame-over-block-maximum", string.Create(CultureInfo.InvariantCulture,
                $"CSTA frame of {text.Length - 4} XML bytes does not fit one BSC block ({_maxPayload} text bytes with the invoke id, max-block {_maxPayload + 1}); not sent"));
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is < 0x20 or > 0x7E)
            {
                return ("frame-not-printable", string.Create(CultureInfo.InvariantCulture,
                    $"CSTA frame byte 0x{text[i]:X2} at text offset {i} is not 7-bit printable (BSC has no transparency); not sent"));
            }
        }

        return null;
    }
}
