using System.Buffers.Binary;
using System.Diagnostics;

namespace CtiGateway.Cli.Bench;

/// <summary>
/// A publisher connection of the fan-out bench: sends RequestDistributeUserEvent round-robin over its DNs, pipelined,
/// with at most <c>window</c> requests awaiting EventACK; counts acknowledgements per DN from its receive loop.
/// </summary>
internal sealed class FanoutPublisher : IBenchFrameHandler
{
    private const int FirstReferenceId = 16;
    private readonly BenchConnection _connection;
    private readonly PublishTemplate[] _templates;
    private readonly int[] _sequence;
    private readonly long[] _sent;
    private readonly long[] _acknowledged;
    private readonly int[] _dnOfReference;
    private readonly SemaphoreSlim _window;
    private int _referenceId = FirstReferenceId - 1;
    private long _errors;
    private long _outstanding;

    public FanoutPublisher(BenchConnection connection, int[] dnIndices, PublishTemplate[] templates, int window)
    {
        _connection = connection;
        DnIndices = dnIndices;
        _templates = templates;
        _sequence = new int[dnIndices.Length];
        _sent = new long[dnIndices.Length];
        _acknowledged = new long[dnIndices.Length];
        _dnOfReference = new int[window * 2];
        _window = new SemaphoreSlim(window, window);
    }

    /// <summary>The global indices of the DNs this publisher publishes to.</summary>
    public int[] DnIndices { get; }

    /// <summary>Requests answered with EventError.</summary>
    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>Requests sent and not answered yet.</summary>
    public long Outstanding => Interlocked.Read(ref _outstanding);

    /// <summary>Acknowledged (published) events for local DN <paramref name="local"/>.</summary>
    public long Acknowledged(int local) => Interlocked.Read(ref _acknowledged[local]);

    /// <summary>Requests sent for local DN <paramref name="local"/>.</summary>
    public long Sent(int local) => _sent[local];

    /// <summary>Publishes until <paramref name="stop"/> fires, then sends what is buffered.</summary>
    public async Task PublishAsync(CancellationToken stop)
    {
        var pipeline = new PipelineBuffer(_connection, 256 * 1024, _templates.Max(t => t.Frame.Length));
        var local = 0;
        while (!stop.IsCancellationRequested && await pipeline.TakeSlotAsync(_window, stop))
        {
            var referenceId = NextReferenceId();
            Volatile.Write(ref _dnOfReference[referenceId % _dnOfReference.Length], local);
            var template = _templates[local];
            var frame = pipeline.Append(template.Frame);
            BinaryPrimitives.WriteInt32BigEndian(frame[template.ReferenceIdOffset..], referenceId);
            BinaryPrimitives.WriteInt32BigEndian(frame[template.SequenceOffset..], ++_sequence[local]);
            BinaryPrimitives.WriteInt64BigEndian(frame[template.TimestampOffset..], Stopwatch.GetTimestamp());
            _sent[local]++;
            Interlocked.Increment(ref _outstanding);
            if (++local == _templates.Length)
            {
                local = 0;
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
            return;
        }

        if (message.Type == MessageType.EventError)
        {
            Interlocked.Increment(ref _errors);
        }
        else if (message.Type == MessageType.EventACK)
        {
            var local = Volatile.Read(ref _dnOfReference[message.ReferenceId % _dnOfReference.Length]);
            Interlocked.Increment(ref _acknowledged[local]);
        }
        else
        {
            return;
        }

        Interlocked.Decrement(ref _outstanding);
        try
        {
            _window.Release();
        }
        catch (SemaphoreFullException)
        {
            // More answers than requests (a server bug): the window is already fully open.
        }
    }

    private int NextReferenceId()
    {
        if (_referenceId == int.MaxValue)
        {
            _referenceId = FirstReferenceId - 1;
        }

        return ++_referenceId;
    }
}
