using System.Buffers;
using System.Net.Sockets;
using CtiGateway.Protocol;

namespace CtiGateway.Daemon.Tests;

/// <summary>A minimal T-Library peer over a raw socket, written with the codec only, to probe a running daemon.</summary>
internal sealed class RawTlibConnection : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly byte[] _buffer = new byte[1 << 16];
    private int _filled;

    private RawTlibConnection(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
    }

    public static async Task<RawTlibConnection> ConnectAsync(int port, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port, cts.Token);
        return new RawTlibConnection(tcp);
    }

    public async Task SendAsync(TlibMessage message)
    {
        var w = new ArrayBufferWriter<byte>();
        TlibMessageWriter.Write(message, w);
        await _stream.WriteAsync(w.WrittenMemory);
    }

    /// <summary>Reads messages until one of <paramref name="type"/> arrives (others are skipped).</summary>
    public async Task<TlibMessage> ReceiveAsync(MessageType type, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            var seq = new ReadOnlySequence<byte>(_buffer, 0, _filled);
            while (TlibFrameReader.TryReadFrame(ref seq, out var frame))
            {
                var consumed = _filled - (int)seq.Length;
                TlibMessage? message = frame.Kind == FrameKind.Message ? TlibMessageReader.Decode(frame.Payload) : null;
                Buffer.BlockCopy(_buffer, consumed, _buffer, 0, _filled - consumed);
                _filled -= consumed;
                seq = new ReadOnlySequence<byte>(_buffer, 0, _filled);
                if (message?.Type == type)
                {
                    return message;
                }
            }

            var n = await _stream.ReadAsync(_buffer.AsMemory(_filled), cts.Token);
            if (n == 0)
            {
                throw new IOException($"Connection closed while waiting for {type}");
            }

            _filled += n;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _tcp.Dispose();
    }
}
