using System.Globalization;

namespace CtiGateway.Pbx.Lapb;

/// <summary>
/// A LAPB (ISO 7776, modulo 8) data link station as a pure state machine: the caller passes the time in, feeds
/// received frames (address, control, information; FCS already checked), and drains the frames to send, the
/// delivered information fields and the link events. No I/O, no clock, no threads.
/// </summary>
/// <remarks>
/// Link set-up with SABM/UA, DISC/DM; I frames with window k; V(S), V(R), V(A); acknowledgement with RR
/// (immediately after the received frames have been processed, piggy-backed on I frames when possible);
/// REJ once per out-of-sequence condition and go-back-N on REJ; T1 expiry polls with RR/RNR P=1 (timer recovery)
/// and resends from N(R) on the F=1 answer; after N2 polls the link is reset with SABM, and after N2 SABMs
/// it is reported down. Information fields are delivered once and in order within one link set-up; frames still
/// unacknowledged at a reset are sent again after the new set-up (the layer above must tolerate that, as X.25 does).
/// </remarks>
internal sealed class LapbLink
{
    private readonly LapbOptions _options;
    private readonly LinkedList<ReadOnlyMemory<byte>> _pending = new();
    private readonly List<ReadOnlyMemory<byte>> _sent = [];
    private readonly Queue<LapbFrame> _outgoing = new();
    private readonly Queue<ReadOnlyMemory<byte>> _delivered = new();
    private readonly Queue<LapbLinkEvent> _events = new();

    private int _va;
    private int _sendIndex;
    private int _vr;
    private bool _remoteBusy;
    private bool _localBusy;
    private bool _discardedWhileBusy;
    private bool _rejectSent;
    private bool _timerRecovery;
    private bool _ackPending;
    private int _attempts;
    private TimeSpan? _t1Deadline;
    private TimeSpan _lastReceived;
    private LapbFrame? _frameReject;

