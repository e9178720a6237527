namespace CtiGateway.Cli.Bench;

/// <summary>
/// One monitoring client of the calls bench: it decodes every frame and, for each call event on one of its DNs that
/// the bench expects (EventDialing, EventRinging, EventEstablished, EventReleased), records the latency from the
/// switch frame behind it to the moment the bytes arrived. Single-threaded (its receive loop); <see cref="Received"/>
/// may be read while it runs, the rest after the loop stopped.
/// </summary>
internal sealed class CallEventReceiver(BenchCallRegistry calls, int firstDn) : IBenchFrameHandler
{
    private long _received;

    /// <summary>Call events received (the four the bench correlates, any DN).</summary>
    public long Received => Volatile.Read(ref _received);

    /// <summary>Events with a latency sample.</summary>
    public long Matched { get; private set; }

    /// <summary>
    /// Call events with no switch frame to pair with: not one of the DN's recent bench calls (by ConnID), or an event the
    /// bench does not expect.
    /// </summary>
    public long Unmatched { get; private set; }

    /// <summary>Every other message (link events, other call events).</summary>
    public long Other { get; private set; }

    /// <summary>Frames that did not decode.</summary>
    public long Undecodable { get; private set; }

    /// <summary>Switch frame to receipt.</summary>
    public LatencyHistogram Latency { get; } = new();

    /// <inheritdoc />
    public void OnMessage(ReadOnlySpan<byte> payload, long receivedTimestamp)
    {
        if (!UserEventScanner.TryScan(payload, out var message))
        {
            Undecodable++;
            return;
        }

        if (message.Type is not (MessageType.EventDialing or MessageType.EventRinging or MessageType.EventEstablished or MessageType.EventReleased))
        {
            Other++;
            return;
        }

        Volatile.Write(ref _received, _received + 1);
        var dn = message.ThisDNOffset < 0 ? -1 : SwitchFramePump.DeviceNumber(payload.Slice(message.ThisDNOffset, message.ThisDNLength)) - firstDn;
        var call = dn is < 0 or > int.MaxValue ? null : calls.CallOfEvent((int)dn, message.Type, message.ConnId);
        var written = call?.FrameTimeOf(message.Type, (int)dn) ?? 0;
        if (written == 0)
        {
            Unmatched++;
            return;
        }

        Matched++;
        Latency.RecordTicks(receivedTimestamp - written);
    }
}
