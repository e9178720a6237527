using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Threading.Channels;
using CtiGateway.Protocol;
using Microsoft.Extensions.Logging;

namespace CtiGateway.Client;

/// <summary>
/// One TCP (or TLS) connection to a T-Server: a read loop over a <see cref="PipeReader"/>, a single writer loop fed by a
/// bounded channel, and the ADDP loop. It closes once, for one reason, and then reports it to its owner.
/// </summary>
internal sealed partial class TServerConnection : IAsyncDisposable
{
    private const int SendQueueCapacity = 4096;
    private const int FlushThreshold = 64 * 1024;

    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly Channel<OutgoingFrame> _outgoing;
    private readonly ITlibCodec _codec;
    private readonly IConnectionHandler _handler;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _abort = new();
    private readonly TaskCompletionSource<Exception> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long _startTimestamp = Stopwatch.GetTimestamp();
    private long _lastReceived;
    private int _aborted;
    private int _disposed;
    private Task _readLoop = Task.CompletedTask;
    private Task _writeLoop = Task.CompletedTask;
    private Task _addpLoop = Task.CompletedTask;

    private TServerConnection(Socket socket, Stream stream, EndPoint remoteEndPoint, ITlibCodec codec, IConnectionHandler handler, ILogger logger)
    {
        _socket = socket;
        _stream = stream;
        _codec = codec;
        _handler = handler;
        _logger = logger;
        _lastReceived = _startTimestamp;
        RemoteEndPoint = remoteEndPoint;
        _input = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024, leaveOpen: true));
        _output = PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: 16 * 1024, leaveOpen: true));
        _outgoing = Channel.CreateBounded<OutgoingFrame>(new BoundedChannelOptions(SendQueueCapacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>The endpoint this connection was opened to.</summary>
    public EndPoint RemoteEndPoint { get; }

    /// <summary>Cancelled when the connection closes.</summary>
    public CancellationToken AbortToken => _abort.Token;

    /// <summary>Completes with the reason when the connection closes; never faults.</summary>
    public Task<Exception> Closed => _closed.Task;

    /// <summary>True once the connection has closed.</summary>
    public bool IsClosed => Volatile.Read(ref _aborted) != 0;

    /// <summary>
    /// Opens the TCP connection (and TLS when enabled) within the connect timeout, or takes the socket of a
    /// <see cref="SocketFactoryEndPoint"/>, then starts the loops.
    /// </summary>
    public static async Task<TServerConnection> OpenAsync(
        EndPoint endPoint, TServerClientOptions options, ITlibCodec codec, IConnectionHandler handler, ILogger logger, CancellationToken cancellationToken)
    {
        if (endPoint is SocketFactoryEndPoint factory)
        {
            return await OpenFromFactoryAsync(factory, options, codec, handler, logger, cancellationToken).ConfigureAwait(false);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Stream? stream = null;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.ConnectTimeout);
            try
            {
                await socket.ConnectAsync(endPoint, timeout.Token).ConfigureAwait(false);
                stream = new NetworkStream(socket, ownsSocket: true);
                if (options.Tls.Enabled)
                {
                    var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                    stream = ssl;
                    await ssl.AuthenticateAsClientAsync(
                        new SslClientAuthenticationOptions
                        {
                            TargetHost = options.Tls.TargetHost ?? HostOf(endPoint),
                            RemoteCertificateValidationCallback = options.Tls.RemoteCertificateValidation,
                        },
                        timeout.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Connect to {endPoint} timed out after {options.ConnectTimeout.TotalSeconds:0.###} s.");
            }

            var connection = new TServerConnection(socket, stream, endPoint, codec, handler, logger);
            connection.Start(options.Addp);
            return connection;
        }
        catch
        {
            if (stream is not null)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                socket.Dispose();
            }

            throw;
        }
    }

    // The factory's socket: connected and a stream, or it is closed and the attempt fails naming why. No TLS.
    private static async Task<TServerConnection> OpenFromFactoryAsync(
        SocketFactoryEndPoint factory, TServerClientOptions options, ITlibCodec codec, IConnectionHandler handler, ILogger logger, CancellationToken cancellationToken)
    {
        Socket? socket;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(options.ConnectTimeout);
            try
            {
                socket = await factory.Factory(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"SocketFactory ({factory}) did not return a socket within {options.ConnectTimeout.TotalSeconds:0.###} s.");
            }
        }

        if (socket is null)
        {
            throw new InvalidOperationException($"SocketFactory ({factory}) returned null instead of a connected socket.");
        }

        Stream stream;
        try
        {
            if (socket.SocketType != SocketType.Stream || !socket.Connected)
            {
                throw new InvalidOperationException(
                    $"SocketFactory ({factory}) returned a socket that is not a connected stream socket (type {socket.SocketType}, connected {socket.Connected}).");
            }

            stream = new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var connection = new TServerConnection(socket, stream, factory, codec, handler, logger);
        connection.Start(options.Addp);
        return connection;
    }

    /// <summary>Queues a frame if there is room; false when the queue is full (see <see cref="EnqueueAsync"/>).</summary>
    /// <exception cref="ChannelClosedException">The connection is closed.</exception>
    public bool TryEnqueue(in OutgoingFrame frame)
    {
        if (_outgoing.Writer.TryWrite(frame))
        {
            return true;
        }

        return IsClosed ? throw new ChannelClosedException() : false;
    }

    /// <summary>Queues a frame, waiting for room.</summary>
    /// <exception cref="ChannelClosedException">The connection is closed.</exception>
    public ValueTask EnqueueAsync(OutgoingFrame frame, CancellationToken cancellationToken) => _outgoing.Writer.WriteAsync(frame, cancellationToken);

    /// <summary>Closes the connection (once) for <paramref name="reason"/> and reports it to the owner.</summary>
    public void Abort(Exception reason)
    {
        if (Interlocked.Exchange(ref _aborted, 1) != 0)
        {
            return;
        }

        _outgoing.Writer.TryComplete();
        try
        {
            _abort.Cancel();
        }
        catch (AggregateException)
        {
            // A cancellation callback failed; the connection closes anyway.
        }

        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already closed by the peer or by dispose.
        }

        _socket.Dispose();
        _handler.OnClosed(this, reason);
        _closed.TrySetResult(reason);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Abort(new ObjectDisposedException(nameof(TServerConnection), "The connection was closed by its owner."));
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await Task.WhenAll(_readLoop, _writeLoop, _addpLoop).ConfigureAwait(false);
        await _input.CompleteAsync().ConfigureAwait(false);
        try
        {
            await _output.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException)
        {
            // Unflushed bytes cannot go anywhere once the socket is closed.
        }

        try
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException)
        {
            // TLS close_notify on a dead socket.
        }

        _abort.Dispose();
    }

    private static string HostOf(EndPoint endPoint) => endPoint switch
    {
        DnsEndPoint dns => dns.Host,
        IPEndPoint ip => ip.Address.ToString(),
        _ => endPoint.ToString() ?? string.Empty,
    };

    private void Start(AddpOptions addp)
    {
        _traceAddp = addp.Trace is AddpTrace.Local or AddpTrace.Full;
        if (addp.Enabled)
        {
            // The hello is the first frame on the wire, before RequestRegisterClient.
            _outgoing.Writer.TryWrite(OutgoingFrame.ForHello(addp.ToHello()));
            TServerClientLog.AddpHelloSent(_logger, RemoteEndPoint, addp.TimeoutSeconds, addp.RemoteTimeoutSeconds, addp.Trace);
        }

        _readLoop = Task.Run(ReadLoopAsync);
        _writeLoop = Task.Run(WriteLoopAsync);
        if (addp.Enabled)
        {
            _addpLoop = Task.Run(() => AddpLoopAsync(addp));
        }
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (true)
            {
                var result = await _input.ReadAsync(_abort.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                try
                {
                    while (_codec.TryReadFrame(ref buffer, out var frame))
                    {
                        Volatile.Write(ref _lastReceived, Stopwatch.GetTimestamp());
                        var handled = HandleFrame(frame);
                        if (!handled.IsCompletedSuccessfully)
                        {
                            await handled.ConfigureAwait(false);
                        }
                    }

                    if (result.IsCompleted || result.IsCanceled)
                    {
                        Abort(buffer.IsEmpty
                            ? new TServerConnectionException($"T-Server {RemoteEndPoint} closed the connection.", RemoteEndPoint, null)
                            : new TlibProtocolException(ProtocolErrorKind.TruncatedFrame, $"T-Server {RemoteEndPoint} closed the connection in the middle of a frame ({buffer.Length} bytes left)."));
                        return;
                    }
                }
                finally
                {
                    _input.AdvanceTo(buffer.Start, buffer.End);
                }
            }
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            // Closed by Abort.
        }
        catch (TlibProtocolException ex)
        {
            TServerClientLog.ProtocolFault(_logger, RemoteEndPoint, ex.Message);
            Abort(ex);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            Abort(new TServerConnectionException($"Reading from T-Server {RemoteEndPoint} failed: {ex.Message}", RemoteEndPoint, ex));
        }
    }

    private ValueTask HandleFrame(in TlibFrame frame)
    {
        switch (frame.Kind)
        {
            case FrameKind.Message:
                TlibMessage message;
                try
                {
                    message = _codec.DecodeMessage(frame.Payload);
                }
                catch (TlibProtocolException ex) when (!ex.IsFatal)
                {
                    _handler.OnUndecodable(this, ex);
                    return ValueTask.CompletedTask;
                }

                return _handler.OnMessageAsync(this, message);
            case FrameKind.AddpPoll:
                var sequence = _codec.ReadAddpSequence(frame);
                if (_traceAddp)
                {
                    TServerClientLog.AddpPollReceived(_logger, sequence, RemoteEndPoint);
                }

                var reply = OutgoingFrame.ForAddp(FrameKind.AddpReply, sequence);
                return _outgoing.Writer.TryWrite(reply) ? ValueTask.CompletedTask : _outgoing.Writer.WriteAsync(reply, _abort.Token);
            case FrameKind.AddpReply:
                if (_traceAddp)
                {
                    TServerClientLog.AddpReplyReceived(_logger, _codec.ReadAddpSequence(frame), RemoteEndPoint);
                }

                return ValueTask.CompletedTask;
            case FrameKind.AddpHello:
                OnHello(_codec.ReadAddpHello(frame));
                return ValueTask.CompletedTask;
            default:
                return ValueTask.CompletedTask;
        }
    }

    private async Task WriteLoopAsync()
    {
        var reader = _outgoing.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_abort.Token).ConfigureAwait(false))
            {
                var unflushed = 0;
                while (reader.TryRead(out var frame))
                {
                    unflushed += Encode(frame);
                    if (unflushed >= FlushThreshold)
                    {
                        unflushed = 0;
                        if ((await _output.FlushAsync(_abort.Token).ConfigureAwait(false)).IsCompleted)
                        {
                            return;
                        }
                    }
                }

                if (unflushed > 0 && (await _output.FlushAsync(_abort.Token).ConfigureAwait(false)).IsCompleted)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            // Closed by Abort.
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            Abort(new TServerConnectionException($"Writing to T-Server {RemoteEndPoint} failed: {ex.Message}", RemoteEndPoint, ex));
        }
    }

    private int Encode(in OutgoingFrame frame)
    {
        switch (frame.Kind)
        {
            case FrameKind.Message:
                try
                {
                    return _codec.WriteMessage(frame.Message!, _output);
                }
                catch (TlibProtocolException ex) when (frame.Pending is { } pending)
                {
                    _handler.OnSendFailed(pending, ex);
                    return 0;
                }

            case FrameKind.AddpHello:
                return _codec.WriteAddpHello(frame.Hello, _output);
            default:
                return _codec.WriteAddp(frame.Kind, frame.Sequence, _output);
        }
    }
}
