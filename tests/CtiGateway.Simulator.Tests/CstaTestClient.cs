using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using CtiGateway.Pbx.Csta;

namespace CtiGateway.Simulator.Tests;

/// <summary>A gateway-side test client built only from CtiGateway.Pbx: CstaFrameReader/Writer and CstaXmlDecoder/Encoder.</summary>
internal sealed class CstaTestClient : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly PipeReader _reader;

    private CstaTestClient(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _reader = PipeReader.Create(_stream);
    }

    public static async Task<CstaTestClient> ConnectAsync(IPEndPoint endpoint)
    {
        var tcp = new TcpClient();
        using var cts = new CancellationTokenSource(Timeout);
        await tcp.ConnectAsync(endpoint, cts.Token);
        return new CstaTestClient(tcp);
    }

    /// <summary>Receives one frame and decodes its body; null at the end of the stream.</summary>
    public async Task<(int InvokeId, CstaMessage Message)?> ReceiveAsync()
    {
        using var cts = new CancellationTokenSource(Timeout);
        while (true)
        {
            var result = await _reader.ReadAsync(cts.Token);
            var buffer = result.Buffer;
            var complete = false;
            try
            {
                complete = CstaFrameReader.TryReadFrame(ref buffer, out var frame);
                if (complete)
                {
                    return (frame.InvokeId, CstaXmlDecoder.Decode(frame.Xml));
                }

                if (result.IsCompleted)
                {
                    return null;
                }
            }
            finally
            {
                // After a frame, what is left may hold more frames: mark only what was consumed as examined.
                if (complete)
                {
                    _reader.AdvanceTo(buffer.Start);
                }
                else
                {
                    _reader.AdvanceTo(buffer.Start, buffer.End);
                }
            }
        }
    }

    /// <summary>Receives one frame that must be there.</summary>
    public async Task<(int InvokeId, CstaMessage Message)> ExpectAsync() =>
        await ReceiveAsync() ?? throw new InvalidOperationException("The simulator closed the link.");

    /// <summary>Receives one call event (invoke id 9999).</summary>
    public async Task<CstaCallEvent> ExpectEventAsync()
    {
        var (invokeId, message) = await ExpectAsync();
        Assert.Equal(CstaWire.EventInvokeId, invokeId);
        return Assert.IsType<CstaCallEvent>(message);
    }

    /// <summary>Receives the response to <paramref name="invokeId"/>.</summary>
    public async Task<T> ExpectResponseAsync<T>(int invokeId)
        where T : CstaMessage
    {
        var (id, message) = await ExpectAsync();
        Assert.Equal(invokeId, id);
        return Assert.IsType<T>(message);
    }

    public async Task SendAsync(int invokeId, Action<IBufferWriter<byte>> writeBody)
    {
        var body = new ArrayBufferWriter<byte>();
        writeBody(body);
        await SendRawBodyAsync(invokeId, body.WrittenMemory);
    }

    public async Task SendRawBodyAsync(int invokeId, ReadOnlyMemory<byte> body)
    {
        var frame = new ArrayBufferWriter<byte>();
        CstaFrameWriter.Write(invokeId, body.Span, frame);
        using var cts = new CancellationTokenSource(Timeout);
        await _stream.WriteAsync(frame.WrittenMemory, cts.Token);
    }

    /// <summary>The OSV start-up: SystemStatus normal from the switch first, answered with the same invoke id.</summary>
    public async Task<int> AnswerStartupAsync()
    {
        var (invokeId, message) = await ExpectAsync();
        var status = Assert.IsType<CstaSystemStatus>(message);
        Assert.Equal("normal", status.Status);
        Assert.NotEqual(CstaWire.EventInvokeId, invokeId);
        await SendAsync(invokeId, w => CstaXmlEncoder.WriteSystemStatusResponse(w, CstaDialectFlavour.OsvEd4));
        return invokeId;
    }

    public async Task<string> MonitorAsync(int invokeId, string device)
    {
        await SendAsync(invokeId, w => CstaXmlEncoder.WriteMonitorStart(w, CstaDialectFlavour.OsvEd4, device));
        return (await ExpectResponseAsync<CstaMonitorStartResponse>(invokeId)).MonitorCrossRefId;
    }

    public async ValueTask DisposeAsync()
    {
        await _reader.CompleteAsync();
        _tcp.Dispose();
    }
}
