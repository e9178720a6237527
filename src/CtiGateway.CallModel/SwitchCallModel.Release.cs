using CtiGateway.Protocol;

namespace CtiGateway.CallModel;

/// <summary>Parties leaving: cleared connections, diverted and redirected calls, the whole call cleared.</summary>
public sealed partial class SwitchCallModel
{
    /// <summary>ConnectionCleared: the party leaves with EventReleased (EventAbandoned when it was still ringing alone).</summary>
    private CallEventOutcome OnConnectionCleared(in SwitchEvent ev, ICallModelSink sink)
    {
        if (!TryFindLeavingParty(in ev, sink, out var call, out var party, out var outcome))
        {
            return outcome;
        }

        ReleaseParty(sink, call, party, CallState.Ok);
        EndIfGone(call);
        return CallEventOutcome.Applied;
    }

    /// <summary>CallCleared: everyone leaves (parties still ringing last, so that they get EventAbandoned).</summary>
    private CallEventOutcome OnCallCleared(in SwitchEvent ev, ICallModelSink sink)
    {
        if (!TryFind(in ev, sink, out var call, out var outcome, endingCopy: true))
        {
            return outcome;
        }

        ReleaseAll(sink, call);
        RemoveCall(call);
        return CallEventOutcome.Applied;
    }

    /// <summary>Releases every party still on the call, the ringing ones last (so that they get EventAbandoned).</summary>
    private void ReleaseAll(ICallModelSink sink, Call call)
    {
        foreach (var p in call.Parties)
        {
            if (p.IsActive && p.Status is not (PartyStatus.Alerting or PartyStatus.Queued))
            {
                ReleaseParty(sink, call, p, CallState.Ok);
            }
        }

        foreach (var p in call.Parties)
        {
            if (p.IsActive)
            {
                ReleaseParty(sink, call, p, CallState.Ok);
            }
        }
    }

    /// <summary>
    /// A party leaves the call. It gets EventAbandoned when it was ringing (or queued), had EventRinging (EventQueued)
    /// and nobody else is left; otherwise EventReleased. It gets nothing when its clients never heard of the call.
    /// The members left in a conference get EventPartyDeleted.
    /// </summary>
    private void ReleaseParty(ICallModelSink sink, Call call, CallParty party, CallState state)
    {
        var ringing = party.Status is PartyStatus.Alerting or PartyStatus.Queued;
        if (party.Kind == DnKind.RoutingPoint && party.Status == PartyStatus.Queued)
        {
            sink.RouteEnded(call.ConnId, party.Dn);
        }

        var others = call.ActiveCount(party);
        Unlink(party);
        if (party.Notified && party.Announced)
        {
            var abandoned = ringing && party.Rang && others == 0;
            var other = call.OtherOf(party);
            var m = NewEvent(abandoned ? MessageType.EventAbandoned : MessageType.EventReleased, call, party, state, OtherCount(other));
            SetOther(m, other);
            Send(sink, party, m);
        }

        if (call.Conferenced && others > 0)
        {
            foreach (var p in call.Parties)
            {
                if (p.IsActive && p.Notified && p.Announced)
                {
                    var m = NewEvent(MessageType.EventPartyDeleted, call, p, CallState.Ok, OtherCount(party.Dn) + ThirdCount(party.Dn, DNRole.DeletedBy));
                    SetOther(m, party.Dn, DNRole.DeletedParty);
                    SetThird(m, party.Dn, DNRole.DeletedBy);
                    Send(sink, p, m);
                }
            }
        }
    }

    /// <summary>
    /// Diverted: the call left the party unanswered (a redirect, a forward, a queue's or routing point's divert). A
    /// queue or routing point gets EventDiverted; a station gets EventReleased with CallState Redirected (Forwarded)
    /// and ThirdPartyDN the new destination. The new destination's EventRinging names the diverting DN.
    /// </summary>
    private CallEventOutcome OnDiverted(in SwitchEvent ev, ICallModelSink sink)
    {
        if (!TryFindLeavingParty(in ev, sink, out var call, out var party, out var outcome))
        {
            return outcome;
        }

        var destination = ev.Other;
        var others = call.ActiveCount(party);
        Unlink(party);
        if (party.IsQueue)
        {
            if (party.Kind == DnKind.RoutingPoint)
            {
                RouteUsed(sink, call, party, destination);
            }

            if (party.Notified && party.Announced)
            {
                var other = call.OtherOf(party);
                var m = NewEvent(MessageType.EventDiverted, call, party, CallState.Ok, OtherCount(other) + ThirdCount(destination, DNRole.Destination));
                SetOther(m, other);
                SetThird(m, destination, DNRole.Destination);
                Send(sink, party, m);
            }

            call.Pending = new PendingArrival(destination, DNRole.Destination, CallState.Ok, null, null, party.Dn);
        }
        else
        {
            var state = ev.Cause == CstaCause.CallForward ? CallState.Forwarded : CallState.Redirected;
            if (party.Notified && party.Announced)
            {
                var other = call.OtherOf(party);
                var m = NewEvent(MessageType.EventReleased, call, party, state, OtherCount(other) + ThirdCount(destination, DNRole.Destination));
                SetOther(m, other);
                SetThird(m, destination, others > 1 ? DNRole.ConferenceMember : DNRole.Destination);
                Send(sink, party, m);
            }

            call.State = state;
            call.Pending = new PendingArrival(destination, party.Role, state, party.Dn, null, party.Queue);
        }

        if (destination is not null && !IsInternal(destination))
        {
            call.Pending = null;
        }

        EndIfGone(call);
        return CallEventOutcome.Applied;
    }

    /// <summary>
    /// The call and the still-active party that an ending event (ConnectionCleared, Diverted) names. False with the
    /// outcome to return when there is none: an unknown call (fault, or a copy after the end), a monitored DN that is
    /// not on the call (impossible state), an unmonitored one (nothing to tell), or a party already gone (a copy).
    /// </summary>
    private bool TryFindLeavingParty(in SwitchEvent ev, ICallModelSink sink, out Call call, out CallParty party, out CallEventOutcome outcome)
    {
        party = null!;
        if (!TryFind(in ev, sink, out call, out outcome, endingCopy: true))
        {
            return false;
        }

        var latest = call.FindLatest(ev.Dn);
        if (latest is null)
        {
            outcome = IsInternal(ev.Dn) ? ImpossibleState(sink, in ev, call, null, "on the call") : CallEventOutcome.Applied;
            return false;
        }

        if (!latest.IsActive)
        {
            outcome = CallEventOutcome.Duplicate;
            return false;
        }

        party = latest;
        return true;
    }
}
