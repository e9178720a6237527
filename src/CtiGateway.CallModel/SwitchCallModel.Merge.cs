using CtiGateway.Pbx.Csta;
using CtiGateway.Protocol;

namespace CtiGateway.CallModel;

/// <summary>
/// Transfers and conferences. Two calls merge when a consultation is completed: the original (held) call keeps its
/// ConnID and user data, the consultation ConnID ends, the parties moved over get EventPartyChanged with
/// PreviousConnID = the consultation ConnID. The single-step forms change one call.
/// </summary>
public sealed partial class SwitchCallModel
{
    private CallEventOutcome OnMerge(in SwitchEvent ev, ICallModelSink sink)
    {
        var conference = ev.Kind == SwitchEventKind.Conferenced;
        var controller = ev.Subject ?? ev.Dn;
        _byCallId.TryGetValue(ev.CallId, out var primary);
        var twoCalls = ev.Secondary is { } sec && sec.CallId.Length > 0 && !string.Equals(sec.CallId, ev.CallId, StringComparison.Ordinal);
        Call? secondary = null;
        if (twoCalls)
        {
            _byCallId.TryGetValue(ev.Secondary!.Value.CallId, out secondary);
        }

        if (primary is null && secondary is null)
        {
            if (_ended.Contains(ev.CallId) || (twoCalls && _ended.Contains(ev.Secondary!.Value.CallId)))
            {
                // A copy of a merge already applied (each monitor of a party gets one).
                return CallEventOutcome.Duplicate;
            }

            return Fault(sink, CallModelFaultKind.UnknownCall, ev.ConnectionPath + "/callID", ev.CallId, controller, $"{ev.Element} for call {ev.CallId}, which the model does not hold.", null);
        }

        if (twoCalls)
        {
            if (primary is null || secondary is null)
            {
                var path = primary is null ? ev.ConnectionPath + "/callID" : ev.Element + "/secondaryOldCall/callID";
                var missing = primary is null ? ev.CallId : ev.Secondary!.Value.CallId;
                return Fault(sink, CallModelFaultKind.UnknownCall, path, missing, controller, $"{ev.Element} merges call {missing}, which the model does not hold.", primary ?? secondary);
            }

            return MergeCalls(in ev, sink, primary, secondary, controller, conference);
        }

        if (primary is null)
        {
            return Fault(sink, CallModelFaultKind.UnknownCall, ev.ConnectionPath + "/callID", ev.CallId, controller, $"{ev.Element} for call {ev.CallId}, which the model does not hold.", secondary);
        }

        return conference ? SingleStepConference(in ev, sink, primary, controller) : SingleStepTransfer(in ev, sink, primary, controller);
    }

    /// <summary>The callID the switch gives the resulting call (from the connection list), or null when it keeps one.</summary>
    private static string? ResultCallId(IReadOnlyList<CstaConnectionListItem> connections)
    {
        for (var i = 0; i < connections.Count; i++)
        {
            var item = connections[i];
            if (item.NewConnection is { } n && n.CallId.Length > 0)
            {
                return n.CallId;
            }
        }

        return null;
    }

    /// <summary>Takes the new connections of the list for the parties of the resulting call.</summary>
    private void TakeNewConnections(Call call, IReadOnlyList<CstaConnectionListItem> connections)
    {
        for (var i = 0; i < connections.Count; i++)
        {
            var item = connections[i];
            if (item.NewConnection is not { } n || DeviceNumbers.ToDn(n.DeviceId) is not { } dn)
            {
                continue;
            }

            if (call.FindActive(dn) is { } party)
            {
                party.Connection = n;
            }
        }
    }

