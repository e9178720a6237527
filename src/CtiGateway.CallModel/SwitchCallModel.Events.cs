using CtiGateway.Pbx.Csta;
using CtiGateway.Protocol;

namespace CtiGateway.CallModel;

/// <summary>The CSTA call events: dispatch, and the events of one call (dialling, ringing, answer, hold, failure).</summary>
public sealed partial class SwitchCallModel
{
    /// <summary>The DNs of the device identifiers in the switch's events (one string per DN).</summary>
    private DeviceNumberCache? _deviceNumbers;

    private DeviceNumberCache DeviceNumbers => _deviceNumbers ??= new DeviceNumberCache(_directory);

    /// <summary>
    /// Applies one CSTA call event (as decoded; device identifiers may still be in the OSV <c>N&lt;dn&gt;</c> form)
    /// and publishes the T-Library events it causes.
    /// </summary>
    public CallEventOutcome Apply(CstaCallEvent callEvent, ICallModelSink sink)
    {
        ArgumentNullException.ThrowIfNull(callEvent);
        ArgumentNullException.ThrowIfNull(sink);
        _pool.EndOfInputs();
        var ev = SwitchEvent.From(callEvent, DeviceNumbers);
        return Dispatch(in ev, sink);
    }

    /// <summary>
    /// Applies a NetworkReachedEvent (an outbound call has left the switch on a trunk): its outboundConnection and
    /// calledDevice. The caller gets EventNetworkReached. (A switch that reports the far end with a DeliveredEvent at
    /// a device outside the switch gets the same from <see cref="Apply"/>.)
    /// </summary>
    public CallEventOutcome ApplyNetworkReached(CstaConnectionId outboundConnection, string? calledDevice, ICallModelSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        _pool.EndOfInputs();
        var ev = new SwitchEvent
        {
            Kind = SwitchEventKind.NetworkReached,
            Element = "NetworkReachedEvent",
            Connection = outboundConnection,
            Dn = DeviceNumbers.ToDn(outboundConnection.DeviceId) ?? "",
            Called = DeviceNumbers.ToDn(calledDevice),
            Connections = [],
        };
        return Dispatch(in ev, sink);
    }

    /// <summary>
    /// Applies a CallClearedEvent (the whole call is gone): every party still on it is released (a party still ringing
    /// gets EventAbandoned) and the call is forgotten.
    /// </summary>
    public CallEventOutcome ApplyCallCleared(string callId, string? cause, ICallModelSink sink)
    {
        ArgumentNullException.ThrowIfNull(callId);
        ArgumentNullException.ThrowIfNull(sink);
        _pool.EndOfInputs();
        var ev = new SwitchEvent
        {
            Kind = SwitchEventKind.CallCleared,
            Element = "CallClearedEvent",
            Connection = new CstaConnectionId(callId, ""),
            Dn = "",
            Cause = CstaCauses.Parse(cause),
            Connections = [],
        };
        return Dispatch(in ev, sink);
    }

