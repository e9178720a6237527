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
    private BenchCall? _previousOfCaller;
    private BenchCall? _previousOfCalled;

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

    /// <summary>The call placed on <paramref name="device"/> before this one (kept a few calls deep), or null.</summary>
    public BenchCall? PreviousOn(int device) =>
        device == Caller ? Volatile.Read(ref _previousOfCaller) : device == Called ? Volatile.Read(ref _previousOfCalled) : null;

    /// <summary>Links the calls placed before this one on its two DNs.</summary>
    public void SetPrevious(BenchCall? ofCaller, BenchCall? ofCalled)
    {
        Volatile.Write(ref _previousOfCaller, ofCaller);
        Volatile.Write(ref _previousOfCalled, ofCalled);
    }

    /// <summary>Drops the link to older calls on <paramref name="device"/> (bounds the history).</summary>
    public void CutPreviousOn(int device)
    {
        if (device == Caller)
        {
            Volatile.Write(ref _previousOfCaller, null);
        }
        else if (device == Called)
        {
            Volatile.Write(ref _previousOfCalled, null);
        }
    }

    /// <summary>Whether <paramref name="type"/> is the first event of party <paramref name="device"/>: EventDialing for A, EventRinging for B.</summary>
    public bool IsFirstEventOf(MessageType type, int device) => type == (device == Caller ? MessageType.EventDialing : MessageType.EventRinging);

    /// <summary>The ConnID the party on <paramref name="device"/> got with its first event, 0 before it.</summary>
    public long ConnIdOn(int device) => device == Caller ? _connA : device == Called ? _connB : 0;

    /// <summary>Records the ConnID of the first event of the party on <paramref name="device"/>.</summary>
    public void ClaimConnId(int device, long connId)
    {
        if (device == Caller)
        {
            _connA = connId;
        }
        else if (device == Called)
        {
            _connB = connId;
        }
    }

    private static void StampOnce(ref long slot, long written)
    {
        if (slot == 0)
        {
            Volatile.Write(ref slot, written);
        }
    }
}