    private CallEventOutcome MergeCalls(in SwitchEvent ev, ICallModelSink sink, Call primary, Call secondary, string controller, bool conference)
    {
        Call original, consult;
        if (ReferenceEquals(secondary.ConsultOf, primary))
        {
            (original, consult) = (primary, secondary);
        }
        else if (ReferenceEquals(primary.ConsultOf, secondary))
        {
            (original, consult) = (secondary, primary);
        }
        else if (primary.FindActive(controller)?.Status != PartyStatus.Held && secondary.FindActive(controller)?.Status == PartyStatus.Held)
        {
            (original, consult) = (secondary, primary);
        }
        else
        {
            (original, consult) = (primary, secondary);
        }

        var heldLeg = original.FindActive(controller);
        var consultLeg = consult.FindActive(controller);
        if (heldLeg is null && consultLeg is null)
        {
            var device = conference ? "/conferencingDevice" : "/transferringDevice";
            return Fault(sink, CallModelFaultKind.ImpossibleState, ev.Element + device, ev.CallId, controller, $"{ev.Element}: {controller} is on neither call {primary.CallId} nor {secondary.CallId}.", original);
        }

        // The model first: the consultation leg ends, the moved parties join the original call, which takes the
        // callID the switch gives the result. The events follow, built from the final state. Nothing is copied: the
        // parties staying are those of the original call before the merge (below movedFrom) that are still on it,
        // the controller's leg left out; the parties moving are the consultation's other parties, which are
        // appended to the original call in order (from movedFrom to movedTo). A party belongs to one live call, so
        // nothing below (not even a Rekey that releases a stale call) changes which parties are still on the call.
        var movedFrom = original.Parties.Count;
        if (consultLeg is not null)
        {
            Unlink(consultLeg);
        }

        var controllerWasHeld = heldLeg?.Status == PartyStatus.Held;
        if (heldLeg is not null)
        {
            if (conference)
            {
                heldLeg.Status = PartyStatus.Connected;
            }
            else
            {
                Unlink(heldLeg);
            }
        }

        foreach (var p in consult.Parties)
        {
            if (p.IsActive && !ReferenceEquals(p, consultLeg))
            {
                p.Call = original;
                original.Parties.Add(p);
                original.Pinned = true;
                consult.Pinned = true;
            }
        }

        var movedTo = original.Parties.Count;
        RemoveCall(consult);
        if (ResultCallId(ev.Connections) is { } resultId)
        {
            Rekey(original, resultId, sink);
        }

        TakeNewConnections(original, ev.Connections);
        var state = conference ? CallState.Conferenced : CallState.Transferred;
        original.State = state;
        var firstMoving = movedTo > movedFrom ? original.Parties[movedFrom] : null;
        if (conference)
        {
            original.Conferenced = true;
            foreach (var p in original.Parties)
            {
                if (p.IsActive)
                {
                    p.Role = DNRole.ConferenceMember;
                }
            }

            for (var i = 0; i < movedFrom; i++)
            {
                var s = original.Parties[i];
                if (s.IsActive && !ReferenceEquals(s, heldLeg))
                {
                    PartiesAdded(sink, original, s, movedFrom, movedTo, controller);
                }
            }

            if (consultLeg is not null)
            {
                ControllerLeaves(sink, consult, consultLeg, state);
            }

            if (heldLeg is not null)
            {
                if (controllerWasHeld)
                {
                    Notify(sink, MessageType.EventRetrieved, original, heldLeg, state, original.OtherOf(heldLeg));
                }

                PartiesAdded(sink, original, heldLeg, movedFrom, movedTo, controller);
            }

            for (var i = movedFrom; i < movedTo; i++)
            {
                var p = original.Parties[i];
                if (p.Notified && p.Announced)
                {
                    var m = NewEvent(MessageType.EventPartyChanged, original, p, state, 1 + ThirdCount(controller, DNRole.ConferencedBy));
                    SetPrevious(m, consult.ConnId);
                    SetThird(m, controller, DNRole.ConferencedBy);
                    Send(sink, p, m);
                }
            }
        }
        else
        {
            CallParty? firstStaying = null;
            for (var i = 0; i < movedFrom; i++)
            {
                var s = original.Parties[i];
                if (!s.IsActive || ReferenceEquals(s, heldLeg))
                {
                    continue;
                }

                firstStaying ??= s;
                if (s.Notified && s.Announced)
                {
                    var m = NewEvent(MessageType.EventPartyChanged, original, s, state, 1 + OtherCount(firstMoving) + ThirdCount(controller, DNRole.TransferredBy));
                    SetPrevious(m, original.ConnId);
                    SetOther(m, firstMoving);
                    SetThird(m, controller, DNRole.TransferredBy);
                    Send(sink, s, m);
                }
            }

            if (consultLeg is not null)
            {
                ControllerLeaves(sink, consult, consultLeg, state);
            }

            if (heldLeg is not null)
            {
                ControllerLeaves(sink, original, heldLeg, state);
            }

            for (var i = movedFrom; i < movedTo; i++)
            {
                var p = original.Parties[i];
                if (p.Notified && p.Announced)
                {
                    var m = NewEvent(MessageType.EventPartyChanged, original, p, state, 1 + OtherCount(firstStaying) + ThirdCount(controller, DNRole.TransferredBy));
                    SetPrevious(m, consult.ConnId);
                    SetOther(m, firstStaying);
                    SetThird(m, controller, DNRole.TransferredBy);
                    Send(sink, p, m);
                }
            }
        }

        EndIfGone(original);
        return CallEventOutcome.Applied;
    }

