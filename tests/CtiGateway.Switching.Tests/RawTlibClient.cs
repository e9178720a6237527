using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using CtiGateway.Protocol;

namespace CtiGateway.Switching.Tests;

/// <summary>A raw T-Library client over a real socket: registers, then collects every message it receives.</summary>
internal sealed class RawTlibClient : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly Channel<TlibMessage> _received = Channel.CreateUnbounded<TlibMessage>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reader;

    private RawTlibClient(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _reader = ReadLoopAsync();
    }

    public static async Task<RawTlibClient> ConnectRegisteredAsync(IPEndPoint endpoint, TimeSpan timeout)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var cts = new CancellationTokenSource(timeout);
        await socket.ConnectAsync(endpoint, cts.Token);
        var client = new RawTlibClient(socket);
        var register = new TlibMessage(MessageType.RequestRegisterClient) { ReferenceID = 1 };
        register.Set(AttributeId.ApplicationName, "switching-test");
        register.Set(AttributeId.ProtocolVersion, TlibWire.ProtocolVersion);
        var w = new ArrayBufferWriter<byte>();
        TlibMessageWriter.Write(register, w, TlibWire.MaxMaxFrameSize);
        await client._stream.WriteAsync(w.WrittenMemory, cts.Token);
        return client;
    }

    /// <summary>Reads messages until one matches, or fails after <paramref name="timeout"/>.</summary>
    public async Task<TlibMessage> WaitForAsync(Func<TlibMessage, bool> match, TimeSpan timeout, string what)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(timeout);
        var seen = new List<string>();
        try
        {
            while (true)
            {
                var message = await _received.Reader.ReadAsync(cts.Token);
                if (match(message))
                {
                    return message;
                }

                seen.Add(message.Type.ToString());
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"No {what} within {timeout}; received: {string.Join(", ", seen)}");
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        await _reader.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        var reader = PipeReader.Create(_stream);
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(_stop.Token);
                var buffer = result.Buffer;
                while (TlibFrameReader.TryReadFrame(ref buffer, out var frame, TlibWire.MaxMaxFrameSize))
                {
                    if (frame.Kind == FrameKind.Message)
                    {
                        _received.Writer.TryWrite(TlibMessageReader.Decode(frame.Payload));
                    }
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Closed by the test.
        }
        finally
        {
            _received.Writer.TryComplete();
        }
    }
}
