namespace CtiGateway.Cli.Bench;

/// <summary>
/// One call the bench placed: caller A, called B, and the <see cref="System.Diagnostics.Stopwatch"/> time at which the
/// switch frame behind each expected T-Library event was written to the gateway (0 until then). The frame pump is the
/// only writer of the stamps (first copy of a frame wins), the receivers read them.
/// </summary>
internal sealed class BenchCall(string callId, int caller, int called)
{
    private long _dialingA;
    private long _ringingB;
    private long _establishedA;
    private long _establishedB;
    private long _releasedA;
    private long _releasedB;
    private long _connA;
    private long _connB;

    public string CallId { get; } = callId;

    /// <summary>DN index of the caller (A).</summary>
    public int Caller { get; } = caller;

    /// <summary>DN index of the called party (B).</summary>
    public int Called { get; } = called;

    /// <summary>Records a switch event frame of this call written at <paramref name="written"/>.</summary>
    public void OnFrame(SwitchFrameKind kind, int device, long written)
    {
        switch (kind)
        {
            case SwitchFrameKind.Originated when device == Caller:
                StampOnce(ref _dialingA, written);
                break;
            case SwitchFrameKind.Delivered when device == Called:
                StampOnce(ref _ringingB, written);
                break;
            case SwitchFrameKind.Established when device == Called:
                StampOnce(ref _establishedA, written);
                StampOnce(ref _establishedB, written);
                break;
            case SwitchFrameKind.ConnectionCleared when device == Caller:
                StampOnce(ref _releasedA, written);
                break;
            case SwitchFrameKind.ConnectionCleared when device == Called:
                StampOnce(ref _releasedB, written);
                break;
        }
    }

    /// <summary>
    /// The frame time behind T-Library event <paramref name="type"/> on DN <paramref name="device"/>: EventDialing on A
    /// (OriginatedEvent), EventRinging on B (DeliveredEvent), EventEstablished on both (EstablishedEvent), EventReleased on
    /// each (its ConnectionClearedEvent). 0 when the event is not one the bench expects or its frame is not written yet.
    /// </summary>
    public long FrameTimeOf(MessageType type, int device)
    {
        var caller = device == Caller;
        if (!caller && device != Called)
        {
            return 0;
        }

        return type switch
        {
            MessageType.EventDialing when caller => Volatile.Read(ref _dialingA),
            MessageType.EventRinging when !caller => Volatile.Read(ref _ringingB),
            MessageType.EventEstablished => Volatile.Read(ref caller ? ref _establishedA : ref _establishedB),
            MessageType.EventReleased => Volatile.Read(ref caller ? ref _releasedA : ref _releasedB),
            _ => 0,
        };
    }

    /// <summary>
    /// Whether a T-Library event with ConnID <paramref name="connId"/> on DN <paramref name="device"/> belongs to this
    /// call: the party's first event (EventDialing on A, EventRinging on B) gives its ConnID, later ones must carry it, so a
    /// late event of the DN's previous call is never paired with this one. Only the client of that DN calls this.
    /// </summary>
    public bool IsThisCall(MessageType type, int device, long connId)
    {
        if (device != Caller && device != Called)
        {
            return false;
        }

        ref var known = ref device == Caller ? ref _connA : ref _connB;
        if (type == (device == Caller ? MessageType.EventDialing : MessageType.EventRinging) && known == 0)
        {
            known = connId;
            return true;
        }

        return known != 0 && known == connId;
    }

    private static void StampOnce(ref long slot, long written)
    {
        if (slot == 0)
        {
            Volatile.Write(ref slot, written);
        }
    }
}
