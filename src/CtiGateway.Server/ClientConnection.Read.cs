using System.Buffers;
using System.IO.Pipelines;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using CtiGateway.Protocol;

namespace CtiGateway.Server;

internal sealed partial class ClientConnection
{
    // Smallest buffer handed to one socket read (the pipe's segments are larger, see TlibServer.InputPipeOptions).
    private const int MinReceiveSize = 4096;

    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan LingerTimeout = TimeSpan.FromSeconds(1);

    private Stream? _stream;
    private bool _isTls;
    private volatile bool _peerClosed;

    private async Task RunAsync()
    {
        Task? writer = null;
        Task? receive = null;
        var reason = "peer closed the connection";
        try
        {
            _stream = await OpenStreamAsync().ConfigureAwait(false);
            if (_stream is null)
            {
                reason = "TLS handshake failed";
                return;
            }

            _server.OnConnectionReady(this);
            var pipe = new Pipe(_server.InputPipeOptions);
            writer = WriteLoopAsync(_stream);
            receive = ReceiveLoopAsync(_stream, pipe.Writer);
            reason = await ProcessLoopAsync(pipe.Reader).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            reason = "connection failed: " + ex.Message;
            TServerLog.ConnectionFaulted(_server.Logger, ex, Id, RemoteEndPoint);
        }
        finally
        {
            await CloseAsync(writer, receive, reason).ConfigureAwait(false);
        }
    }

    private async Task<Stream?> OpenStreamAsync()
    {
        var network = new NetworkStream(_socket, ownsSocket: false);

        // TLS protects a network path; an in-process connection has none.
        if (_server.TlsOptions is not { } tls || InProcess)
        {
            return network;
        }

        var ssl = new SslStream(network, leaveInnerStreamOpen: false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_receiveCts.Token);
        timeout.CancelAfter(HandshakeTimeout);
        try
        {
            await ssl.AuthenticateAsServerAsync(tls, timeout.Token).ConfigureAwait(false);
            _isTls = true;
            return ssl;
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            var why = ex is not OperationCanceledException ? ex.Message
                : Volatile.Read(ref _closeReason) is { } closed ? closed
                : $"no handshake within {HandshakeTimeout.TotalSeconds} s";
            TServerLog.TlsHandshakeFailed(_server.Logger, Id, RemoteEndPoint, why);
            await ssl.DisposeAsync().ConfigureAwait(false);
            return null;
        }
    }