    private CallEventOutcome Dispatch(in SwitchEvent ev, ICallModelSink sink)
    {
        if (ev.CallId.Length == 0)
        {
            return Fault(sink, CallModelFaultKind.MissingElement, ev.ConnectionPath + "/callID", "", NullIfEmpty(ev.Dn), $"{ev.Element} has an empty callID.", null);
        }

        if (ev.Dn.Length == 0 && ev.Kind != SwitchEventKind.CallCleared)
        {
            _byCallId.TryGetValue(ev.CallId, out var known);
            return Fault(sink, CallModelFaultKind.MissingElement, ev.ConnectionPath + "/deviceID", ev.CallId, null, $"{ev.Element} for call {ev.CallId} has an empty deviceID.", known);
        }

        return ev.Kind switch
        {
            SwitchEventKind.ServiceInitiated or SwitchEventKind.Originated => OnOriginating(in ev, sink),
            SwitchEventKind.Delivered or SwitchEventKind.Queued => OnArrival(in ev, sink),
            SwitchEventKind.Established => OnEstablished(in ev, sink),
            SwitchEventKind.Held => OnHeld(in ev, sink),
            SwitchEventKind.Retrieved => OnRetrieved(in ev, sink),
            SwitchEventKind.ConnectionCleared => OnConnectionCleared(in ev, sink),
            SwitchEventKind.Failed => OnFailed(in ev, sink),
            SwitchEventKind.Diverted => OnDiverted(in ev, sink),
            SwitchEventKind.Transferred or SwitchEventKind.Conferenced => OnMerge(in ev, sink),
            SwitchEventKind.NetworkReached => OnNetworkReached(in ev, sink),
            SwitchEventKind.CallCleared => OnCallCleared(in ev, sink),
            _ => OnCallInformation(in ev, sink),
        };
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    /// <summary>
    /// Finds the event's call. An event for a call the model does not hold is a hardware error, except the copies of
    /// an ending event (<paramref name="endingCopy"/>) for a call that has just ended.
    /// </summary>
    private bool TryFind(in SwitchEvent ev, ICallModelSink sink, out Call call, out CallEventOutcome outcome, bool endingCopy = false)
    {
        if (_byCallId.TryGetValue(ev.CallId, out call!))
        {
            outcome = CallEventOutcome.Applied;
            return true;
        }

        if (_ended.Contains(ev.CallId))
        {
            outcome = endingCopy
                ? CallEventOutcome.Duplicate
                : Fault(sink, CallModelFaultKind.UnknownCall, ev.ConnectionPath + "/callID", ev.CallId, NullIfEmpty(ev.Dn), $"{ev.Element} for call {ev.CallId}, which has already ended.", null);
        }
        else
        {
            outcome = Fault(sink, CallModelFaultKind.UnknownCall, ev.ConnectionPath + "/callID", ev.CallId, NullIfEmpty(ev.Dn), $"{ev.Element} for call {ev.CallId}, which the model does not hold.", null);
        }

        return false;
    }

    private CallEventOutcome ImpossibleState(ICallModelSink sink, in SwitchEvent ev, Call call, CallParty? party, string expected) =>
        Fault(
            sink,
            CallModelFaultKind.ImpossibleState,
            ev.ConnectionPath,
            ev.CallId,
            ev.Dn,
            party is null
                ? $"{ev.Element}: {ev.Dn} is not on call {ev.CallId}."
                : $"{ev.Element}: {ev.Dn} is {party.Status} on call {ev.CallId}, not {expected}.",
            call);

    /// <summary>ServiceInitiated (off hook) and Originated (dialled): the caller gets EventDialing at Originated.</summary>
    private CallEventOutcome OnOriginating(in SwitchEvent ev, ICallModelSink sink)
    {
        var originated = ev.Kind == SwitchEventKind.Originated;
        var dn = ev.Dn;
        _byCallId.TryGetValue(ev.CallId, out var call);
        var party = call?.FindActive(dn);
        if (party is not null)
        {
            if (party.Status == PartyStatus.Dialing || (!originated && party.Status == PartyStatus.Initiated))
            {
                return CallEventOutcome.Duplicate;
            }

            if (party.Status != PartyStatus.Initiated)
            {
                return ImpossibleState(sink, in ev, call!, party, "initiated");
            }
        }

        if (call is null)
        {
            if (!IsInternal(dn))
            {
                return CallEventOutcome.Applied;
            }

            call = CreateCall(ev.CallId, sink, ev.ConnectionPath);
            if (call is null)
            {
                return CallEventOutcome.Fault;
            }

            call.Ani = dn;
            var noted = _consultations.Remove(dn, out var purpose);
            if ((ev.Cause == CstaCause.Consultation || noted) && HeldPartyOf(dn) is { } held)
            {
                MakeConsultation(call, held.Call);
                call.Purpose = noted ? purpose : null;
            }
        }

        party ??= AddParty(call, dn, ev.Connection, PartyStatus.Initiated, DNRole.Origination);
        if (!originated)
        {
            return CallEventOutcome.Applied;
        }

        party.Status = PartyStatus.Dialing;
        party.Connection = ev.Connection;
        call.Dnis ??= ev.Called;
        if (call.Type == CallType.Unknown && ev.Called is { } called)
        {
            call.Type = IsInternal(called) ? CallType.Internal : CallType.Outbound;
        }

        if (party.Notified)
        {
            var otherDn = ev.Called ?? call.OtherOf(party)?.Dn;
            var m = NewEvent(MessageType.EventDialing, call, party, CallState.Ok, OtherCount(otherDn));
            SetOther(m, otherDn, DNRole.Destination);
            Send(sink, party, m);
        }

        return CallEventOutcome.Applied;
    }

    /// <summary>A consultation call of <paramref name="original"/>: CallType Consult, PreviousConnID, user data per policy.</summary>
    private void MakeConsultation(Call consult, Call original)
    {
        consult.Type = CallType.Consult;
        consult.ConsultOf = original;
        consult.Pinned = true;
        original.Pinned = true;
        consult.PreviousConnId = original.ConnId;
        switch (_options.ConsultUserData)
        {
            case ConsultUserDataPolicy.Inherited:
                consult.UserData.RemoveOwner(consult);
                consult.UserData = new UserDataSet(original.UserData.Current);
                consult.UserData.AddOwner(consult);
                break;
            case ConsultUserDataPolicy.Joint:
                consult.UserData.RemoveOwner(consult);
                consult.UserData = original.UserData;
                consult.UserData.AddOwner(consult);
                break;
            default:
                break;
        }
    }

    /// <summary>Delivered (ringing) and Queued (waiting at a queue or routing point): EventRinging or EventQueued.</summary>
    private CallEventOutcome OnArrival(in SwitchEvent ev, ICallModelSink sink)
    {
        var dn = ev.Dn;
        var kind = KindOf(dn);
        var internalDn = kind is not null and not DnKind.Trunk;
        var queued = ev.Kind == SwitchEventKind.Queued || kind is DnKind.ACDQueue or DnKind.RoutingPoint;
        _byCallId.TryGetValue(ev.CallId, out var call);
        if (call is null)
        {
            if (!internalDn)
            {
                return CallEventOutcome.Applied;
            }

            call = CreateCall(ev.CallId, sink, ev.ConnectionPath);
            if (call is null)
            {
                return CallEventOutcome.Fault;
            }

            var callerInternal = IsInternal(ev.Calling);
            call.Ani = KnownDn(ev.Calling);
            call.Dnis = KnownDn(ev.Called ?? dn);
            call.Type = callerInternal ? CallType.Internal : CallType.Inbound;
            if (!callerInternal)
            {
                LinkInboundLeg(call, dn);
            }

            if (ev.Calling is { } caller && !string.Equals(caller, dn, StringComparison.Ordinal))
            {
                var callerParty = AddParty(
                    call, caller, new CstaConnectionId(ev.CallId, caller), callerInternal ? PartyStatus.Dialing : PartyStatus.Connected, DNRole.Origination);
                callerParty.Silent = callerInternal;
            }
        }

        var party = call.FindActive(dn);
        if (party is not null)
        {
            var target = queued ? PartyStatus.Queued : PartyStatus.Alerting;
            if (party.Status == target)
            {
                return CallEventOutcome.Duplicate;
            }

            if (party.Status is not (PartyStatus.Joining or PartyStatus.Alerting or PartyStatus.Queued))
            {
                return ImpossibleState(sink, in ev, call, party, "ringing or waiting");
            }
        }

        if (!internalDn)
        {
            return ReachNetwork(call, party, ev.Connection, dn, sink);
        }

        var pending = TakePending(call, dn);
        // Joining a conference: announced by a ConferencedEvent before this DeliveredEvent, or this DeliveredEvent comes
        // first with cause singleStepConference (the ConferencedEvent follows).
        var joining = party?.Status == PartyStatus.Joining || ev.Cause == CstaCause.SingleStepConference;
        var role = pending?.Role ?? (joining ? DNRole.ConferenceMember : DNRole.Destination);
        party ??= AddParty(call, dn, ev.Connection, PartyStatus.Alerting, role);
        party.Connection = ev.Connection;
        party.Status = queued ? PartyStatus.Queued : PartyStatus.Alerting;
        party.Role = role;
        party.Queue = queued ? dn : pending?.Queue ?? QueueOf(ev.LastRedirection) ?? party.Queue;
        if (call.Type == CallType.Unknown)
        {
            call.Type = IsInternal(call.Ani) ? CallType.Internal : CallType.Inbound;
        }

        var state = pending?.State ?? CstaCauses.ArrivalState(ev.Cause);
        if (party.Notified)
        {
            var other = call.OtherOf(party);
            var third = pending is not null ? pending.ThirdPartyDn : state != CallState.Ok ? ev.LastRedirection : null;
            var thirdRole = pending?.ThirdPartyRole;
            var m = NewEvent(queued ? MessageType.EventQueued : MessageType.EventRinging, call, party, state, OtherCount(other) + ThirdCount(third, thirdRole));
            SetOther(m, other);
            SetThird(m, third, thirdRole);
            Send(sink, party, m);
            party.Rang = true;
        }

        if (kind == DnKind.RoutingPoint)
        {
            RequestRoute(call, party, sink);
        }

        return CallEventOutcome.Applied;
    }

    private string? QueueOf(string? dn) => dn is not null && KindOf(dn) is DnKind.ACDQueue or DnKind.RoutingPoint ? dn : null;

    private static PendingArrival? TakePending(Call call, string dn)
    {
        if (call.Pending is { } p && (p.Dn is null || string.Equals(p.Dn, dn, StringComparison.Ordinal)))
        {
            call.Pending = null;
            return p;
        }

        return null;
    }

    /// <summary>NetworkReached: the outbound call has left the switch.</summary>
    private CallEventOutcome OnNetworkReached(in SwitchEvent ev, ICallModelSink sink)
    {
        if (!TryFind(in ev, sink, out var call, out var outcome))
        {
            return outcome;
        }

        // The far end is the calledDevice, unless that names a device of this switch: a call redirected or transferred
        // to an external number keeps the first called device there, and the outboundConnection names the number.
        var far = ev.Called is { } called && !IsInternal(called) ? called : ev.Dn;
        return ReachNetwork(call, call.FindActive(far), ev.Connection, far, sink);
    }

    /// <summary>The far end of an outbound call is being offered the call: the dialling parties get EventNetworkReached.</summary>
    private CallEventOutcome ReachNetwork(Call call, CallParty? farParty, CstaConnectionId connection, string far, ICallModelSink sink)
    {
        if (farParty is null)
        {
            farParty = AddParty(call, far, connection, PartyStatus.Alerting, DNRole.Destination);
        }
        else if (call.NetworkReached)
        {
            return CallEventOutcome.Duplicate;
        }

        if (call.NetworkReached)
        {
            return CallEventOutcome.Applied;
        }

        call.NetworkReached = true;
        call.Dnis ??= far;
        if (call.Type == CallType.Unknown)
        {
            call.Type = CallType.Outbound;
        }

        foreach (var p in call.Parties)
        {
            if (p.IsActive && p.Status == PartyStatus.Dialing && p.Notified)
            {
                var m = NewEvent(MessageType.EventNetworkReached, call, p, CallState.Ok, OtherCount(far));
                SetOther(m, far, DNRole.Destination);
                Send(sink, p, m);
            }
        }

        return CallEventOutcome.Applied;
    }

    /// <summary>Established: the answering party and every party still dialling get EventEstablished.</summary>
    private CallEventOutcome OnEstablished(in SwitchEvent ev, ICallModelSink sink)
    {
        if (!TryFind(in ev, sink, out var call, out var outcome))
        {
            return outcome;
        }

        var dn = ev.Dn;
        var party = call.FindActive(dn);
        if (party is null && !IsInternal(dn))
        {
            party = RingingNetworkParty(call);
        }

        if (party is not null)
        {
            if (party.Status == PartyStatus.Connected)
            {
                return CallEventOutcome.Duplicate;
            }

            if (party.Status is PartyStatus.Held or PartyStatus.Failed)
            {
                return ImpossibleState(sink, in ev, call, party, "ringing");
            }
        }
        else
        {
            var pending = TakePending(call, dn);
            party = AddParty(call, dn, ev.Connection, PartyStatus.Alerting, pending?.Role ?? DNRole.Destination);
            party.Queue = pending?.Queue ?? QueueOf(ev.LastRedirection);
        }

        if (string.Equals(party.Dn, dn, StringComparison.Ordinal))
        {
            party.Connection = ev.Connection;
        }

        Answer(sink, call, party);
        return CallEventOutcome.Applied;
    }

    /// <summary>The external party of an outbound call that is being offered the call, or null.</summary>
    private static CallParty? RingingNetworkParty(Call call)
    {
        foreach (var p in call.Parties)
        {
            if (p.IsActive && !p.IsInternal && p.Status == PartyStatus.Alerting)
            {
                return p;
            }
        }

        return null;
    }

    /// <summary><paramref name="party"/> answers: it and every party still dialling are connected, with EventEstablished.</summary>
    private static void Answer(ICallModelSink sink, Call call, CallParty party)
    {
        party.Status = PartyStatus.Connected;
        Notify(sink, MessageType.EventEstablished, call, party, party.Conferenced ? CallState.Conferenced : CallState.Ok, call.OtherOf(party));
        foreach (var p in call.Parties)
        {
            if (!ReferenceEquals(p, party) && p.IsActive && p.Status == PartyStatus.Dialing)
            {
                p.Status = PartyStatus.Connected;
                Notify(sink, MessageType.EventEstablished, call, p, CallState.Ok, party);
            }
        }
    }

    /// <summary>Held: the holding party gets EventHeld (the held party gets nothing).</summary>
    private CallEventOutcome OnHeld(in SwitchEvent ev, ICallModelSink sink)
    {
        if (!TryFind(in ev, sink, out var call, out var outcome))
        {
            return outcome;
        }

        var party = call.FindActive(ev.Dn);
        if (party is null)
        {
            return IsInternal(ev.Dn) ? ImpossibleState(sink, in ev, call, null, "connected") : CallEventOutcome.Applied;
        }

        if (party.Status == PartyStatus.Held)
        {
            return CallEventOutcome.Duplicate;
        }

        if (party.Status is not (PartyStatus.Connected or PartyStatus.Dialing))
        {
            return ImpossibleState(sink, in ev, call, party, "connected");
        }

        party.HeldFrom = party.Status;
        party.Status = PartyStatus.Held;
        Notify(sink, MessageType.EventHeld, call, party, CallState.Ok, call.OtherOf(party));
        return CallEventOutcome.Applied;
    }

    /// <summary>Retrieved: the retrieving party gets EventRetrieved, with its role and ThisQueue as before.</summary>
    private CallEventOutcome OnRetrieved(in SwitchEvent ev, ICallModelSink sink)
    {
        if (!TryFind(in ev, sink, out var call, out var outcome))
        {
            return outcome;
        }

        var party = call.FindActive(ev.Dn);
        if (party is null)
        {
            return IsInternal(ev.Dn) ? ImpossibleState(sink, in ev, call, null, "held") : CallEventOutcome.Applied;
        }

        if (party.Status is PartyStatus.Connected or PartyStatus.Dialing)
        {
            return CallEventOutcome.Duplicate;
        }

        if (party.Status != PartyStatus.Held)
        {
            return ImpossibleState(sink, in ev, call, party, "held");
        }

        party.Status = party.HeldFrom;
        Notify(sink, MessageType.EventRetrieved, call, party, CallState.Ok, call.OtherOf(party));
        return CallEventOutcome.Applied;
    }

    /// <summary>
    /// Failed: the call cannot reach its destination. The dialling parties get EventDestinationBusy (CallState from the
    /// cause); the destination gets nothing.
    /// </summary>
    private CallEventOutcome OnFailed(in SwitchEvent ev, ICallModelSink sink)
    {
        if (!TryFind(in ev, sink, out var call, out var outcome))
        {
            return outcome;
        }

        var state = CstaCauses.FailureState(ev.Cause);
        var target = call.FindActive(ev.Dn);
        if (target is not null && target.Status is PartyStatus.Dialing or PartyStatus.Initiated)
        {
            // The switch failed the caller's own connection: the destination is the failing (or called) device.
            BusyFor(sink, call, target, ev.Subject is { } s && !string.Equals(s, ev.Dn, StringComparison.Ordinal) ? s : ev.Called, state);
            return CallEventOutcome.Applied;
        }

        if (target is not null && target.Status != PartyStatus.Failed)
        {
            // A destination that was on the call has failed: it leaves without an event of its own.
            Unlink(target);
        }

        var busy = false;
        var failedBefore = false;
        foreach (var p in call.Parties)
        {
            if (!p.IsActive)
            {
                continue;
            }

            if (p.Status == PartyStatus.Dialing)
            {
                BusyFor(sink, call, p, ev.Dn, state);
                busy = true;
            }
            else if (p.Status == PartyStatus.Failed)
            {
                failedBefore = true;
            }
        }

        if (busy)
        {
            return CallEventOutcome.Applied;
        }

        return failedBefore ? CallEventOutcome.Duplicate : ImpossibleState(sink, in ev, call, null, "dialling");
    }

    private static void BusyFor(ICallModelSink sink, Call call, CallParty party, string? destination, CallState state)
    {
        party.Status = PartyStatus.Failed;
        if (party.Notified)
        {
            var otherDn = destination ?? call.Dnis;
            var m = NewEvent(MessageType.EventDestinationBusy, call, party, state, OtherCount(otherDn));
            SetOther(m, otherDn, DNRole.Destination);
            Send(sink, party, m);
        }
    }

    /// <summary>CallInformation: a new calling number becomes the call's ANI, with EventCallInfoChanged.</summary>
    private CallEventOutcome OnCallInformation(in SwitchEvent ev, ICallModelSink sink)
    {
        if (!TryFind(in ev, sink, out var call, out var outcome))
        {
            return outcome;
        }

        if (ev.Calling is not { } calling || string.Equals(calling, call.Ani, StringComparison.Ordinal))
        {
            return CallEventOutcome.Duplicate;
        }

        call.Ani = KnownDn(calling);
        foreach (var p in call.Parties)
        {
            if (p.IsActive && p.Notified && p.Announced)
            {
                Notify(sink, MessageType.EventCallInfoChanged, call, p, call.State, call.OtherOf(p));
            }
        }

        return CallEventOutcome.Applied;
    }
}