    /// <summary>The controller's leg of a merge ends: EventReleased with the merge's CallState.</summary>
    private static void ControllerLeaves(ICallModelSink sink, Call call, CallParty leg, CallState state)
    {
        if (leg.Notified && leg.Announced)
        {
            var other = call.OtherOf(leg);
            var m = NewEvent(MessageType.EventReleased, call, leg, state, OtherCount(other));
            SetOther(m, other);
            Send(sink, leg, m);
        }
    }

    /// <summary>
    /// EventPartyAdded to <paramref name="member"/> for each party that joined the conference: the parties of
    /// <paramref name="call"/> from index <paramref name="addedFrom"/> up to <paramref name="addedTo"/>.
    /// </summary>
    private static void PartiesAdded(ICallModelSink sink, Call call, CallParty member, int addedFrom, int addedTo, string controller)
    {
        if (!member.Notified || !member.Announced)
        {
            return;
        }

        for (var i = addedFrom; i < addedTo; i++)
        {
            PartyAdded(sink, call, member, call.Parties[i], controller);
        }
    }

    /// <summary>EventPartyAdded to <paramref name="member"/> (which takes events and knows the call) for <paramref name="added"/>.</summary>
    private static void PartyAdded(ICallModelSink sink, Call call, CallParty member, CallParty added, string controller)
    {
        var m = NewEvent(MessageType.EventPartyAdded, call, member, CallState.Conferenced, OtherCount(added.Dn) + ThirdCount(controller, DNRole.AddedBy));
        SetOther(m, added.Dn, DNRole.NewParty);
        SetThird(m, controller, DNRole.AddedBy);
        Send(sink, member, m);
    }

