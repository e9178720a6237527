using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using CtiGateway.Protocol;

namespace CtiGateway.Daemon.Tests;

/// <summary>
/// A T-Library client over a raw socket that records every message it receives (in order) from a background read
/// loop, so a test can look at the whole event stream: sequence numbers, link events, and whether it was closed.
/// </summary>
internal sealed class TlibEventRecorder : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly ConcurrentQueue<TlibMessage> _received = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _readLoop;
    private int _nextReferenceId = 100;

    private TlibEventRecorder(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _readLoop = Task.Run(ReadLoopAsync);
    }

    /// <summary>Set when the server closed the connection (or the read failed).</summary>
    public string? ClosedReason { get; private set; }

    public IReadOnlyList<TlibMessage> Received => [.. _received];

    /// <summary>Connects to 127.0.0.1:<paramref name="port"/>, from <paramref name="localAddress"/> when given (e.g. 127.0.0.2).</summary>
    public static async Task<TlibEventRecorder> ConnectAsync(int port, TimeSpan timeout, IPAddress? localAddress = null)
    {
        using var cts = new CancellationTokenSource(timeout);
        var tcp = localAddress is null ? new TcpClient() : new TcpClient(new IPEndPoint(localAddress, 0));
        await tcp.ConnectAsync(IPAddress.Loopback, port, cts.Token);
        return new TlibEventRecorder(tcp);
    }

    /// <summary>
    /// Connects and sends RequestRegisterClient, as every T-Library client does first (the daemon closes a connection
    /// that has not registered within TServer:RegistrationTimeoutSeconds); returns once the link-state answer arrived.
    /// </summary>
    public static async Task<TlibEventRecorder> ConnectRegisteredAsync(int port, TimeSpan timeout, string application = "daemon-test")
    {
        var client = await ConnectAsync(port, timeout);
        var register = new TlibMessage(MessageType.RequestRegisterClient);
        register.Set(AttributeId.ApplicationName, application);
        register.Set(AttributeId.ProtocolVersion, TlibWire.ProtocolVersion);
        var referenceId = client.NextReferenceId();
        register.ReferenceID = referenceId;
        await client.SendAsync(register);
        await client.WaitForAsync(
            m => m.ReferenceID == referenceId && m.Type is MessageType.EventLinkConnected or MessageType.EventLinkDisconnected or MessageType.EventError,
            timeout,
            "the answer to RequestRegisterClient");
        return client;
    }

    public int NextReferenceId() => Interlocked.Increment(ref _nextReferenceId);

    public async Task SendAsync(TlibMessage message)
    {
        var w = new ArrayBufferWriter<byte>();
        TlibMessageWriter.Write(message, w);
        await _stream.WriteAsync(w.WrittenMemory);
    }

    /// <summary>Sends <paramref name="request"/> with a fresh ReferenceID and waits for the answer of <paramref name="answer"/> type with that id.</summary>
    public async Task<TlibMessage> RequestAsync(TlibMessage request, MessageType answer, TimeSpan timeout)
    {
        var referenceId = NextReferenceId();
        request.ReferenceID = referenceId;
        await SendAsync(request);
        return await WaitForAsync(m => m.Type == answer && m.ReferenceID == referenceId, timeout, $"{answer} with ReferenceID {referenceId}");
    }

    /// <summary>Waits until a received message (from the start of the stream) matches <paramref name="predicate"/>.</summary>
    public async Task<TlibMessage> WaitForAsync(Func<TlibMessage, bool> predicate, TimeSpan timeout, string what, int skip = 0)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            var found = Received.Skip(skip).FirstOrDefault(predicate);
            if (found is not null)
            {
                return found;
            }

            if (ClosedReason is not null)
            {
                throw new IOException($"Connection closed ({ClosedReason}) while waiting for {what}; received: {Describe()}");
            }

            try
            {
                await _arrived.WaitAsync(TimeSpan.FromMilliseconds(200), cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No {what} within {timeout}; received: {Describe()}");
            }
        }
    }

    /// <summary>Sends bytes as they are (a partial frame, for instance).</summary>
    public async Task SendRawAsync(ReadOnlyMemory<byte> bytes) => await _stream.WriteAsync(bytes);

    /// <summary>Waits until the server closed the connection; returns <see cref="ClosedReason"/>.</summary>
    public async Task<string> WaitForCloseAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (ClosedReason is null)
        {
            try
            {
                await _arrived.WaitAsync(TimeSpan.FromMilliseconds(200), cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"The connection was not closed within {timeout}; received: {Describe()}");
            }
        }

        return ClosedReason;
    }

    public string Describe() => string.Join(" | ", Received.Select(m => $"#{m.EventSequenceNumber} {m.Type} {m.Extensions}"));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _tcp.Dispose();
        await _readLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
        _arrived.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[1 << 16];
        var filled = 0;
        try
        {
            while (true)
            {
                var n = await _stream.ReadAsync(buffer.AsMemory(filled), _stop.Token);
                if (n == 0)
                {
                    ClosedReason = "closed by the server";
                    _arrived.Release();
                    return;
                }

                filled += n;
                var seq = new ReadOnlySequence<byte>(buffer, 0, filled);
                while (TlibFrameReader.TryReadFrame(ref seq, out var frame))
                {
                    if (frame.Kind == FrameKind.Message)
                    {
                        _received.Enqueue(TlibMessageReader.Decode(frame.Payload));
                        _arrived.Release();
                    }
                }

                var consumed = filled - (int)seq.Length;
                Buffer.BlockCopy(buffer, consumed, buffer, 0, filled - consumed);
                filled -= consumed;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException or SocketException)
        {
            ClosedReason ??= _stop.IsCancellationRequested ? "disposed" : ex.Message;
            _arrived.Release();
        }
    }
}
