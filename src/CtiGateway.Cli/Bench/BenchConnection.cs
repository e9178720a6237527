using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CtiGateway.Client;

namespace CtiGateway.Cli.Bench;

/// <summary>
/// A lean T-Library connection for load generation: raw socket with large buffers, a blocking-free handshake
/// (RequestRegisterClient, RequestRegisterAddress), then one receive loop that cuts frames in place in one reusable
/// buffer and hands each payload span to a handler: no allocation per frame. ADDP polls are answered.
/// </summary>
internal sealed class BenchConnection : IDisposable
{
    private const int SocketBufferSize = 4 * 1024 * 1024;
    private readonly Socket _socket;
    private byte[] _buffer = new byte[1024 * 1024];
    private int _start;
    private int _end;

    private BenchConnection(Socket socket, EndPoint server)
    {
        _socket = socket;
        Server = server;
    }

    /// <summary>The server endpoint.</summary>
    public EndPoint Server { get; }

    /// <summary>True when the receive loop ended because the server closed the connection or it failed.</summary>
    public bool Lost { get; private set; }

    /// <summary>Connects and registers the client (RequestRegisterClient, ReferenceID 1).</summary>
    public static async Task<BenchConnection> ConnectAsync(EndPoint server, string applicationName, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp)
        {
            NoDelay = true,
            ReceiveBufferSize = SocketBufferSize,
            SendBufferSize = SocketBufferSize,
        };
        try
        {
            await socket.ConnectAsync(server, cancellationToken);
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw new TServerConnectionException($"Could not connect to a T-Server: {server}: {ex.Message}", server, ex);
        }

        var connection = new BenchConnection(socket, server);
        try
        {
            var register = new TlibMessage(MessageType.RequestRegisterClient)
                .Set(AttributeId.ApplicationName, applicationName)
                .Set(AttributeId.ProtocolVersion, TlibWire.ProtocolVersion);
            await connection.RequestAsync(register, 1, cancellationToken);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Sends a request and waits for the message that carries its ReferenceID (EventError throws).</summary>
    public async Task<TlibMessage> RequestAsync(TlibMessage request, int referenceId, CancellationToken cancellationToken) =>
        (await RequestAllAsync([request], referenceId, cancellationToken).ConfigureAwait(false))[0];

    /// <summary>
    /// Sends requests pipelined (one write, ReferenceIDs <paramref name="firstReferenceId"/> upwards) and waits for the
    /// message carrying each ReferenceID; returns them in request order. An EventError answer throws.
    /// </summary>
    public async Task<TlibMessage[]> RequestAllAsync(IReadOnlyList<TlibMessage> requests, int firstReferenceId, CancellationToken cancellationToken)
    {
        var writer = new ArrayBufferWriter<byte>(256 * requests.Count);
        for (var i = 0; i < requests.Count; i++)
        {
            requests[i].ReferenceID = firstReferenceId + i;
            TlibMessageWriter.Write(requests[i], writer);
        }

        await SendAsync(writer.WrittenMemory, cancellationToken);
        var answers = new TlibMessage[requests.Count];
        var missing = requests.Count;
        while (true)
        {
            while (TryCutFrame(out var kind, out var payloadOffset, out var payloadLength))
            {
                if (kind != FrameKind.Message)
                {
                    HandleAddp(kind, payloadOffset);
                    continue;
                }

                var message = TlibMessageReader.Decode(_buffer.AsSpan(payloadOffset, payloadLength));
                var index = (message.ReferenceID ?? -1) - firstReferenceId;
                if (index < 0 || index >= answers.Length || answers[index] is not null)
                {
                    continue;
                }

                if (message.Type == MessageType.EventError)
                {
                    throw new TServerErrorException(requests[index].Type, message);
                }

                answers[index] = message;
                if (--missing == 0)
                {
                    return answers;
                }
            }

            if (!await ReceiveMoreAsync(cancellationToken))
            {
                throw new TServerConnectionException($"T-Server {Server} closed the connection before answering {requests[0].Name}.", Server, null);
            }
        }
    }

    /// <summary>Sends bytes, all of them.</summary>
    public async ValueTask SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        while (!bytes.IsEmpty)
        {
            var sent = await _socket.SendAsync(bytes, SocketFlags.None, cancellationToken);
            bytes = bytes[sent..];
        }
    }

    /// <summary>
    /// Receives until cancelled or the connection ends, handing every message frame to <paramref name="handler"/>;
    /// frames already buffered by the handshake come first.
    /// </summary>
    public async Task ReceiveLoopAsync<THandler>(THandler handler, CancellationToken cancellationToken)
        where THandler : IBenchFrameHandler
    {
        try
        {
            var now = Stopwatch.GetTimestamp();
            while (true)
            {
                DispatchFrames(handler, now);
                if (!await ReceiveMoreAsync(cancellationToken))
                {
                    Lost = true;
                    return;
                }

                now = Stopwatch.GetTimestamp();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped by the benchmark.
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or TlibProtocolException)
        {
            Lost = true;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _socket.Dispose();

    private void DispatchFrames<THandler>(THandler handler, long now)
        where THandler : IBenchFrameHandler
    {
        while (TryCutFrame(out var kind, out var payloadOffset, out var payloadLength))
        {
            if (kind == FrameKind.Message)
            {
                handler.OnMessage(_buffer.AsSpan(payloadOffset, payloadLength), now);
            }
            else
            {
                HandleAddp(kind, payloadOffset);
            }
        }
    }

    /// <summary>Cuts the next frame from the buffer with the codec's frame reader (no allocation: the sequence wraps the array).</summary>
    private bool TryCutFrame(out FrameKind kind, out int payloadOffset, out int payloadLength)
    {
        var buffered = new ReadOnlySequence<byte>(_buffer, _start, _end - _start);
        var rest = buffered;
        if (!TlibFrameReader.TryReadFrame(ref rest, out var frame, TlibWire.MaxMaxFrameSize))
        {
            kind = default;
            payloadOffset = payloadLength = 0;
            return false;
        }

        kind = frame.Kind;
        payloadOffset = _start + TlibWire.HeaderSize;
        payloadLength = (int)frame.Payload.Length;
        _start += (int)(buffered.Length - rest.Length);
        return true;
    }

    private void HandleAddp(FrameKind kind, int payloadOffset)
    {
        if (kind != FrameKind.AddpPoll)
        {
            return;
        }

        // Rare (only when the server polls): reply at once, synchronously.
        var reply = new ArrayBufferWriter<byte>(16);
        TlibMessageWriter.WriteAddp(FrameKind.AddpReply, BinaryPrimitives.ReadUInt32BigEndian(_buffer.AsSpan(payloadOffset, 4)), reply);
        _socket.Send(reply.WrittenSpan);
    }

    private async ValueTask<bool> ReceiveMoreAsync(CancellationToken cancellationToken)
    {
        if (_start == _end)
        {
            _start = _end = 0;
        }
        else if (_buffer.Length - _end < 64 * 1024)
        {
            var pending = _end - _start;
            if (pending + (64 * 1024) > _buffer.Length)
            {
                // A frame bigger than the buffer: grow (rare; frames are at most MaxMaxFrameSize).
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            Buffer.BlockCopy(_buffer, _start, _buffer, 0, pending);
            _start = 0;
            _end = pending;
        }

        var received = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken);
        _end += received;
        return received > 0;
    }
}
