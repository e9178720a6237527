namespace CtiGateway.Pbx.Bsc;

/// <summary>
/// The half-duplex NEC NEAX PMS style BSC link machine (switch.md §2.2), pure: the caller passes the time in, feeds
/// units read by <see cref="BscFrameReader"/> (and its framing errors), and takes the units to send and the texts
/// delivered.
/// </summary>
/// <remarks>
/// Flow: SA UA ENQ bids, ACK0 grants; blocks are answered ACK1, ACK0, ACK1 ... alternately, NAK (bad BCC) or WACK
/// (received, not ready); a bare ENQ asks for the last answer again; EOT releases the line. A wrong alternating ACK
/// means the block was lost and it is sent again. Our dialect puts one sequence character ('1' for a block answered by
/// ACK1, '0' for ACK0) in front of every text so that a block sent twice (after a late answer crossed a query) is
/// acknowledged again but delivered once; like the message count of other PMS links, it is not part of BSC itself.
/// </remarks>
public sealed class BscLink
{
    private const byte Seq0 = (byte)'0';
    private const byte Seq1 = (byte)'1';

    private readonly BscLinkOptions _options;
    private readonly Queue<byte[]> _sendQueue = new();
    private readonly List<BscUnit> _outgoing = [];
    private readonly List<byte[]> _delivered = [];

    // Sender side.
    private byte _sendSeq;
    private byte[]? _inFlight;
    private int _attempts;
    private int _nakCount;
    private int _wackCount;
    private bool _afterWack;

    // Receiver side.
    private byte _lastSeq;
    private BscUnitKind _lastAnswer;
    private byte[]? _pending;

