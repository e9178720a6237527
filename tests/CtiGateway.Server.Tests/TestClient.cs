using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using CtiGateway.Protocol;

namespace CtiGateway.Server.Tests;

/// <summary>
/// A minimal T-Library client for the tests: the codec over a raw socket (optionally TLS). Every read has a timeout.
/// </summary>
internal sealed class TestClient : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly PipeReader _reader;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly List<TlibMessage> _unsolicited = [];
    private int _nextReferenceId = 1000;

    private TestClient(Socket socket, Stream stream)
    {
        _socket = socket;
        _stream = stream;
        _reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true));
    }

    public Socket Socket => _socket;

    /// <summary>Events read while waiting for a response with another ReferenceID.</summary>
    public IReadOnlyList<TlibMessage> Unsolicited => _unsolicited;

    public static async Task<TestClient> ConnectAsync(IPEndPoint endpoint, string? tlsThumbprint = null, int? receiveBufferSize = null, IPAddress? localAddress = null)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        if (receiveBufferSize is { } size)
        {
            socket.ReceiveBufferSize = size;
        }

        if (localAddress is not null)
        {
            socket.Bind(new IPEndPoint(localAddress, 0));
        }

        using var cts = Timeout();
        await socket.ConnectAsync(endpoint, cts.Token);
        Stream stream = new NetworkStream(socket, ownsSocket: false);
        if (tlsThumbprint is not null)
        {
            var ssl = new SslStream(stream, leaveInnerStreamOpen: false, (_, cert, _, _) => cert is not null && cert.GetCertHashString() == tlsThumbprint);
            await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost" }, cts.Token);
            stream = ssl;
        }

        return new TestClient(socket, stream);
    }

    /// <summary>Speaks over a socket that is connected already (the client end of TlibServer.ConnectInProcess).</summary>
    public static TestClient FromSocket(Socket socket) => new(socket, new NetworkStream(socket, ownsSocket: false));

    public static CancellationTokenSource Timeout(TimeSpan? timeout = null)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(timeout ?? DefaultTimeout);
        return cts;
    }

    public static byte[] Encode(TlibMessage message)
    {
        var w = new ArrayBufferWriter<byte>();
        TlibMessageWriter.Write(message, w, TlibWire.MaxMaxFrameSize);
        return w.WrittenSpan.ToArray();
    }

    public Task SendAsync(TlibMessage message) => SendRawAsync(Encode(message));

    public async Task SendRawAsync(ReadOnlyMemory<byte> bytes)
    {
        using var cts = Timeout();
        await _writeLock.WaitAsync(cts.Token);
        try
        {
            await _stream.WriteAsync(bytes, cts.Token);
            await _stream.FlushAsync(cts.Token);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public Task SendAddpAsync(FrameKind kind, uint sequence)
    {
        var w = new ArrayBufferWriter<byte>();
        TlibMessageWriter.WriteAddp(kind, sequence, w);
        return SendRawAsync(w.WrittenMemory);
    }

    public Task SendHelloAsync(AddpHello hello)
    {
        var w = new ArrayBufferWriter<byte>();
        TlibMessageWriter.WriteAddpHello(hello, w);
        return SendRawAsync(w.WrittenMemory);
    }

    /// <summary>Half-closes the connection (FIN) while it can still read.</summary>
    public void ShutdownSend() => _socket.Shutdown(SocketShutdown.Send);

    /// <summary>Reads the next frame; null when the server closed the connection (FIN or reset).</summary>
    public async Task<Received?> ReceiveFrameAsync(TimeSpan? timeout = null)
    {
        using var cts = Timeout(timeout);
        try
        {
            while (true)
            {
                var result = await _reader.ReadAsync(cts.Token);
                var buffer = result.Buffer;
                if (TlibFrameReader.TryReadFrame(ref buffer, out var frame, TlibWire.MaxMaxFrameSize))
                {
                    var received = frame.Kind switch
                    {
                        FrameKind.Message => new Received(frame.Kind, TlibMessageReader.Decode(frame.Payload), 0, null),
                        FrameKind.AddpHello => new Received(frame.Kind, null, 0, TlibFrameReader.ReadAddpHello(frame)),
                        _ => new Received(frame.Kind, null, TlibFrameReader.ReadAddpSequence(frame), null),
                    };
                    _reader.AdvanceTo(buffer.Start);
                    return received;
                }

                if (result.IsCompleted)
                {
                    _reader.AdvanceTo(buffer.End);
                    return null;
                }

                _reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Nothing received within {(timeout ?? DefaultTimeout).TotalSeconds} s.");
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Reads the next message frame (ADDP frames are skipped).</summary>
    public async Task<TlibMessage> ReceiveAsync(TimeSpan? timeout = null)
    {
        while (true)
        {
            var frame = await ReceiveFrameAsync(timeout) ?? throw new IOException("The server closed the connection.");
            if (frame.Message is { } message)
            {
                return message;
            }
        }
    }

    /// <summary>Reads until the next message of <paramref name="type"/>; others are kept in <see cref="Unsolicited"/>.</summary>
    public async Task<TlibMessage> ReceiveAsync(MessageType type, TimeSpan? timeout = null)
    {
        while (true)
        {
            var message = await ReceiveAsync(timeout);
            if (message.Type == type)
            {
                return message;
            }

            _unsolicited.Add(message);
        }
    }

    /// <summary>Sends a request with a fresh ReferenceID (unless it has one) and returns the first event echoing it.</summary>
    public async Task<TlibMessage> RequestAsync(TlibMessage request)
    {
        request.ReferenceID ??= Interlocked.Increment(ref _nextReferenceId);
        await SendAsync(request);
        while (true)
        {
            var message = await ReceiveAsync();
            if (message.ReferenceID == request.ReferenceID)
            {
                return message;
            }

            _unsolicited.Add(message);
        }
    }

    /// <summary>Reads until the server closes; returns the messages read on the way.</summary>
    public async Task<List<TlibMessage>> ReadUntilClosedAsync(TimeSpan? timeout = null)
    {
        var messages = new List<TlibMessage>();
        while (await ReceiveFrameAsync(timeout) is { } frame)
        {
            if (frame.Message is { } m)
            {
                messages.Add(m);
            }
        }

        return messages;
    }

    public async ValueTask DisposeAsync()
    {
        await _reader.CompleteAsync();
        await _stream.DisposeAsync();
        _socket.Dispose();
        _writeLock.Dispose();
    }
}
