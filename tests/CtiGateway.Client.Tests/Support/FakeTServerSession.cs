using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Threading.Channels;

namespace CtiGateway.Client.Tests.Support;

/// <summary>One client connection of the <see cref="FakeTServer"/>.</summary>
public sealed class FakeTServerSession
{
    private readonly FakeTServer _server;
    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly Channel<Action<ArrayBufferWriter<byte>>> _outgoing = Channel.CreateUnbounded<Action<ArrayBufferWriter<byte>>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HashSet<string> _dns = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _closed = new();
    private Task _loops = Task.CompletedTask;
    private int _addpPolls;
    private int _addpReplies;

    internal FakeTServerSession(FakeTServer server, int index, Socket socket, Stream stream, bool answerAddpPolls)
    {
        _server = server;
        Index = index;
        _socket = socket;
        _stream = stream;
        AnswerAddpPolls = answerAddpPolls;
    }

    /// <summary>0-based accept order.</summary>
    public int Index { get; }

    /// <summary>Whether this session answers ADDP polls.</summary>
    public bool AnswerAddpPolls { get; set; }

    /// <summary>The ADDP hello the client sent, if any.</summary>
    public AddpHello? Hello { get; private set; }

    /// <summary>ADDP polls received from the client.</summary>
    public int AddpPollsReceived => Volatile.Read(ref _addpPolls);

    /// <summary>ADDP replies received from the client.</summary>
    public int AddpRepliesReceived => Volatile.Read(ref _addpReplies);

    /// <summary>False once the connection has closed.</summary>
    public bool IsConnected => !_closed.IsCancellationRequested;

    /// <summary>Completes when both loops have ended.</summary>
    public Task Completion => _loops;

    /// <summary>True when the client registered <paramref name="dn"/> on this session.</summary>
    public bool IsRegistered(string dn)
    {
        lock (_dns)
        {
            return _dns.Contains(dn);
        }
    }

    /// <summary>Queues a message to the client.</summary>
    public void Post(TlibMessage message) => _outgoing.Writer.TryWrite(w => TlibMessageWriter.Write(message, w, TlibWire.MaxMaxFrameSize));

    /// <summary>Queues a message to the client; completes when the writer has encoded it (after everything queued before it).</summary>
    public Task SendAsync(TlibMessage message)
    {
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _outgoing.Writer.TryWrite(w =>
        {
            TlibMessageWriter.Write(message, w, TlibWire.MaxMaxFrameSize);
            written.TrySetResult();
        });
        return written.Task;
    }

    /// <summary>Sends an ADDP poll to the client.</summary>
    public void SendAddpPoll(uint sequence) => _outgoing.Writer.TryWrite(w => TlibMessageWriter.WriteAddp(FrameKind.AddpPoll, sequence, w));

    /// <summary>Closes the connection abruptly.</summary>
    public void Drop()
    {
        if (_closed.IsCancellationRequested)
        {
            return;
        }

        _closed.Cancel();
        _outgoing.Writer.TryComplete();
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already gone.
        }

        _socket.Dispose();
        _server.Pulse();
    }

    internal void Register(string dn)
    {
        lock (_dns)
        {
            _dns.Add(dn);
        }
    }

    internal void Unregister(string dn)
    {
        lock (_dns)
        {
            _dns.Remove(dn);
        }
    }

    internal void Start() => _loops = Task.WhenAll(Task.Run(ReadLoopAsync), Task.Run(WriteLoopAsync));

    private async Task ReadLoopAsync()
    {
        var reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(leaveOpen: true));
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(_closed.Token);
                var buffer = result.Buffer;
                while (TlibFrameReader.TryReadFrame(ref buffer, out var frame, TlibWire.MaxMaxFrameSize))
                {
                    switch (frame.Kind)
                    {
                        case FrameKind.Message:
                            var request = TlibMessageReader.Decode(frame.Payload);
                            foreach (var answer in _server.Answer(this, request))
                            {
                                Post(answer);
                            }

                            break;
                        case FrameKind.AddpPoll:
                            Interlocked.Increment(ref _addpPolls);
                            if (AnswerAddpPolls)
                            {
                                var sequence = TlibFrameReader.ReadAddpSequence(frame);
                                _outgoing.Writer.TryWrite(w => TlibMessageWriter.WriteAddp(FrameKind.AddpReply, sequence, w));
                            }

                            break;
                        case FrameKind.AddpReply:
                            Interlocked.Increment(ref _addpReplies);
                            break;
                        case FrameKind.AddpHello:
                            Hello = TlibFrameReader.ReadAddpHello(frame);
                            break;
                    }

                    _server.Pulse();
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException or TlibProtocolException)
        {
            // Closed.
        }
        finally
        {
            await reader.CompleteAsync();
            Drop();
        }
    }

    private async Task WriteLoopAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        try
        {
            while (await _outgoing.Reader.WaitToReadAsync(_closed.Token))
            {
                while (buffer.WrittenCount < 256 * 1024 && _outgoing.Reader.TryRead(out var write))
                {
                    write(buffer);
                }

                await _stream.WriteAsync(buffer.WrittenMemory, _closed.Token);
                buffer.ResetWrittenCount();
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException or ChannelClosedException)
        {
            // Closed.
        }
        finally
        {
            Drop();
            await _stream.DisposeAsync();
        }
    }
}