    /// <summary>Creates a link in <see cref="BscLinkState.Idle"/>.</summary>
    public BscLink(BscLinkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBlockSize, 2);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.ReplyTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.ReceiveTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.RebidDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(options.BidRetries);
        ArgumentOutOfRangeException.ThrowIfNegative(options.EnqRetries);
        ArgumentOutOfRangeException.ThrowIfNegative(options.NakRetries);
        ArgumentOutOfRangeException.ThrowIfNegative(options.WackRetries);
        _options = options;
    }

    /// <summary>Current state.</summary>
    public BscLinkState State { get; private set; }

    /// <summary>Why the link went <see cref="BscLinkState.Down"/>: "bid-retries-exhausted",
    /// "reply-timeout" (ENQ queries exhausted), "nak-retries-exhausted" or "wack-retries-exhausted".</summary>
    public string? FailureReason { get; private set; }

    /// <summary>When <see cref="OnTimer"/> next has something to do, or null.</summary>
    public TimeSpan? NextDeadline { get; private set; }

    /// <summary>When false, good blocks are answered WACK and held until an ENQ finds the link ready again.</summary>
    public bool ReceiveReady { get; set; } = true;

    /// <summary>Blocks received a second time, acknowledged again and not delivered.</summary>
    public long DuplicateBlocks { get; private set; }

    /// <summary>Texts queued and not yet acknowledged by the peer.</summary>
    public int PendingSendCount => _sendQueue.Count;

    /// <summary>Queues a text (7-bit printable, at most <see cref="BscLinkOptions.MaxBlockSize"/> - 1 bytes); an idle
    /// link bids at once (or at the end of its rebid delay).</summary>
    /// <exception cref="ArgumentException">The text cannot travel in one block.</exception>
    /// <exception cref="InvalidOperationException">The link is down.</exception>
    public void Enqueue(ReadOnlySpan<byte> text, TimeSpan now)
    {
        BscFrameWriter.ValidateText(text, _options.MaxBlockSize - 1);
        if (State == BscLinkState.Down)
        {
            throw new InvalidOperationException($"The BSC link is down ({FailureReason}).");
        }

        _sendQueue.Enqueue(text.ToArray());
        if (State == BscLinkState.Idle && NextDeadline is null)
        {
            StartBid(now);
        }
    }

    /// <summary>Takes the units to send, in order.</summary>
    public IReadOnlyList<BscUnit> TakeOutgoing()
    {
        var units = _outgoing.ToArray();
        _outgoing.Clear();
        return units;
    }

    /// <summary>Takes the texts delivered by the peer, in order, each exactly once.</summary>
    public IReadOnlyList<byte[]> TakeDelivered()
    {
        var texts = _delivered.ToArray();
        _delivered.Clear();
        return texts;
    }

    /// <summary>Handles a framing error of the reader: a bad block while receiving is answered NAK.</summary>
    public void OnFramingError(PbxFramingException error, TimeSpan now)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (State == BscLinkState.Receiving && error.Cause is "bad-bcc" or "length-over-maximum")
        {
            Answer(BscUnitKind.Nak);
            NextDeadline = now + _options.ReceiveTimeout;
        }
    }

    /// <summary>Handles a unit read from the peer.</summary>
    public void OnUnit(BscUnit unit, TimeSpan now)
    {
        switch (State)
        {
            case BscLinkState.Idle:
                if (unit.Kind == BscUnitKind.Bid)
                {
                    AcceptBid(now);
                }

                break;
            case BscLinkState.Bidding:
                OnUnitWhileBidding(unit, now);
                break;
            case BscLinkState.Sending:
                OnUnitWhileSending(unit, now);
                break;
            case BscLinkState.Receiving:
                OnUnitWhileReceiving(unit, now);
                break;
        }
    }

    /// <summary>Runs the timers; call at <see cref="NextDeadline"/> (calling earlier does nothing).</summary>
    public void OnTimer(TimeSpan now)
    {
        if (NextDeadline is not { } deadline || now < deadline)
        {
            return;
        }

        switch (State)
        {
            case BscLinkState.Idle:
                // End of the rebid delay after our EOT.
                NextDeadline = null;
                if (_sendQueue.Count > 0)
                {
                    StartBid(now);
                }

                break;
            case BscLinkState.Bidding:
                if (++_attempts > _options.BidRetries)
                {
                    Fail("bid-retries-exhausted");
                    return;
                }

                Send(BscUnit.Control(BscUnitKind.Bid), now);
                break;
            case BscLinkState.Sending:
                if (_afterWack)
                {
                    Send(BscUnit.Control(BscUnitKind.Enq), now);
                }
                else if (++_attempts > _options.EnqRetries)
                {
                    Fail("reply-timeout");
                }
                else
                {
                    Send(BscUnit.Control(BscUnitKind.Enq), now);
                }

                break;
            case BscLinkState.Receiving:
                // Receiver timer: the peer lost the send right.
                LeaveReceiving(now);
                break;
        }
    }

    private void OnUnitWhileBidding(BscUnit unit, TimeSpan now)
    {
        switch (unit.Kind)
        {
            case BscUnitKind.Ack0:
                State = BscLinkState.Sending;
                _sendSeq = Seq1;
                SendNextBlock(now);
                break;
            case BscUnitKind.Bid when !_options.IsPrimary:
                // Contention: the secondary relinquishes the send right and bids again after the peer's EOT.
                AcceptBid(now);
                break;
            default:
                // NAK, WACK or RVI to a bid: not ready now; the timer resends the bid.
                break;
        }
    }

    private void OnUnitWhileSending(BscUnit unit, TimeSpan now)
    {
        switch (unit.Kind)
        {
            case BscUnitKind.Ack0:
            case BscUnitKind.Ack1:
                var seq = unit.Kind == BscUnitKind.Ack0 ? Seq0 : Seq1;
                if (seq == _sendSeq)
                {
                    _sendQueue.Dequeue();
                    _inFlight = null;
                    if (_sendQueue.Count > 0)
                    {
                        _sendSeq = _sendSeq == Seq1 ? Seq0 : Seq1;
                        SendNextBlock(now);
                    }
                    else
                    {
                        // Release the line; more text waits RebidDelay so that the peer can bid first.
                        _outgoing.Add(BscUnit.Control(BscUnitKind.Eot));
                        State = BscLinkState.Idle;
                        NextDeadline = now + _options.RebidDelay;
                    }
                }
                else
                {
                    // The answer for the previous block: this one was lost.
                    Retransmit(now);
                }

                break;
            case BscUnitKind.Nak:
                Retransmit(now);
                break;
            case BscUnitKind.Wack:
                if (++_wackCount > _options.WackRetries)
                {
                    Fail("wack-retries-exhausted");
                    return;
                }

                _afterWack = true;
                NextDeadline = now + _options.ReplyTimeout;
                break;
        }
    }

    private void OnUnitWhileReceiving(BscUnit unit, TimeSpan now)
    {
        switch (unit.Kind)
        {
            case BscUnitKind.Block:
                NextDeadline = now + _options.ReceiveTimeout;
                var span = unit.Text.Span;
                if (span.Length == 0 || (span[0] != Seq0 && span[0] != Seq1))
                {
                    Answer(BscUnitKind.Nak);
                    return;
                }

                if (span[0] == _lastSeq)
                {
                    // A duplicate of the block already accepted (the one before any NAK): answer it again, deliver
                    // nothing.
                    DuplicateBlocks++;
                    Answer(_pending is null ? AckFor(_lastSeq) : BscUnitKind.Wack);
                    return;
                }

                _lastSeq = span[0];
                var text = span[1..].ToArray();
                if (ReceiveReady)
                {
                    _delivered.Add(text);
                    Answer(AckFor(_lastSeq));
                }
                else
                {
                    _pending = text;
                    Answer(BscUnitKind.Wack);
                }

                break;
            case BscUnitKind.Enq:
                NextDeadline = now + _options.ReceiveTimeout;
                if (_pending is not null && ReceiveReady)
                {
                    _delivered.Add(_pending);
                    _pending = null;
                    _lastAnswer = AckFor(_lastSeq);
                }

                Answer(_lastAnswer);
                break;
            case BscUnitKind.Bid:
                AcceptBid(now);
                break;
            case BscUnitKind.Eot:
                LeaveReceiving(now);
                break;
        }
    }

    private void AcceptBid(TimeSpan now)
    {
        if (_pending is not null)
        {
            _delivered.Add(_pending);
            _pending = null;
        }

        State = BscLinkState.Receiving;
        _lastSeq = Seq0;
        Answer(BscUnitKind.Ack0);
        NextDeadline = now + _options.ReceiveTimeout;
    }

    private void LeaveReceiving(TimeSpan now)
    {
        if (_pending is not null)
        {
            // It was answered WACK, i.e. received.
            _delivered.Add(_pending);
            _pending = null;
        }

        State = BscLinkState.Idle;
        NextDeadline = null;
        if (_sendQueue.Count > 0)
        {
            StartBid(now);
        }
    }

    private void StartBid(TimeSpan now)
    {
        State = BscLinkState.Bidding;
        _attempts = 0;
        Send(BscUnit.Control(BscUnitKind.Bid), now);
    }

    private void SendNextBlock(TimeSpan now)
    {
        var text = _sendQueue.Peek();
        var block = new byte[text.Length + 1];
        block[0] = _sendSeq;
        text.CopyTo(block, 1);
        _inFlight = block;
        _attempts = 0;
        _nakCount = 0;
        _wackCount = 0;
        _afterWack = false;
        Send(BscUnit.Block(block), now);
    }

    private void Retransmit(TimeSpan now)
    {
        if (++_nakCount > _options.NakRetries)
        {
            Fail("nak-retries-exhausted");
            return;
        }

        _afterWack = false;
        Send(BscUnit.Block(_inFlight!), now);
    }

    private void Send(BscUnit unit, TimeSpan now)
    {
        _outgoing.Add(unit);
        NextDeadline = now + _options.ReplyTimeout;
    }

    private void Answer(BscUnitKind kind)
    {
        _lastAnswer = kind;
        _outgoing.Add(BscUnit.Control(kind));
    }

    private static BscUnitKind AckFor(byte seq) => seq == Seq0 ? BscUnitKind.Ack0 : BscUnitKind.Ack1;

    private void Fail(string reason)
    {
        State = BscLinkState.Down;
        FailureReason = reason;
        NextDeadline = null;
        _inFlight = null;
    }
}
