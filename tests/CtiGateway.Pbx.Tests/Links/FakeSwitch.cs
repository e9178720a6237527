using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CtiGateway.Pbx.Csta;

namespace CtiGateway.Pbx.Tests.Links;

/// <summary>The switch side of a CSTA-XML-over-TCP link for tests: a listener on 127.0.0.1:0.</summary>
internal sealed class FakeSwitch : IDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public FakeSwitch() => _listener.Start();

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public static string Delivered(string callId) =>
        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><DeliveredEvent xmlns=\"{CstaNamespaces.Ed4}\"><monitorCrossRefID>77</monitorCrossRefID>"
        + $"<connection><callID>{callId}</callID><deviceID>5001</deviceID></connection>"
        + "<alertingDevice><deviceIdentifier>5001</deviceIdentifier></alertingDevice></DeliveredEvent>";

    public static string SystemStatus(string status) =>
        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><SystemStatus xmlns=\"{CstaNamespaces.Ed4}\"><systemStatus>{status}</systemStatus></SystemStatus>";

    public async Task<FakeSwitchConnection> AcceptAsync()
    {
        var client = await _listener.AcceptTcpClientAsync().WaitAsync(Timeout);
        return new FakeSwitchConnection(client);
    }

    public void Stop() => _listener.Stop();

    public void Dispose() => _listener.Stop();
}

/// <summary>One accepted connection of <see cref="FakeSwitch"/>.</summary>
internal sealed class FakeSwitchConnection : IDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly byte[] _readBuffer = new byte[65536];
    private byte[] _pending = [];

    public FakeSwitchConnection(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
    }

    public static byte[] Frame(int invokeId, string xml)
    {
        var output = new ArrayBufferWriter<byte>();
        CstaFrameWriter.Write(invokeId, Encoding.UTF8.GetBytes(xml), output);
        return output.WrittenSpan.ToArray();
    }

    public Task SendFrameAsync(int invokeId, string xml) => SendRawAsync(Frame(invokeId, xml));

    public async Task SendRawAsync(byte[] bytes)
    {
        await _stream.WriteAsync(bytes).AsTask().WaitAsync(FakeSwitch.Timeout);
        await _stream.FlushAsync().WaitAsync(FakeSwitch.Timeout);
    }

    /// <summary>Reads the next frame the link sent: invoke id and XML text.</summary>
    public async Task<(int InvokeId, string Xml)> ReadFrameAsync()
    {
        while (true)
        {
            var sequence = new ReadOnlySequence<byte>(_pending);
            if (CstaFrameReader.TryReadFrame(ref sequence, out var frame))
            {
                var result = (frame.InvokeId, Encoding.UTF8.GetString(frame.Xml));
                _pending = sequence.ToArray();
                return result;
            }

            var n = await _stream.ReadAsync(_readBuffer).AsTask().WaitAsync(FakeSwitch.Timeout);
            if (n == 0)
            {
                throw new EndOfStreamException("The link closed the connection.");
            }

            _pending = [.. _pending, .. _readBuffer.AsSpan(0, n)];
        }
    }

    /// <summary>Waits until the link closes the connection (reads and drops anything it still sends).</summary>
    public async Task WaitClosedAsync()
    {
        while (await _stream.ReadAsync(_readBuffer).AsTask().WaitAsync(FakeSwitch.Timeout) > 0)
        {
        }
    }

    public void Dispose() => _client.Dispose();
}
