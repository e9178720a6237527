using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using CtiGateway.Protocol;

namespace CtiGateway.Switching.Tests.Calls;

/// <summary>
/// A T-Library desktop over a real socket for the call tests: registers as a client and on DNs, sends requests with its
/// own ReferenceIDs (pipelined, never waiting for answers), and keeps every message it receives, in arrival order.
/// </summary>
internal sealed class CallClient : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly SemaphoreSlim _write = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _sync = new();
    private readonly List<TlibMessage> _log = [];
    private readonly Task _reader;
    private int _nextReference = 1;

    private CallClient(Socket socket, string name)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        Name = name;
        _reader = ReadLoopAsync();
    }

    /// <summary>The client's name (its ApplicationName, and in failure messages).</summary>
    public string Name { get; }

    /// <summary>Messages received so far.</summary>
    public int Count
    {
        get
        {
            lock (_sync)
            {
                return _log.Count;
            }
        }
    }

    /// <summary>Connects and registers as a client; returns once the server answered RequestRegisterClient.</summary>
    public static async Task<CallClient> ConnectAsync(IPEndPoint endpoint, string name, TimeSpan timeout)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using (var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken))
        {
            cts.CancelAfter(timeout);
            await socket.ConnectAsync(endpoint, cts.Token);
        }

        var client = new CallClient(socket, name);
        var register = new TlibMessage(MessageType.RequestRegisterClient);
        register.Set(AttributeId.ApplicationName, name);
        register.Set(AttributeId.ProtocolVersion, TlibWire.ProtocolVersion);
        var reference = await client.SendAsync(register);
        await client.WaitForAsync(
            m => m.ReferenceID == reference && m.Type is MessageType.EventLinkConnected or MessageType.EventLinkDisconnected, timeout, "the answer to RequestRegisterClient");
        return client;
    }

    /// <summary>Registers <paramref name="dns"/> (RequestRegisterAddress, ModeShare), pipelined; returns when every one is registered.</summary>
    public async Task RegisterAsync(IReadOnlyCollection<string> dns, TimeSpan timeout)
    {
        var references = new List<int>(dns.Count);
        var batch = new List<TlibMessage>(dns.Count);
        foreach (var dn in dns)
        {
            batch.Add(new TlibMessage(MessageType.RequestRegisterAddress) { ThisDN = dn }.Set(AttributeId.RegisterMode, (int)RegisterMode.ModeShare));
        }

        references.AddRange(await SendManyAsync(batch));
        var wanted = references.ToHashSet();
        await WaitUntilAsync(
            log => log.Count(m => m.Type == MessageType.EventRegistered && m.ReferenceID is { } r && wanted.Contains(r)) == wanted.Count,
            timeout,
            $"EventRegistered for {dns.Count} DNs");
    }

    /// <summary>Sends <paramref name="request"/> with the next ReferenceID of this client and returns it.</summary>
    public async Task<int> SendAsync(TlibMessage request) => (await SendManyAsync([request]))[0];

    /// <summary>Sends <paramref name="requests"/> back to back (one write per 64 KiB), each with the next ReferenceID; returns them in order.</summary>
    public async Task<IReadOnlyList<int>> SendManyAsync(IReadOnlyList<TlibMessage> requests)
    {
        var references = new int[requests.Count];
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        await _write.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            for (var i = 0; i < requests.Count; i++)
            {
                references[i] = _nextReference++;
                requests[i].ReferenceID = references[i];
                TlibMessageWriter.Write(requests[i], buffer, TlibWire.MaxMaxFrameSize);
                if (buffer.WrittenCount >= 60 * 1024)
                {
                    await _stream.WriteAsync(buffer.WrittenMemory, TestContext.Current.CancellationToken);
                    buffer.ResetWrittenCount();
                }
            }

            if (buffer.WrittenCount > 0)
            {
                await _stream.WriteAsync(buffer.WrittenMemory, TestContext.Current.CancellationToken);
            }
        }
        finally
        {
            _write.Release();
        }

        return references;
    }

    /// <summary>A copy of every message received so far, in arrival order.</summary>
    public IReadOnlyList<TlibMessage> Log()
    {
        lock (_sync)
        {
            return [.. _log];
        }
    }

    /// <summary>The messages that carry <paramref name="referenceId"/>, in arrival order.</summary>
    public IReadOnlyList<TlibMessage> AnswersTo(int referenceId)
    {
        lock (_sync)
        {
            return [.. _log.Where(m => m.ReferenceID == referenceId)];
        }
    }

    /// <summary>Waits for the first message (received before or after the call) that matches.</summary>
    public async Task<TlibMessage> WaitForAsync(Func<TlibMessage, bool> match, TimeSpan timeout, string what)
    {
        TlibMessage? found = null;
        await WaitUntilAsync(log => (found = log.FirstOrDefault(match)) is not null, timeout, what);
        return found!;
    }

    /// <summary>Waits until <paramref name="condition"/> holds for the messages received so far (checked every 20 ms).</summary>
    public async Task WaitUntilAsync(Func<IReadOnlyList<TlibMessage>, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var log = Log();
            if (condition(log))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"{Name}: no {what} within {timeout}; received {log.Count} messages, the last: {string.Join(", ", log.TakeLast(12).Select(Describe))}");
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>One line for a message in failure texts: type, ThisDN, ConnID, ReferenceID, error.</summary>
    public static string Describe(TlibMessage m) =>
        $"{m.Type}({m.ThisDN}{(m.ConnID is { } c ? " " + c : string.Empty)}{(m.ReferenceID is { } r ? " ref " + r : string.Empty)}{(m.ErrorCode is { } e ? " err " + e : string.Empty)})";

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        await _reader.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
        _write.Dispose();
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
                        var message = TlibMessageReader.Decode(frame.Payload);
                        lock (_sync)
                        {
                            _log.Add(message);
                        }
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
    }
}
