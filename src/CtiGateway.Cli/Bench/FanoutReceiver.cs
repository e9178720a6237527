using System.Text;

namespace CtiGateway.Cli.Bench;

/// <summary>
/// One monitoring client of the fan-out bench: registered on one DN, it decodes every frame, counts each new
/// EventUserEvent of its DN by sequence number and records the publish-to-receive latency. Single-threaded (its
/// receive loop); the totals are read after the loop has stopped, <see cref="Delivered"/> also while it runs.
/// </summary>
internal sealed class FanoutReceiver : IBenchFrameHandler
{
    private readonly byte[] _dn;
    private SequenceTracker _sequence;
    private long _delivered;

    public FanoutReceiver(int dnIndex, string dn)
    {
        DnIndex = dnIndex;
        _dn = Encoding.UTF8.GetBytes(dn);
    }

    /// <summary>Index of the DN this receiver is registered on.</summary>
    public int DnIndex { get; }

    /// <summary>Distinct events of its DN received so far (readable from another thread).</summary>
    public long Delivered => Volatile.Read(ref _delivered);

    /// <summary>Every message frame received.</summary>
    public long Frames { get; private set; }

    /// <summary>Frames that did not decode.</summary>
    public long Undecodable { get; private set; }

    /// <summary>EventUserEvents for another DN.</summary>
    public long Misrouted { get; private set; }

    /// <summary>Bench events that came out of order or twice.</summary>
    public long OutOfOrder => _sequence.OutOfOrder;

    /// <summary>Latencies of the delivered events.</summary>
    public LatencyHistogram Latency { get; } = new();

    /// <inheritdoc />
    public void OnMessage(ReadOnlySpan<byte> payload, long receivedTimestamp)
    {
        Frames++;
        if (!UserEventScanner.TryScan(payload, out var message))
        {
            Undecodable++;
            return;
        }

        if (message.Type != MessageType.EventUserEvent || message.SequenceOffset < 0 || message.TimestampOffset < 0)
        {
            return;
        }

        if (message.ThisDNOffset < 0 || !payload.Slice(message.ThisDNOffset, message.ThisDNLength).SequenceEqual(_dn))
        {
            Misrouted++;
            return;
        }

        if (_sequence.Observe(message.Sequence))
        {
            Volatile.Write(ref _delivered, _delivered + 1);
            Latency.RecordTicks(receivedTimestamp - message.Timestamp);
        }
    }
}
