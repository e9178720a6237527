using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Threading.Channels;
using CtiGateway.Pbx.Csta;
using CtiGateway.Runtime;

namespace CtiGateway.Pbx.Links;

/// <summary>
/// Supervisor of one CSTA-XML link (issue 3 "Link supervisor"): connects through the transport (TCP client, TCP
/// server for a dial-in PBX, or a serial line under LAPB or BSC, see <see cref="SerialLinkTransport"/>), cuts and
/// decodes frames, answers the switch's SystemStatus, keeps the link alive (kpl-interval / kpl-tolerance),
/// resynchronises after a bad header and drops the link when no valid header appears within the maximum frame
/// size, reports state changes and hardware errors upward, and reconnects with the backoff of its
/// <see cref="ReconnectPolicy"/>. With a start-up exchange (the switch's SystemStatus, an ECMA-354 application session
/// with <see cref="CstaTcpLinkOptions.ApplicationSession"/>, SystemRegister) it reports itself up only once that
/// exchange is complete, and a switch that does not complete it within the start-up timeout is a hardware error (see
/// CstaTcpLink.Startup.cs and CstaTcpLink.Session.cs). Event handlers run on the link's loop and must not block or throw.
/// </summary>
public sealed partial class CstaTcpLink
{
    private readonly ILinkTransport _transport;
    private readonly CstaTcpLinkOptions _options;
    private readonly TimeProvider _time;
    private readonly long _startTimestamp;
    private readonly ReconnectPolicy _policy;
    private readonly KeepAliveMonitor _monitor;
    private readonly Channel<CstaLinkMessage> _messages;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Lock _sync = new();
    private readonly LoopProbe _probe = new();
    private IDuplexPipe? _pipe;
    private CancellationTokenSource? _connection;
    private string? _dropReason;
    private string? _lastConnectFailure;
    private int _invokeCounter;
    private int _keepAliveInvokeId = -1;
    private long _lastProgressTicks;
    private int _running;
    private volatile bool _supervisorEnded;
    private LinkState _state;

