using CtiGateway.Pbx.Csta;
using CtiGateway.Protocol;

namespace CtiGateway.CallModel;

/// <summary>
/// Resynchronisation from SnapshotDevice replies (after the link comes back, or for one call after a hardware error).
/// </summary>
public sealed partial class SwitchCallModel
{
    private const string SnapshotItemPath = "SnapshotDeviceResponse/crossRefIDorSnapshotData/snapshotData/snapshotDeviceResponseInfo";

    /// <summary>
    /// Brings <paramref name="device"/>'s calls in line with the switch's SnapshotDevice reply. A call the reply lists
    /// and the model lacks is created (its parties learn of it: EventDialing, EventRinging, EventQueued or
    /// EventEstablished, plus EventHeld when held); a state that moved on is reported (EventEstablished, EventHeld,
    /// EventRetrieved); a call the model holds for the device and the reply does not list is released for it
    /// (EventReleased). A call with no party of the switch left ends.
    /// </summary>
    /// <param name="device">The device that was snapshotted (its DN, or its device identifier).</param>
    /// <param name="response">The switch's reply.</param>
    /// <param name="sink">Where the events go.</param>
    public void ApplySnapshot(string device, CstaSnapshotDeviceResponse response, ICallModelSink sink)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(sink);
        _pool.EndOfInputs();
        var dn = DeviceNumber.ToDn(device) ?? device;
        foreach (var item in response.Items)
        {
            var callId = item.Connection.CallId;
            if (callId.Length == 0)
            {
                Fault(sink, CallModelFaultKind.MissingElement, SnapshotItemPath + "/connectionIdentifier/callID", "", dn, $"SnapshotDeviceResponse for {dn} lists a call with an empty callID.", null);
                continue;
            }

            if (SnapshotStatus(item.LocalCallState, out var status))
            {
                Reconcile(sink, callId, dn, item.Connection, status);
            }
        }

        if (!_partiesByDn.TryGetValue(dn, out var parties))
        {
            return;
        }

        for (var i = parties.Count - 1; i >= 0; i--)
        {
            if (i >= parties.Count)
            {
                continue;
            }

            var party = parties[i];
            if (!Lists(response.Items, party.Call.CallId))
            {
                var call = party.Call;
                ReleaseParty(sink, call, party, CallState.Ok);
                EndIfGone(call);
            }
        }
    }

    private static bool Lists(IReadOnlyList<CstaSnapshotItem> items, string callId)
    {
        foreach (var item in items)
        {
            if (string.Equals(item.Connection.CallId, callId, StringComparison.Ordinal) && SnapshotStatus(item.LocalCallState, out _))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The local connection state of a snapshot item. False for <c>null</c> (not in the call). A state the model does
    /// not know is taken as <see cref="PartyStatus.Released"/>, meaning "on the call, state unchanged".
    /// </summary>
    private static bool SnapshotStatus(string? text, out PartyStatus status)
    {
        switch (text)
        {
            case "null":
                status = PartyStatus.Released;
                return false;
            case "initiated":
                status = PartyStatus.Initiated;
                return true;
            case "alerting":
                status = PartyStatus.Alerting;
                return true;
            case "connected":
                status = PartyStatus.Connected;
                return true;
            case "hold" or "held":
                status = PartyStatus.Held;
                return true;
            case "queued":
                status = PartyStatus.Queued;
                return true;
            case "fail" or "failed":
                status = PartyStatus.Failed;
                return true;
            default:
                status = PartyStatus.Released;
                return true;
        }
    }

    private void Reconcile(ICallModelSink sink, string callId, string dn, CstaConnectionId connection, PartyStatus status)
    {
        if (!_byCallId.TryGetValue(callId, out var call))
        {
            if (!IsInternal(dn))
            {
                return;
            }

            call = CreateCall(callId, sink, SnapshotItemPath);
            if (call is null)
            {
                return;
            }
        }

        var party = call.FindActive(dn);
        if (party is null)
        {
            var appeared = status == PartyStatus.Released ? PartyStatus.Connected : status;
            // A snapshot does not say who called: a station off hook is the caller, a ringing or waiting one the called
            // party, a connected or held one may be either.
            var role = appeared switch
            {
                PartyStatus.Initiated => DNRole.Origination,
                PartyStatus.Alerting or PartyStatus.Queued => DNRole.Destination,
                _ => DNRole.Unknown,
            };
            party = AddParty(call, dn, connection, appeared, role);
            Appear(sink, call, party);
            return;
        }

        party.Connection = connection;
        switch (status)
        {
            case PartyStatus.Connected when party.Status is PartyStatus.Alerting or PartyStatus.Queued or PartyStatus.Joining:
                Answer(sink, call, party);
                break;
            case PartyStatus.Connected when party.Status == PartyStatus.Held:
                party.Status = party.HeldFrom;
                Notify(sink, MessageType.EventRetrieved, call, party, CallState.Ok, call.OtherOf(party));
                break;
            case PartyStatus.Held when party.Status is PartyStatus.Connected or PartyStatus.Dialing:
                party.HeldFrom = party.Status;
                party.Status = PartyStatus.Held;
                Notify(sink, MessageType.EventHeld, call, party, CallState.Ok, call.OtherOf(party));
                break;
            case PartyStatus.Failed when party.Status is PartyStatus.Dialing or PartyStatus.Initiated:
                BusyFor(sink, call, party, call.Dnis, CallState.Busy);
                break;
            case PartyStatus.Released:
                // On the call, in a state the model does not read: left as it is.
                break;
            default:
                if (!Equivalent(party.Status, status))
                {
                    // A state no event explains (the switch's events were lost or out of order): the switch is right.
                    party.Status = status;
                }

                break;
        }
    }

    /// <summary>Whether the model's state and the switch's local connection state say the same.</summary>
    private static bool Equivalent(PartyStatus model, PartyStatus snapshot) =>
        model == snapshot
        || (snapshot == PartyStatus.Connected && model == PartyStatus.Dialing)
        || (snapshot == PartyStatus.Alerting && model == PartyStatus.Joining);

    /// <summary>A party the model learns of from a snapshot: the events that tell its clients the call exists.</summary>
    private static void Appear(ICallModelSink sink, Call call, CallParty party)
    {
        if (!party.Notified)
        {
            return;
        }

        var other = call.OtherOf(party);
        switch (party.Status)
        {
            case PartyStatus.Alerting:
                Notify(sink, MessageType.EventRinging, call, party, CallState.Ok, other);
                party.Rang = true;
                break;
            case PartyStatus.Queued:
                party.Queue = party.IsQueue ? party.Dn : party.Queue;
                Notify(sink, MessageType.EventQueued, call, party, CallState.Ok, other);
                party.Rang = true;
                break;
            case PartyStatus.Connected:
                Notify(sink, MessageType.EventEstablished, call, party, CallState.Ok, other);
                break;
            case PartyStatus.Held:
                Notify(sink, MessageType.EventEstablished, call, party, CallState.Ok, other);
                Notify(sink, MessageType.EventHeld, call, party, CallState.Ok, other);
                break;
            default:
                break;
        }
    }
}
