using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;

namespace CtiGateway.Cli.Bench;

/// <summary>
/// One connection of the query bench: sends pre-encoded RequestQueryAddress frames round-robin over its DNs, pipelined
/// with at most <c>window</c> in flight, and times each answer (EventAddressInfo, or EventError counted apart) from its
/// send to its arrival. The server answers one connection's requests in order, so the ReferenceID finds the send time.
/// </summary>
internal sealed class QueryClient : IBenchFrameHandler
{
    private const int FirstReferenceId = 16;
    private readonly BenchConnection _connection;
    private readonly byte[][] _frames;
    private readonly int _referenceIdOffset;
    private readonly long[] _sentAt;
    private readonly SemaphoreSlim _window;
    private int _referenceId = FirstReferenceId - 1;
    private long _sent;
    private long _answered;
    private long _errors;
    private long _unexpected;
    private string? _firstError;

    public QueryClient(BenchConnection connection, IReadOnlyList<string> dns, AddressInfoType infoType, int window)
    {
        _connection = connection;
        _frames = new byte[dns.Count][];
        var offset = -1;
        for (var i = 0; i < dns.Count; i++)
        {
            var request = new TlibMessage(MessageType.RequestQueryAddress) { ReferenceID = FirstReferenceId, ThisDN = dns[i] }
                .Set(AttributeId.AddressInfoType, (int)infoType);
            var writer = new ArrayBufferWriter<byte>();
            TlibMessageWriter.Write(request, writer);
            _frames[i] = writer.WrittenSpan.ToArray();
            if (!UserEventScanner.TryScan(_frames[i].AsSpan(TlibWire.HeaderSize), out var scanned) || scanned.ReferenceIdOffset < 0
                || (offset >= 0 && offset != TlibWire.HeaderSize + scanned.ReferenceIdOffset))
            {
                throw new InvalidOperationException("The bench's RequestQueryAddress does not scan back.");
            }

            offset = TlibWire.HeaderSize + scanned.ReferenceIdOffset;
        }

        _referenceIdOffset = offset;
        _sentAt = new long[window * 2];
        _window = new SemaphoreSlim(window, window);
    }

    /// <summary>Latency of every answer (EventAddressInfo or EventError).</summary>
    public LatencyHistogram Latency { get; } = new();

    public long Sent => Interlocked.Read(ref _sent);

    public long Answered => Interlocked.Read(ref _answered);

    public long Errors => Interlocked.Read(ref _errors);

    public long Unexpected => Interlocked.Read(ref _unexpected);

    public string? FirstError => Volatile.Read(ref _firstError);

    /// <summary>Requests sent and not answered yet.</summary>
    public long Outstanding => Sent - Answered - Errors;

    /// <summary>Queries until <paramref name="stop"/> fires.</summary>
    public async Task QueryAsync(CancellationToken stop)
    {
        var pipeline = new PipelineBuffer(_connection, 64 * 1024, _frames.Max(f => f.Length));
        var next = 0;
        while (!stop.IsCancellationRequested && await pipeline.TakeSlotAsync(_window, stop))
        {
            var referenceId = NextReferenceId();
            var frame = pipeline.Append(_frames[next]);
            BinaryPrimitives.WriteInt32BigEndian(frame[_referenceIdOffset..], referenceId);
            Volatile.Write(ref _sentAt[referenceId % _sentAt.Length], Stopwatch.GetTimestamp());
            Interlocked.Increment(ref _sent);
            if (++next == _frames.Length)
            {
                next = 0;
            }

            await pipeline.FlushIfFullAsync();
        }

        await pipeline.FlushAsync();
    }

    /// <inheritdoc />
    public void OnMessage(ReadOnlySpan<byte> payload, long receivedTimestamp)
    {
        if (!UserEventScanner.TryScan(payload, out var message) || message.ReferenceId < FirstReferenceId)
        {
            // Unsolicited events of the registered DNs, link events: not answers.
            return;
        }

        switch (message.Type)
        {
            case MessageType.EventAddressInfo:
                Interlocked.Increment(ref _answered);
                break;
            case MessageType.EventError:
                if (Interlocked.Increment(ref _errors) == 1)
                {
                    Volatile.Write(ref _firstError, DescribeError(payload));
                }

                break;
            default:
                Interlocked.Increment(ref _unexpected);
                return;
        }

        Latency.RecordTicks(receivedTimestamp - Volatile.Read(ref _sentAt[message.ReferenceId % _sentAt.Length]));
        try
        {
            _window.Release();
        }
        catch (SemaphoreFullException)
        {
            // More answers than requests (a server bug): the window is already fully open.
        }
    }

    private static string DescribeError(ReadOnlySpan<byte> payload)
    {
        try
        {
            var error = TlibMessageReader.Decode(payload);
            return $"{error.ErrorCode} {error.ErrorMessage}";
        }
        catch (TlibProtocolException ex)
        {
            return "undecodable EventError: " + ex.Message;
        }
    }

    private int NextReferenceId()
    {
        _referenceId = _referenceId == int.MaxValue ? FirstReferenceId : _referenceId + 1;
        return _referenceId;
    }
}