    /// <summary>
    /// Single-step transfer: the transferring party leaves with EventReleased (CallState Transferred, ThirdPartyDN the
    /// target); the parties left get EventPartyChanged (PreviousConnID = their unchanged ConnID); the target's
    /// EventRinging then carries CallState Transferred and the transferring party's role.
    /// </summary>
    private CallEventOutcome SingleStepTransfer(in SwitchEvent ev, ICallModelSink sink, Call call, string controller)
    {
        var leaving = call.FindLatest(controller);
        if (leaving is null)
        {
            return IsInternal(controller)
                ? Fault(sink, CallModelFaultKind.ImpossibleState, ev.Element + "/transferringDevice", ev.CallId, controller, $"{ev.Element}: {controller} is not on call {ev.CallId}.", call)
                : CallEventOutcome.Applied;
        }

        if (!leaving.IsActive)
        {
            return CallEventOutcome.Duplicate;
        }

        var target = ev.Other ?? NewDevice(call, ev.Connections);
        Unlink(leaving);
        if (ResultCallId(ev.Connections) is { } resultId)
        {
            Rekey(call, resultId, sink);
        }

        TakeNewConnections(call, ev.Connections);
        call.State = CallState.Transferred;
        var targetParty = target is null ? null : call.FindActive(target);
        foreach (var p in call.Parties)
        {
            if (p.IsActive && !ReferenceEquals(p, targetParty) && p.Notified && p.Announced)
            {
                var m = NewEvent(MessageType.EventPartyChanged, call, p, CallState.Transferred, 1 + OtherCount(target) + ThirdCount(controller, DNRole.TransferredBy));
                SetPrevious(m, call.ConnId);
                SetOther(m, target, leaving.Role);
                SetThird(m, controller, DNRole.TransferredBy);
                Send(sink, p, m);
            }
        }

        if (leaving.Notified && leaving.Announced)
        {
            var other = call.OtherOf(leaving);
            var m = NewEvent(MessageType.EventReleased, call, leaving, CallState.Transferred, OtherCount(other) + ThirdCount(target, DNRole.Destination));
            SetOther(m, other);
            SetThird(m, target, DNRole.Destination);
            Send(sink, leaving, m);
        }

        call.Pending = targetParty is null && (target is null || IsInternal(target))
            ? new PendingArrival(target, leaving.Role, CallState.Transferred, controller, DNRole.TransferredBy, leaving.Queue)
            : null;
        EndIfGone(call);
        return CallEventOutcome.Applied;
    }

    /// <summary>The device of the connection list that is not on the call yet (the transfer target or added party).</summary>
    private string? NewDevice(Call call, IReadOnlyList<CstaConnectionListItem> connections)
    {
        for (var i = 0; i < connections.Count; i++)
        {
            var item = connections[i];
            var dn = DeviceNumbers.ToDn(item.Endpoint) ?? DeviceNumbers.ToDn(item.NewConnection?.DeviceId);
            if (dn is not null && call.FindActive(dn) is null)
            {
                return dn;
            }
        }

        return null;
    }

    /// <summary>
    /// Single-step conference: the parties on the call get EventPartyAdded at once (OtherDN the added party, NewParty,
    /// ThirdPartyDN the conferencing DN, AddedBy); the added party then rings as a ConferenceMember.
    /// </summary>
    private CallEventOutcome SingleStepConference(in SwitchEvent ev, ICallModelSink sink, Call call, string controller)
    {
        var added = ev.Other ?? NewDevice(call, ev.Connections);
        if (added is null)
        {
            return Fault(sink, CallModelFaultKind.MissingElement, ev.Element + "/addedParty", ev.CallId, controller, $"{ev.Element} for call {ev.CallId} names no added party.", call);
        }

        var party = call.FindActive(added);
        if (party is not null && party.Conferenced)
        {
            return CallEventOutcome.Duplicate;
        }

        if (ResultCallId(ev.Connections) is { } resultId)
        {
            Rekey(call, resultId, sink);
        }

        if (party is null)
        {
            var connection = new CstaConnectionId(call.CallId, added);
            for (var i = 0; i < ev.Connections.Count; i++)
            {
                var item = ev.Connections[i];
                if (item.NewConnection is { } n && string.Equals(DeviceNumbers.ToDn(n.DeviceId), added, StringComparison.Ordinal))
                {
                    connection = n;
                }
            }

            party = AddParty(call, added, connection, PartyStatus.Joining, DNRole.ConferenceMember);
            call.Pending = new PendingArrival(added, DNRole.ConferenceMember, CallState.Ok, controller, DNRole.ConferencedBy, null);
        }

        party.Conferenced = true;
        TakeNewConnections(call, ev.Connections);
        call.Conferenced = true;
        call.State = CallState.Conferenced;
        foreach (var p in call.Parties)
        {
            if (p.IsActive)
            {
                p.Role = DNRole.ConferenceMember;
            }
        }

        foreach (var p in call.Parties)
        {
            if (p.IsActive && !ReferenceEquals(p, party))
            {
                if (p.Notified && p.Announced)
                {
                    PartyAdded(sink, call, p, party, controller);
                }
            }
        }

        return CallEventOutcome.Applied;
    }
}