    /// <summary>Creates a station in the disconnected phase.</summary>
    public LapbLink(LapbOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    /// <summary>Current phase.</summary>
    public LapbLinkState State { get; private set; } = LapbLinkState.Disconnected;

    /// <summary>The options in use.</summary>
    public LapbOptions Options => _options;

    /// <summary>V(S): sequence number of the next I frame to send.</summary>
    public int VS => (_va + _sendIndex) & 7;

    /// <summary>V(R): sequence number of the next I frame expected.</summary>
    public int VR => _vr;

    /// <summary>V(A): oldest unacknowledged N(S).</summary>
    public int VA => _va;

    /// <summary>True while the peer has signalled RNR.</summary>
    public bool RemoteBusy => _remoteBusy;

    /// <summary>Information fields sent but not yet acknowledged.</summary>
    public int UnacknowledgedCount => _sent.Count;

    /// <summary>Information fields queued and not yet sent.</summary>
    public int PendingCount => _pending.Count;

    /// <summary>When <see cref="Tick"/> must next be called (T1, or T3 on an idle connected link), or null when no timer runs.</summary>
    public TimeSpan? NextDeadline => _t1Deadline ?? IdleDeadline;

    private TimeSpan? IdleDeadline =>
        State == LapbLinkState.Connected && _options.T3 > TimeSpan.Zero ? _lastReceived + _options.T3 : null;

    /// <summary>Starts link set-up (SABM with P=1).</summary>
    public void Start(TimeSpan now)
    {
        if (State is LapbLinkState.Disconnected or LapbLinkState.Disconnecting)
        {
            BeginSetup(now, null);
        }
    }

    /// <summary>Disconnects (DISC with P=1); queued information stays queued.</summary>
    public void Stop(TimeSpan now)
    {
        if (State is LapbLinkState.Disconnected or LapbLinkState.Disconnecting)
        {
            return;
        }

        RequeueUnacknowledged();
        State = LapbLinkState.Disconnecting;
        _attempts = 1;
        SendCommand(LapbFrame.Unnumbered(_options.RemoteAddress, LapbFrameKind.DISC, true));
        _t1Deadline = now + _options.T1;
    }

    /// <summary>Queues one information field; it is sent when the link is up and the window allows.</summary>
    public void Send(ReadOnlySpan<byte> information, TimeSpan now)
    {
        if (information.Length > _options.MaxInformationLength)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"LAPB information field of {information.Length} octets is over N1 = {_options.MaxInformationLength}."),
                nameof(information));
        }

        _pending.AddLast(information.ToArray());
        if (State == LapbLinkState.Connected)
        {
            Transmit(now);
        }
    }

    /// <summary>Enters or leaves the own-receiver-busy condition (RNR / RR).</summary>
    public void SetLocalBusy(bool busy, TimeSpan now)
    {
        if (busy == _localBusy)
        {
            return;
        }

        _localBusy = busy;
        if (State != LapbLinkState.Connected)
        {
            return;
        }

        if (busy)
        {
            SendResponse(LapbFrame.Supervisory(_options.LocalAddress, LapbFrameKind.RNR, _vr, false));
        }
        else if (_discardedWhileBusy)
        {
            _discardedWhileBusy = false;
            _rejectSent = true;
            SendResponse(LapbFrame.Supervisory(_options.LocalAddress, LapbFrameKind.REJ, _vr, false));
        }
        else
        {
            SendResponse(LapbFrame.Supervisory(_options.LocalAddress, LapbFrameKind.RR, _vr, false));
        }

        Transmit(now);
    }

    /// <summary>Runs the timers; call at or after <see cref="NextDeadline"/>.</summary>
    public void Tick(TimeSpan now)
    {
        if (_t1Deadline is { } deadline && now >= deadline)
        {
            _t1Deadline = null;
            T1Expired(now);
        }
        else if (_t1Deadline is null && IdleDeadline is { } idle && now >= idle)
        {
            // T3: nothing heard for T3 on a connected link. Poll the peer as on T1 expiry; T1 and N2 then decide.
            _lastReceived = now;
            T1Expired(now);
        }
    }

    /// <summary>Processes one received frame (address, control, information; the FCS already checked).</summary>
    public void Receive(ReadOnlySpan<byte> frameBytes, TimeSpan now)
    {
        if (frameBytes.Length < 2)
        {
            Event(LapbLinkEventKind.FrameDiscarded, "frame shorter than address and control", now);
            return;
        }

        _lastReceived = now;
        var address = frameBytes[0];
        var isCommand = address == _options.LocalAddress;
        if (!isCommand && address != _options.RemoteAddress)
        {
            Event(LapbLinkEventKind.FrameDiscarded, string.Create(CultureInfo.InvariantCulture, $"unknown address 0x{address:X2}"), now);
            return;
        }

        LapbFrame frame;
        try
        {
            frame = LapbFrame.Parse(frameBytes);
        }
        catch (PbxFramingException ex)
        {
            if (State == LapbLinkState.Connected)
            {
                var x = ex.Cause == LapbFrame.CauseUnexpectedInformation || ex.Cause == LapbFrame.CauseBadFrmr;
                RejectFrame(now, frameBytes[1], !isCommand, w: true, x: x, y: false, z: false, ex.Message);
            }
            else
            {
                Event(LapbLinkEventKind.FrameDiscarded, ex.Message, now);
            }

            return;
        }

        switch (State)
        {
            case LapbLinkState.Disconnected:
                ReceiveDisconnected(frame, isCommand, now);
                break;
            case LapbLinkState.LinkSetup:
                ReceiveLinkSetup(frame, isCommand, now);
                break;
            case LapbLinkState.Connected:
                ReceiveConnected(frame, isCommand, now);
                break;
            case LapbLinkState.FrameRejected:
                ReceiveFrameRejected(frame, isCommand, now);
                break;
            case LapbLinkState.Disconnecting:
                ReceiveDisconnecting(frame, isCommand, now);
                break;
        }
    }

    /// <summary>Takes the next frame to send (address, control, information), if any.</summary>
    public bool TryDequeueOutgoing(out LapbFrame frame) => _outgoing.TryDequeue(out frame!);

    /// <summary>Takes the next delivered information field, if any.</summary>
    public bool TryDequeueDelivered(out ReadOnlyMemory<byte> information) => _delivered.TryDequeue(out information);

    /// <summary>Takes the next link event, if any.</summary>
    public bool TryDequeueEvent(out LapbLinkEvent linkEvent) => _events.TryDequeue(out linkEvent);

    private void ReceiveDisconnected(LapbFrame frame, bool isCommand, TimeSpan now)
    {
        if (isCommand && frame.Kind == LapbFrameKind.SABM)
        {
            SendResponse(LapbFrame.Unnumbered(_options.LocalAddress, LapbFrameKind.UA, frame.PollFinal));
            EnterConnected(now, LapbLinkEventKind.LinkUp, "SABM from remote");
        }
        else if (isCommand && (frame.Kind == LapbFrameKind.DISC || frame.PollFinal))
        {
            SendResponse(LapbFrame.Unnumbered(_options.LocalAddress, LapbFrameKind.DM, frame.PollFinal));
        }
    }

    private void ReceiveLinkSetup(LapbFrame frame, bool isCommand, TimeSpan now)
    {
        if (!isCommand && frame.Kind == LapbFrameKind.UA)
        {
            EnterConnected(now, LapbLinkEventKind.LinkUp, "UA from remote");
        }
        else if (isCommand && frame.Kind == LapbFrameKind.SABM)
        {
            SendResponse(LapbFrame.Unnumbered(_options.LocalAddress, LapbFrameKind.UA, frame.PollFinal));
            EnterConnected(now, LapbLinkEventKind.LinkUp, "SABM from remote during set-up");
        }
        else if (isCommand && frame.Kind == LapbFrameKind.DISC)
        {
            SendResponse(LapbFrame.Unnumbered(_options.LocalAddress, LapbFrameKind.DM, frame.PollFinal));
        }
    }

    private void ReceiveDisconnecting(LapbFrame frame, bool isCommand, TimeSpan now)
    {
        if (!isCommand && frame.Kind is LapbFrameKind.UA or LapbFrameKind.DM)
        {
            EnterDisconnected(now, "disconnected on local request (" + frame.Kind + ")");
        }
        else if (isCommand && frame.Kind == LapbFrameKind.DISC)
        {
            SendResponse(LapbFrame.Unnumbered(_options.LocalAddress, LapbFrameKind.UA, frame.PollFinal));
            EnterDisconnected(now, "DISC collision");
        }
        else if (isCommand && frame.PollFinal)
        {
            SendResponse(LapbFrame.Unnumbered(_options.LocalAddress, LapbFrameKind.DM, true));
        }
    }

    private void ReceiveFrameRejected(LapbFrame frame, bool isCommand, TimeSpan now)
    {
        if (isCommand && frame.Kind == LapbFrameKind.SABM)
        {
            SendResponse(LapbFrame.Unnumbered(_options.LocalAddress, LapbFrameKind.UA, frame.PollFinal));
            RequeueUnacknowledged();
            EnterConnected(now, LapbLinkEventKind.LinkReset, "SABM from remote after FRMR");
        }
        else if (isCommand && frame.Kind == LapbFrameKind.DISC)
        {
            SendResponse(LapbFrame.Unnumbered(_options.LocalAddress, LapbFrameKind.UA, frame.PollFinal));
            EnterDisconnected(now, "DISC from remote after FRMR");
        }
        else if (!isCommand && frame.Kind is LapbFrameKind.DM or LapbFrameKind.FRMR)
        {
            BeginSetup(now, frame.Kind + " from remote after FRMR");
        }
        else if (isCommand && frame.PollFinal && _frameReject is not null)
        {
            SendResponse(_frameReject with { PollFinal = true });
        }
    }

    private void ReceiveConnected(LapbFrame frame, bool isCommand, TimeSpan now)
    {
        switch (frame.Kind)
        {
            case LapbFrameKind.SABM when isCommand:
                SendResponse(LapbFrame.Unnumbered(_options.LocalAddress, LapbFrameKind.UA, frame.PollFinal));
                RequeueUnacknowledged();
                EnterConnected(now, LapbLinkEventKind.LinkReset, "SABM from remote while connected");
                return;
            case LapbFrameKind.DISC when isCommand:
                SendResponse(LapbFrame.Unnumbered(_options.LocalAddress, LapbFrameKind.UA, frame.PollFinal));
                EnterDisconnected(now, "DISC from remote");
                return;
            case LapbFrameKind.DM when !isCommand:
                BeginSetup(now, "DM from remote while connected");
                return;
            case LapbFrameKind.FRMR when !isCommand:
                Event(LapbLinkEventKind.FrameRejectReceived, "FRMR " + frame.FrmrInfo, now);
                BeginSetup(now, "FRMR from remote");
                return;
            case LapbFrameKind.I:
                ReceiveInformation(frame, isCommand, now);
                break;
            case LapbFrameKind.RR or LapbFrameKind.RNR or LapbFrameKind.REJ:
                ReceiveSupervisory(frame, isCommand, now);
                break;
            default:
                // UA or a response-only/command-only frame in the wrong direction: not expected here.
                Event(LapbLinkEventKind.FrameDiscarded, frame + (isCommand ? " as command" : " as response") + " while connected", now);
                return;
        }

        if (State != LapbLinkState.Connected)
        {
            return;
        }

        Transmit(now);
        if (_ackPending)
        {
            _ackPending = false;
            SendResponse(LapbFrame.Supervisory(_options.LocalAddress, _localBusy ? LapbFrameKind.RNR : LapbFrameKind.RR, _vr, false));
        }
    }

    private void ReceiveInformation(LapbFrame frame, bool isCommand, TimeSpan now)
    {
        if (!isCommand)
        {
            RejectFrame(now, frame.Control, true, w: true, x: false, y: false, z: false, "I frame with a response address");
            return;
        }

        if (frame.Information.Length > _options.MaxInformationLength)
        {
            RejectFrame(now, frame.Control, false, w: false, x: false, y: true, z: false,
                string.Create(CultureInfo.InvariantCulture, $"I frame information field of {frame.Information.Length} octets is over N1 = {_options.MaxInformationLength}"));
            return;
        }

        if (!ValidNR(frame.NR))
        {
            RejectFrame(now, frame.Control, false, w: false, x: false, y: false, z: true, InvalidNRText(frame.NR));
            return;
        }

        if (_localBusy)
        {
            _discardedWhileBusy = true;
            if (frame.PollFinal)
            {
                SendResponse(LapbFrame.Supervisory(_options.LocalAddress, LapbFrameKind.RNR, _vr, true));
            }
        }
        else if (frame.NS == _vr)
        {
            _delivered.Enqueue(frame.Information);
            _vr = (_vr + 1) & 7;
            _rejectSent = false;
            if (frame.PollFinal)
            {
                SendResponse(LapbFrame.Supervisory(_options.LocalAddress, LapbFrameKind.RR, _vr, true));
            }
            else
            {
                _ackPending = true;
            }
        }
        else if (!_rejectSent)
        {
            _rejectSent = true;
            SendResponse(LapbFrame.Supervisory(_options.LocalAddress, LapbFrameKind.REJ, _vr, frame.PollFinal));
        }
        else if (frame.PollFinal)
        {
            SendResponse(LapbFrame.Supervisory(_options.LocalAddress, LapbFrameKind.RR, _vr, true));
        }

        AcknowledgeUpTo(frame.NR, now);
    }

    private void ReceiveSupervisory(LapbFrame frame, bool isCommand, TimeSpan now)
    {
        if (!ValidNR(frame.NR))
        {
            RejectFrame(now, frame.Control, !isCommand, w: false, x: false, y: false, z: true, InvalidNRText(frame.NR));
            return;
        }

        _remoteBusy = frame.Kind == LapbFrameKind.RNR;
        if (isCommand && frame.PollFinal)
        {
            SendResponse(LapbFrame.Supervisory(_options.LocalAddress, _localBusy ? LapbFrameKind.RNR : LapbFrameKind.RR, _vr, true));
        }

        if (!isCommand && frame.PollFinal && _timerRecovery)
        {
            // Answer to our T1 poll: resume and send again everything from N(R).
            AcknowledgeUpTo(frame.NR, now);
            _timerRecovery = false;
            _attempts = 0;
            _sendIndex = 0;
            _t1Deadline = null;
        }
        else if (frame.Kind == LapbFrameKind.REJ && !_timerRecovery)
        {
            AcknowledgeUpTo(frame.NR, now);
            _sendIndex = 0;
            _t1Deadline = null;
        }
        else
        {
            AcknowledgeUpTo(frame.NR, now);
        }

        if (_remoteBusy && _t1Deadline is null && (_sent.Count > 0 || _pending.Count > 0))
        {
            _t1Deadline = now + _options.T1;
        }
    }

    private void AcknowledgeUpTo(int nr, TimeSpan now)
    {
        var acked = (nr - _va) & 7;
        if (acked == 0)
        {
            return;
        }

        _sent.RemoveRange(0, acked);
        _va = nr & 7;
        _sendIndex = Math.Max(0, _sendIndex - acked);
        if (_timerRecovery)
        {
            return;
        }

        _attempts = 0;
        _t1Deadline = _sendIndex > 0 ? now + _options.T1 : null;
    }

    private void Transmit(TimeSpan now)
    {
        if (State != LapbLinkState.Connected || _timerRecovery)
        {
            return;
        }

        if (_remoteBusy)
        {
            if (_t1Deadline is null && (_sent.Count > 0 || _pending.Count > 0))
            {
                _t1Deadline = now + _options.T1;
            }

            return;
        }

        while (true)
        {
            ReadOnlyMemory<byte> information;
            if (_sendIndex < _sent.Count)
            {
                information = _sent[_sendIndex];
            }
            else if (_pending.First is { } first && _sent.Count < _options.K)
            {
                information = first.Value;
                _pending.RemoveFirst();
                _sent.Add(information);
            }
            else
            {
                break;
            }

            var ns = (_va + _sendIndex) & 7;
            _sendIndex++;
            SendCommand(LapbFrame.Info(_options.RemoteAddress, ns, _vr, false, information));
            _ackPending = false;
            _t1Deadline ??= now + _options.T1;
        }
    }

    private void T1Expired(TimeSpan now)
    {
        switch (State)
        {
            case LapbLinkState.LinkSetup:
                if (_attempts < _options.N2)
                {
                    _attempts++;
                    SendCommand(LapbFrame.Unnumbered(_options.RemoteAddress, LapbFrameKind.SABM, true));
                    _t1Deadline = now + _options.T1;
                }
                else
                {
                    EnterDisconnected(now, string.Create(CultureInfo.InvariantCulture, $"no UA after {_options.N2} SABM (N2) at T1 = {_options.T1.TotalSeconds} s"));
                }

                break;
            case LapbLinkState.Disconnecting:
                if (_attempts < _options.N2)
                {
                    _attempts++;
                    SendCommand(LapbFrame.Unnumbered(_options.RemoteAddress, LapbFrameKind.DISC, true));
                    _t1Deadline = now + _options.T1;
                }
                else
                {
                    EnterDisconnected(now, string.Create(CultureInfo.InvariantCulture, $"no answer to {_options.N2} DISC (N2)"));
                }

                break;
            case LapbLinkState.FrameRejected:
                if (_attempts < _options.N2 && _frameReject is not null)
                {
                    _attempts++;
                    SendResponse(_frameReject);
                    _t1Deadline = now + _options.T1;
                }
                else
                {
                    BeginSetup(now, string.Create(CultureInfo.InvariantCulture, $"no recovery after {_options.N2} FRMR (N2)"));
                }

                break;
            case LapbLinkState.Connected:
                if (_attempts < _options.N2)
                {
                    _attempts++;
                    _timerRecovery = true;
                    SendCommand(LapbFrame.Supervisory(_options.RemoteAddress, _localBusy ? LapbFrameKind.RNR : LapbFrameKind.RR, _vr, true));
                    _t1Deadline = now + _options.T1;
                }
                else
                {
                    BeginSetup(now, string.Create(CultureInfo.InvariantCulture, $"no answer to {_options.N2} polls (N2) at T1 = {_options.T1.TotalSeconds} s"));
                }

                break;
            case LapbLinkState.Disconnected:
                break;
        }
    }

    private void BeginSetup(TimeSpan now, string? resetReason)
    {
        if (resetReason is not null)
        {
            Event(LapbLinkEventKind.LinkReset, resetReason, now);
        }

        RequeueUnacknowledged();
        ResetVariables();
        State = LapbLinkState.LinkSetup;
        _attempts = 1;
        SendCommand(LapbFrame.Unnumbered(_options.RemoteAddress, LapbFrameKind.SABM, true));
        _t1Deadline = now + _options.T1;
    }

    private void EnterConnected(TimeSpan now, LapbLinkEventKind kind, string reason)
    {
        ResetVariables();
        State = LapbLinkState.Connected;
        _t1Deadline = null;
        _lastReceived = now;
        Event(kind, reason, now);
        if (_localBusy)
        {
            SendResponse(LapbFrame.Supervisory(_options.LocalAddress, LapbFrameKind.RNR, 0, false));
        }

        Transmit(now);
    }

    private void EnterDisconnected(TimeSpan now, string reason)
    {
        RequeueUnacknowledged();
        ResetVariables();
        State = LapbLinkState.Disconnected;
        _t1Deadline = null;
        Event(LapbLinkEventKind.LinkDown, reason, now);
    }

    private void RejectFrame(TimeSpan now, byte control, bool rejectedWasResponse, bool w, bool x, bool y, bool z, string reason)
    {
        var info = new LapbFrmrInfo(control, VS, rejectedWasResponse, _vr, w, x, y, z);
        _frameReject = LapbFrame.FrameReject(_options.LocalAddress, false, info);
        State = LapbLinkState.FrameRejected;
        _attempts = 1;
        _timerRecovery = false;
        SendResponse(_frameReject);
        _t1Deadline = now + _options.T1;
        Event(LapbLinkEventKind.FrameRejectSent, reason, now);
    }

    private void RequeueUnacknowledged()
    {
        for (var i = _sent.Count - 1; i >= 0; i--)
        {
            _pending.AddFirst(_sent[i]);
        }

        _sent.Clear();
        _sendIndex = 0;
    }

    private void ResetVariables()
    {
        _va = 0;
        _sendIndex = 0;
        _vr = 0;
        _remoteBusy = false;
        _rejectSent = false;
        _discardedWhileBusy = false;
        _timerRecovery = false;
        _ackPending = false;
        _attempts = 0;
        _frameReject = null;
    }

    private bool ValidNR(int nr) => ((nr - _va) & 7) <= _sent.Count;

    private string InvalidNRText(int nr) =>
        string.Create(CultureInfo.InvariantCulture, $"N(R) = {nr} is outside V(A) = {_va} .. V(S) = {(_va + _sent.Count) & 7}");

    private void SendCommand(LapbFrame frame) => _outgoing.Enqueue(frame);

    private void SendResponse(LapbFrame frame) => _outgoing.Enqueue(frame);

    private void Event(LapbLinkEventKind kind, string detail, TimeSpan now) => _events.Enqueue(new LapbLinkEvent(kind, detail, now));
}