    /// <summary>Creates a link; call <see cref="RunAsync"/> to start it.</summary>
    public CstaTcpLink(ILinkTransport transport, CstaTcpLinkOptions options)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Name);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxFrameSize, CstaWire.HeaderSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.MaxFrameSize, CstaWire.MaxFrameSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MessageQueueCapacity);
        options.ApplicationSession?.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.StartupTimeout, TimeSpan.Zero);
        _transport = transport;
        _options = options;
        _time = options.TimeProvider;
        _startTimestamp = _time.GetTimestamp();
        _policy = options.ReconnectPolicyFactory?.Invoke()
            ?? new ReconnectPolicy(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 2.0, 0.2, TimeSpan.FromSeconds(60));
        _monitor = new KeepAliveMonitor(options.KeepAliveInterval, options.KeepAliveTolerance);
        _messages = Channel.CreateBounded<CstaLinkMessage>(new BoundedChannelOptions(options.MessageQueueCapacity)
        {
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _lastProgressTicks = _time.GetUtcNow().UtcTicks;
    }

    /// <summary>The link went up or down.</summary>
    public event Action<LinkStateChanged>? StateChanged;

    /// <summary>An inconsistency in the switch messaging was detected.</summary>
    public event Action<HardwareErrorRecord>? HardwareError;

    /// <summary>A reconnect was scheduled after the given delay (from the <see cref="ReconnectPolicy"/>).</summary>
    public event Action<TimeSpan>? ReconnectScheduled;

    /// <summary>The link name.</summary>
    public string Name => _options.Name;

    /// <summary>Current state.</summary>
    public LinkState State
    {
        get
        {
            lock (_sync)
            {
                return _state;
            }
        }
    }

    /// <summary>Counters for server-info.</summary>
    public LinkCounters Counters { get; } = new();

    /// <summary>Decoded CSTA messages in arrival order (completed when <see cref="RunAsync"/> ends).</summary>
    public ChannelReader<CstaLinkMessage> Messages => _messages.Reader;

    /// <summary>Why the last connection attempt failed (refused, timed out, ...), or null.</summary>
    public string? LastConnectFailure => Volatile.Read(ref _lastConnectFailure);

    /// <summary>
    /// Last time the link's loops made progress (for a watchdog): stamped on each connect attempt, each read
    /// completion and each keep-alive check. With keep-alive disabled an idle link does not stamp it.
    /// </summary>
    public DateTimeOffset LastProgress => new(Interlocked.Read(ref _lastProgressTicks), TimeSpan.Zero);

    /// <summary>
    /// Liveness probe of the link's supervisor loop: completes when the loop's own code has answered, whether it is
    /// connecting, reading from an up link or waiting to reconnect (a link that is down but supervised answers). It
    /// does not complete while the loop is stuck, e.g. the read loop blocked on a full message queue.
    /// </summary>
    public Task ProbeAsync(CancellationToken cancellationToken)
    {
        // A link whose supervisor has ended on purpose (stopped, or replaced by a reload) is not a hung loop.
        if (_supervisorEnded)
        {
            return Task.CompletedTask;
        }

        var answer = _probe.RequestAsync(cancellationToken);
        if (_supervisorEnded)
        {
            _probe.Answer();
        }

        return answer;
    }

    /// <summary>Consecutive keep-alive intervals without received traffic on the current connection.</summary>
    public int KeepAliveMisses
    {
        get
        {
            lock (_sync)
            {
                return _monitor.Misses;
            }
        }
    }

    private TimeSpan Now => _time.GetElapsedTime(_startTimestamp);

    /// <summary>Runs the link (connect, serve, reconnect) until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _running, 1) != 0)
        {
            throw new InvalidOperationException($"Link {Name} is already running.");
        }

        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                Touch();
                IDuplexPipe? pipe = null;
                try
                {
                    pipe = await _probe.AnswerWhileAsync(_transport.ConnectAsync(cancellationToken).AsTask()).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception ex) when (ex is SocketException or IOException or TimeoutException)
                {
                    Volatile.Write(ref _lastConnectFailure, $"connect via {_transport.Description} failed: {ex.Message}");
                }

                if (pipe is not null)
                {
                    await ServeConnectionAsync(pipe, cancellationToken).ConfigureAwait(false);
                    if (cancellationToken.IsCancellationRequested)
                    {
                        break;
                    }
                }

                _policy.OnDisconnected(Now);
                var delay = _policy.NextDelay();
                Counters.Reconnect();
                ReconnectScheduled?.Invoke(delay);
                try
                {
                    await _probe.AnswerWhileAsync(Task.Delay(delay, _time, cancellationToken)).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        finally
        {
            _supervisorEnded = true;
            _probe.Answer();
            _messages.Writer.TryComplete();
        }
    }

    /// <summary>Sends a request with the next invoke id (0..9998; 9999 is left to switch events) and returns the id.</summary>
    /// <exception cref="InvalidOperationException">The link is down.</exception>
    public async ValueTask<int> SendRequestAsync(Action<IBufferWriter<byte>> writeBody, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writeBody);
        var invokeId = NextInvokeId();
        var body = new ArrayBufferWriter<byte>(256);
        writeBody(body);
        await SendAsync(invokeId, body.WrittenMemory, cancellationToken).ConfigureAwait(false);
        return invokeId;
    }

    /// <summary>Sends one frame with the given invoke id (e.g. a response to a switch request).</summary>
    /// <exception cref="InvalidOperationException">The link is down.</exception>
    public async ValueTask SendAsync(int invokeId, ReadOnlyMemory<byte> xml, CancellationToken cancellationToken)
    {
        CancellationToken connectionToken;
        lock (_sync)
        {
            connectionToken = _connection?.Token ?? throw new InvalidOperationException($"Link {Name} is down: cannot send.");
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, connectionToken);
        await WriteFrameAsync(invokeId, xml, linked.Token).ConfigureAwait(false);
    }

    private async Task ServeConnectionAsync(IDuplexPipe pipe, CancellationToken cancellationToken)
    {
        // Not linked to cancellationToken: on a stop the application session is closed before the connection.
        using var connection = new CancellationTokenSource();
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stopRegistration = cancellationToken.Register(() => stopped.TrySetResult());
        lock (_sync)
        {
            _pipe = pipe;
            _connection = connection;
            _dropReason = null;
            _keepAliveInvokeId = -1;
            _session = null;
            _pending = null;
            _startupStatus = _options.AwaitSystemStatus ? new TaskCompletionSource<CstaMessage>(TaskCreationOptions.RunContinuationsAsynchronously) : null;
            _monitor.Start(Now);
        }

        var errorSource = pipe as ILinkErrorSource;
        if (errorSource is not null)
        {
            errorSource.FramingError += OnTransportFramingError;
        }

        // The timer loops start before the link is reported up, so their first timers are armed by then (a test on a
        // virtual clock that advances as soon as it sees the link up still hits them).
        var up = false;
        var keepAlive = Task.CompletedTask;
        var sessionTimer = Task.CompletedTask;
        var session = _options.ApplicationSession;
        Task<string> read;
        if (!_options.HasStartupExchange)
        {
            _policy.OnConnected(Now);
            keepAlive = KeepAliveLoopAsync(connection);
            SetState(LinkState.Up, $"connected via {_transport.Description}");
            up = true;
            read = RunReadLoopAsync(pipe.Input, connection);
        }
        else
        {
            // Up only once the start-up exchange is complete: a switch that accepts the connection and stays silent is
            // a hardware error at the start-up timeout, not a live link.
            read = RunReadLoopAsync(pipe.Input, connection);
            var (failure, done) = await RunStartupAsync(read, stopped.Task, connection.Token).ConfigureAwait(false);
            if (failure is null)
            {
                _policy.OnConnected(Now);
                keepAlive = KeepAliveLoopAsync(connection);
                if (session is not null)
                {
                    sessionTimer = SessionTimerLoopAsync(session, connection);
                }

                SetState(LinkState.Up, $"connected via {_transport.Description}, {done}");
                up = true;
            }
            else
            {
                _dropReason = failure;
                if (!cancellationToken.IsCancellationRequested)
                {
                    Volatile.Write(ref _lastConnectFailure, failure);
                }
            }
        }

        if (up)
        {
            await Task.WhenAny(read, stopped.Task).ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested && !read.IsCompleted && session is not null)
            {
                await StopSessionAsync(session, read, connection.Token).ConfigureAwait(false);
            }
        }

        await connection.CancelAsync().ConfigureAwait(false);
        var reason = await read.ConfigureAwait(false);
        FailPendingRequests(reason);
        try
        {
            await Task.WhenAll(keepAlive, sessionTimer).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or InvalidOperationException)
        {
            // These loops end with the connection; their own failures already show in the read loop's reason.
        }

        await _writeLock.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            lock (_sync)
            {
                _pipe = null;
                _connection = null;
                _session = null;
                _startupStatus = null;
                _pending?.Answer.TrySetCanceled(CancellationToken.None);
                _pending = null;
            }
        }
        finally
        {
            _writeLock.Release();
        }

        if (errorSource is not null)
        {
            errorSource.FramingError -= OnTransportFramingError;
        }

        try
        {
            if (pipe is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                await pipe.Input.CompleteAsync().ConfigureAwait(false);
                await pipe.Output.CompleteAsync().ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // Closing a connection the peer already dropped (unflushed bytes, broken pipe): the connection is gone
            // either way; the supervisor must go on to report the link down and reconnect.
        }

        if (up)
        {
            SetState(LinkState.Down, reason);
        }
    }

    /// <summary>The read loop of one connection; returns why it ended.</summary>
    private async Task<string> RunReadLoopAsync(PipeReader input, CancellationTokenSource connection)
    {
        try
        {
            return await ReadLoopAsync(input, connection.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (connection.IsCancellationRequested)
        {
            return _dropReason ?? "link stopped";
        }
        catch (Exception ex) when (ex is IOException or SocketException or InvalidOperationException)
        {
            return $"connection error: {ex.Message}";
        }
    }

    private async Task<string> ReadLoopAsync(PipeReader reader, CancellationToken token)
    {
        var maxFrameSize = _options.MaxFrameSize;
        var resync = false;
        long skippedRun = 0;
        var sample = Array.Empty<byte>();
        while (true)
        {
            _probe.Answer();
            var read = reader.ReadAsync(token);
            var result = read.IsCompleted ? read.GetAwaiter().GetResult() : await _probe.AnswerWhileAsync(read.AsTask()).ConfigureAwait(false);
            Touch();
            var buffer = result.Buffer;
            while (true)
            {
                if (token.IsCancellationRequested)
                {
                    // Dropped while frames were still buffered (an error storm): stop at this frame.
                    reader.AdvanceTo(buffer.Start, buffer.End);
                    token.ThrowIfCancellationRequested();
                }

                if (resync)
                {
                    var found = CstaFrameReader.TrySkipToNextHeader(ref buffer, out var skipped, maxFrameSize);
                    skippedRun += skipped;
                    Counters.Skipped(skipped);
                    if (skippedRun > maxFrameSize)
                    {
                        Report(HardwareErrorRecord.BytesLost(Name, skippedRun, maxFrameSize, sample, _time.GetUtcNow()));
                        reader.AdvanceTo(buffer.Start, buffer.End);
                        return $"no valid CSTA-XML header within the maximum frame size {maxFrameSize}: {skippedRun} bytes lost";
                    }

                    if (!found)
                    {
                        break;
                    }

                    resync = false;
                    skippedRun = 0;
                }

                CstaFrame frame;
                try
                {
                    if (!CstaFrameReader.TryReadFrame(ref buffer, out frame, maxFrameSize))
                    {
                        break;
                    }
                }
                catch (PbxFramingException ex)
                {
                    Report(HardwareErrorRecord.FromFraming(Name, ex, _time.GetUtcNow()));
                    sample = ex.Bytes;
                    resync = true;
                    continue;
                }

                await HandleFrameAsync(frame, token).ConfigureAwait(false);
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                return buffer.IsEmpty ? "connection closed by the switch" : $"connection closed by the switch inside a frame ({buffer.Length} bytes unread)";
            }
        }
    }

    private async ValueTask HandleFrameAsync(CstaFrame frame, CancellationToken token)
    {
        Counters.FrameIn(CstaWire.HeaderSize + frame.Xml.Length, frame.InvokeId, frame.Xml);
        lock (_sync)
        {
            _monitor.OnReceived();
        }

        CstaMessage message;
        try
        {
            message = CstaXmlDecoder.Decode(frame.Xml);
        }
        catch (CstaDialectException ex)
        {
            var length = (int)Math.Min(frame.Xml.Length, HardwareErrorRecord.MaxBytes);
            Report(HardwareErrorRecord.FromDialect(Name, ex, frame.Xml.Slice(0, length).ToArray(), _time.GetUtcNow()));
            return;
        }

        if (TryTakeSessionAnswer(frame.InvokeId, message) || TryTakeRequestAnswer(frame.InvokeId, message))
        {
            return;
        }

        if (message is CstaSystemStatus status)
        {
            var response = new ArrayBufferWriter<byte>(160);
            CstaXmlEncoder.WriteSystemStatusResponse(response, _options.Flavour);
            await WriteFrameAsync(frame.InvokeId, response.WrittenMemory, token).ConfigureAwait(false);
            if (status.IsHardwareError)
            {
                Report(HardwareErrorRecord.FromSystemStatus(Name, status, _time.GetUtcNow()));
            }

            OnSystemStatusAnswered(status);
        }
        else if (message.Element == "SystemStatusResponse" && frame.InvokeId == Volatile.Read(ref _keepAliveInvokeId))
        {
            return;
        }

        await _messages.Writer.WriteAsync(new CstaLinkMessage(Name, frame.InvokeId, message), token).ConfigureAwait(false);
    }

    private async Task KeepAliveLoopAsync(CancellationTokenSource connection)
    {
        if (!_monitor.Enabled)
        {
            return;
        }

        var token = connection.Token;
        while (!token.IsCancellationRequested)
        {
            TimeSpan due;
            lock (_sync)
            {
                due = _monitor.NextDue;
            }

            if (due == TimeSpan.MaxValue)
            {
                return;
            }

            var wait = due - Now;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _time, token).ConfigureAwait(false);
            }

            Touch();
            KeepAliveAction action;
            int misses;
            lock (_sync)
            {
                action = _monitor.Poll(Now);
                misses = _monitor.Misses;
            }

            if (action == KeepAliveAction.LinkDown)
            {
                _dropReason = $"keep-alive: {misses} consecutive intervals of {_monitor.Interval} without traffic (kpl-tolerance {_monitor.Tolerance})";
                await connection.CancelAsync().ConfigureAwait(false);
                return;
            }

            if (action == KeepAliveAction.SendKeepAlive)
            {
                var invokeId = NextInvokeId();
                Volatile.Write(ref _keepAliveInvokeId, invokeId);
                var body = new ArrayBufferWriter<byte>(160);
                if (_options.KeepAliveRequest is null && _options.ApplicationSession is { } session && SessionId is { } sessionId)
                {
                    // DMCC: the keep-alive is a session timer reset (keep-alive method ResetApplicationSessionTimer).
                    CstaXmlEncoder.WriteResetApplicationSessionTimer(body, sessionId, WholeSeconds(session.RequestedDuration));
                }
                else
                {
                    (_options.KeepAliveRequest ?? CstaTcpLinkOptions.WriteSystemStatusRequest)(body, _options.Flavour);
                }

                await WriteFrameAsync(invokeId, body.WrittenMemory, token).ConfigureAwait(false);
            }
        }
    }

    private async ValueTask WriteFrameAsync(int invokeId, ReadOnlyMemory<byte> xml, CancellationToken token)
    {
        await _writeLock.WaitAsync(token).ConfigureAwait(false);
        try
        {
            IDuplexPipe pipe;
            lock (_sync)
            {
                pipe = _pipe ?? throw new InvalidOperationException($"Link {Name} is down: cannot send.");
            }

            CstaFrameWriter.Write(invokeId, xml.Span, pipe.Output);
            await pipe.Output.FlushAsync(token).ConfigureAwait(false);
            Counters.FrameOut(CstaWire.HeaderSize + xml.Length);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private void OnTransportFramingError(PbxFramingException error) => Report(HardwareErrorRecord.FromFraming(Name, error, _time.GetUtcNow()));

    private int NextInvokeId() => (int)((uint)Interlocked.Increment(ref _invokeCounter) % CstaWire.MaxInvokeId);

    private void Report(HardwareErrorRecord record)
    {
        Counters.HardwareError(record);
        HardwareError?.Invoke(record);
        DropOnErrorStorm();
    }

    private void SetState(LinkState state, string reason)
    {
        lock (_sync)
        {
            _state = state;
        }

        StateChanged?.Invoke(new LinkStateChanged(Name, state, reason, _time.GetUtcNow()));
    }

    private void Touch() => Interlocked.Exchange(ref _lastProgressTicks, _time.GetUtcNow().UtcTicks);
}
