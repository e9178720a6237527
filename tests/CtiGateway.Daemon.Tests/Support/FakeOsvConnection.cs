using System.Buffers;
using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using CtiGateway.Pbx.Csta;

namespace CtiGateway.Daemon.Tests;

/// <summary>One accepted link connection: a read loop records the root element of every frame the gateway sends.</summary>
internal sealed class FakeOsvConnection : IDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly ConcurrentQueue<string> _elements = new();
    private readonly ConcurrentDictionary<string, int> _lastInvokeIds = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _arrived = new(0);

    public FakeOsvConnection(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
        _ = Task.Run(ReadLoopAsync);
    }

    /// <summary>Completes when the gateway closed the connection.</summary>
    public Task Closed => _closed.Task;

    public async Task SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await _stream.WriteAsync(bytes, cancellationToken);
        await _stream.FlushAsync(cancellationToken);
    }

    public async Task WaitForElementAsync(string element, CancellationToken cancellationToken)
    {
        while (!_elements.Contains(element))
        {
            if (_closed.Task.IsCompleted)
            {
                throw new IOException($"The gateway closed the link before sending {element}; it sent: {string.Join(", ", _elements)}");
            }

            await _arrived.WaitAsync(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }

    /// <summary>The invoke id of the last frame whose root element was <paramref name="element"/>.</summary>
    public int InvokeIdOf(string element) => _lastInvokeIds.TryGetValue(element, out var id)
        ? id
        : throw new InvalidOperationException($"The gateway has not sent {element}.");

    public void Dispose()
    {
        _client.Dispose();
        _arrived.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        var pending = new ArrayBufferWriter<byte>();
        var buffer = new byte[65536];
        try
        {
            while (true)
            {
                var n = await _stream.ReadAsync(buffer);
                if (n == 0)
                {
                    break;
                }

                pending.Write(buffer.AsSpan(0, n));
                var sequence = new ReadOnlySequence<byte>(pending.WrittenMemory);
                while (CstaFrameReader.TryReadFrame(ref sequence, out var frame))
                {
                    var xml = Encoding.UTF8.GetString(frame.Xml);
                    var start = xml.IndexOf('<', xml.StartsWith("<?", StringComparison.Ordinal) ? xml.IndexOf("?>", StringComparison.Ordinal) : 0);
                    var end = xml.IndexOfAny([' ', '>', '/'], start + 1);
                    var element = xml[(start + 1)..end];
                    _lastInvokeIds[element] = frame.InvokeId;
                    _elements.Enqueue(element);
                    _arrived.Release();
                }

                var rest = sequence.ToArray();
                pending.Clear();
                pending.Write(rest);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            // Closed under the read.
        }

        _closed.TrySetResult();
        try
        {
            _arrived.Release();
        }
        catch (ObjectDisposedException)
        {
            // Disposed by the test already.
        }
    }
}