    // Kestrel-style receive side: socket bytes into the pipe; the pipe's thresholds pause this loop when the process
    // loop falls behind, so a client cannot make the server buffer more than one pause threshold of input.
    private async Task ReceiveLoopAsync(Stream stream, PipeWriter writer)
    {
        var ct = _receiveCts.Token;
        try
        {
            while (true)
            {
                // Wait for data with a zero-byte read first, so an idle client holds no receive buffer.
                await stream.ReadAsync(Memory<byte>.Empty, ct).ConfigureAwait(false);
                var memory = writer.GetMemory(MinReceiveSize);
                var n = await stream.ReadAsync(memory, ct).ConfigureAwait(false);
                if (n == 0)
                {
                    _peerClosed = true;
                    break;
                }

                writer.Advance(n);
                Volatile.Write(ref _bytesReceived, _bytesReceived + n);
                var flush = await writer.FlushAsync(ct).ConfigureAwait(false);
                if (flush.IsCompleted || flush.IsCanceled)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The server stopped reading (close requested or aborted).
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            _peerClosed = Volatile.Read(ref _state) != Aborted;
        }
        finally
        {
            await writer.CompleteAsync().ConfigureAwait(false);
        }
    }

    // SE.Redis-style process loop: cut and handle every whole frame in the buffer, then AdvanceTo(consumed, examined).
    private async Task<string> ProcessLoopAsync(PipeReader reader)
    {
        var codec = _server.Codec;
        long offset = 0;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync().ConfigureAwait(false);
                var buffer = result.Buffer;
                var length = buffer.Length;
                var now = _server.Elapsed;
                if (length > 0)
                {
                    NoteActivity(now);
                }

                long frameStart = 0;
                string? rejected = null;
                DeferredWakes.Begin();
                try
                {
                    while (IsOpen)
                    {
                        frameStart = length - buffer.Length;
                        if (!codec.TryReadFrame(ref buffer, out var frame))
                        {
                            break;
                        }

                        HandleFrame(frame);
                    }
                }
                catch (TlibProtocolException ex) when (ex.IsFatal)
                {
                    rejected = $"Frame rejected: {ex.Message.TrimEnd('.')} at offset {offset + frameStart + Math.Max(ex.Offset, 0)}";
                }
                finally
                {
                    DeferredWakes.Flush();
                }

                offset += length - buffer.Length;
                if (rejected is not null)
                {
                    reader.AdvanceTo(buffer.End);
                    RejectInput(rejected);
                    return rejected;
                }

                if (!IsOpen)
                {
                    reader.AdvanceTo(buffer.End);
                    return _closeReason ?? "closed by the server";
                }

                if (result.IsCompleted || result.IsCanceled)
                {
                    if (!buffer.IsEmpty && _peerClosed)
                    {
                        var truncated = $"Frame rejected: the connection closed after {buffer.Length} bytes of an incomplete frame at offset {offset}";
                        reader.AdvanceTo(buffer.End);
                        RejectInput(truncated);
                        return truncated;
                    }

                    reader.AdvanceTo(buffer.End);
                    return _closeReason ?? "peer closed the connection";
                }

                NoteIncompleteFrame(buffer.Length, consumedAny: length != buffer.Length, now);
                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    private void HandleFrame(in TlibFrame frame)
    {
        switch (frame.Kind)
        {
            case FrameKind.Message:
                TlibMessage message;
                try
                {
                    message = _server.Codec.DecodeMessage(frame.Payload);
                }
                catch (TlibProtocolException ex) when (!ex.IsFatal)
                {
                    _server.RejectMessage(this, ex);
                    return;
                }

                _server.HandleRequest(this, message);
                break;
            case FrameKind.AddpPoll:
                AnswerPoll(_server.Codec.ReadAddpSequence(frame));
                break;
            case FrameKind.AddpReply:
                OnReply(_server.Codec.ReadAddpSequence(frame));
                break;
            case FrameKind.AddpHello:
                OnHello(_server.Codec.ReadAddpHello(frame));
                break;
        }
    }

    // Input that cannot be framed: tell the client why (ReferenceID 0), log it, and close after the error is written.
    private void RejectInput(string reason)
    {
        TServerLog.FrameRejected(_server.Logger, Id, RemoteEndPoint, reason);
        _server.CountFrameRejected();
        _server.SendError(this, null, 0, ErrorCode.TERR_UNKNOWN_ERROR, reason);
    }

    private async Task CloseAsync(Task? writer, Task? receive, string reason)
    {
        _server.Detach(this);
        Interlocked.CompareExchange(ref _state, Closing, Open);
        WakeWriter();
        if (writer is not null)
        {
            try
            {
                await writer.WaitAsync(FlushTimeout, _server.Time).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                Abort($"queued frames not written within {FlushTimeout.TotalSeconds} s of closing");
            }
        }

        var aborted = Volatile.Read(ref _state) == Aborted;
        if (!aborted && _stream is SslStream ssl)
        {
            try
            {
                await ssl.ShutdownAsync().WaitAsync(FlushTimeout, _server.Time).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or InvalidOperationException or TimeoutException)
            {
                // The peer is gone; nothing more to tell it.
            }
        }

        if (!aborted)
        {
            try
            {
                _socket.Shutdown(SocketShutdown.Send);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // Already gone.
            }
        }

        CancelReceive();
        if (receive is not null)
        {
            await receive.ConfigureAwait(false);
        }

        if (!aborted && !_peerClosed)
        {
            await LingerAsync().ConfigureAwait(false);
        }

        if (_stream is not null)
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }

        _socket.Dispose();
        while (_queue.TryDequeue(out var frame))
        {
            frame.Release();
        }

        _receiveCts.Dispose();
        _server.OnClientClosed(this, _closeReason ?? reason);
    }

    // After our FIN, read and drop what the peer still sends (up to a second) so that closing with unread input does
    // not turn into a reset that destroys the last frames we wrote.
    private async Task LingerAsync()
    {
        var scratch = ArrayPool<byte>.Shared.Rent(4096);
        using var timeout = new CancellationTokenSource(LingerTimeout, _server.Time);
        try
        {
            while (await _socket.ReceiveAsync(scratch.AsMemory(), SocketFlags.None, timeout.Token).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Timed out or the peer reset: either way we are done.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }
}
