using CtiGateway.Pbx.Csta;

namespace CtiGateway.Simulator;

/// <summary>
/// Call-control services beyond the basic call: ConsultationCall, TransferCall, ConferenceCall, DeflectCall and
/// SingleStepTransferCall, each with the ECMA-269 event sequence.
/// </summary>
public sealed partial class SwitchModel
{
    /// <summary>
    /// ConsultationCall: Held (cause consultation) on the existing call, then a new call from the same station:
    /// ServiceInitiated, Originated and Delivered (or Failed) to the consulted device.
    /// </summary>
    public SimServiceResult ConsultationCall(CstaConnectionId existingCall, string consultedDevice)
    {
        if (!TryFind(existingCall, "ConsultationCall", out var held, out var c, out var error))
        {
            return error;
        }

        if (!_plan.TryGet(c.DeviceId, out var initiator) || initiator.Kind != SimDeviceKind.Extension)
        {
            return SimServiceResult.Error(SimErrors.Operation, SimErrors.InvalidDeviceId, $"ConsultationCall: device {c.DeviceId} is not a station of the switching plan.");
        }

        if (c.State != SimConnectionState.Connected)
        {
            return WrongState("ConsultationCall", c, "connected");
        }

        if (consultedDevice == c.DeviceId)
        {
            return SimServiceResult.Error(SimErrors.Operation, SimErrors.NotDifferentDevices, $"ConsultationCall: device {c.DeviceId} cannot consult itself.");
        }

        c.State = SimConnectionState.Held;
        Raise(held, CstaEventType.Held, c, c.DeviceId, null, null, "consultation");

        var call = NewCall(c.DeviceId, consultedDevice);
        var a = new SimConnection(call.CallId, c.DeviceId, SimConnectionState.Initiated);
        call.Connections.Add(a);
        Raise(call, CstaEventType.ServiceInitiated, a, c.DeviceId, null, consultedDevice, "consultation");
        a.State = SimConnectionState.Connected;
        Raise(call, CstaEventType.Originated, a, c.DeviceId, c.DeviceId, consultedDevice, "consultation");
        Offer(call, consultedDevice, a);
        return SimServiceResult.WithConnection("ConsultationCallResponse", "initiatedCall", a.Id);
    }

    /// <summary>
    /// TransferCall: the held call and the active call of one station become one new call without the station.
    /// Transfered (cause transfer, with transferredConnections) to every party of both calls; the transferring
    /// station's local state is null.
    /// </summary>
    public SimServiceResult TransferCall(CstaConnectionId heldCall, CstaConnectionId activeCall) =>
        Merge("TransferCall", heldCall, activeCall, conference: false);

    /// <summary>
    /// ConferenceCall: the held call and the active call of one station become one new call with every party.
    /// Conferenced (cause conference, with conferenceConnections) to every party.
    /// </summary>
    public SimServiceResult ConferenceCall(CstaConnectionId heldCall, CstaConnectionId activeCall) =>
        Merge("ConferenceCall", heldCall, activeCall, conference: true);

    /// <summary>
    /// DeflectCall of an alerting or queued connection (a ringing station, a route point, an ACD queue): Diverted
    /// (cause redirected) to every party, then Delivered (or Queued) at the new destination.
    /// </summary>
    public SimServiceResult DeflectCall(CstaConnectionId callToBeDiverted, string newDestination)
    {
        if (!TryFind(callToBeDiverted, "DeflectCall", out var call, out var c, out var error))
        {
            return error;
        }

        if (c.State is not SimConnectionState.Alerting and not SimConnectionState.Queued)
        {
            return WrongState("DeflectCall", c, "alerting or queued");
        }

        if (CheckDestination("DeflectCall", "newDestination", newDestination, c.DeviceId) is { } bad)
        {
            return bad;
        }

        Raise(call, CstaEventType.Diverted, c, c.DeviceId, call.CallingDevice, call.CalledDevice, "redirected", clearing: c, other: newDestination);
        call.Connections.Remove(c);
        var caller = call.Connections.Find(x => x.State != SimConnectionState.Null) ?? c;
        var offered = Offer(call, newDestination, caller, "redirected", lastRedirection: c.DeviceId);
        if (offered is not null)
        {
            OnRedirected(call, offered);
        }

        return SimServiceResult.Ok("DeflectCallResponse");
    }

    /// <summary>
    /// SingleStepTransferCall of a connected station: Transfered (cause singleStepTransfer) to every party, the
    /// transferring station leaves the call, then Delivered (or Queued) at the transferredTo device. The callID stays.
    /// </summary>
    public SimServiceResult SingleStepTransferCall(CstaConnectionId activeCall, string transferredTo)
    {
        if (!TryFind(activeCall, "SingleStepTransferCall", out var call, out var c, out var error))
        {
            return error;
        }

        if (c.State != SimConnectionState.Connected)
        {
            return WrongState("SingleStepTransferCall", c, "connected");
        }

        if (CheckDestination("SingleStepTransferCall", "transferredTo", transferredTo, c.DeviceId) is { } bad)
        {
            return bad;
        }

        var others = call.Connections.Where(x => x.State != SimConnectionState.Null && !ReferenceEquals(x, c)).ToList();
        if (others.Count == 0)
        {
            return SimServiceResult.Error(
                SimErrors.StateIncompatibility, SimErrors.InvalidObjectState, $"SingleStepTransferCall: call {call.CallId} has no other party to transfer.");
        }

        var target = new CstaConnectionId(call.CallId, transferredTo);
        List<CstaConnectionListItem> items = [.. others.Select(o => new CstaConnectionListItem(o.Id, o.Id, o.DeviceId)), new(target, null, transferredTo)];
        var transfered = Template(CstaEventType.Transfered, c.Id, "singleStepTransfer") with
        {
            SubjectDevice = c.DeviceId,
            OtherDevice = transferredTo,
            Connections = items,
        };
        RaiseTo([(c.DeviceId, SimConnectionState.Null), .. others.Select(o => (o.DeviceId, o.State))], transfered);
        call.Connections.Remove(c);
        var offered = Offer(call, transferredTo, others[0], "singleStepTransfer", lastRedirection: c.DeviceId);
        if (offered is not null)
        {
            OnRedirected(call, offered);
        }

        return SimServiceResult.WithConnection("SingleStepTransferCallResponse", "transferredCall", target, items);
    }

    private SimServiceResult Merge(string service, CstaConnectionId heldCall, CstaConnectionId activeCall, bool conference)
    {
        if (!TryFind(heldCall, service, out var primary, out var h, out var error) || !TryFind(activeCall, service, out var secondary, out var a, out error))
        {
            return error;
        }

        if (h.DeviceId != a.DeviceId || ReferenceEquals(primary, secondary))
        {
            return SimServiceResult.Error(
                SimErrors.Operation,
                SimErrors.NotSameDevice,
                $"{service}: heldCall (callID {h.Id.CallId}, deviceID {h.DeviceId}) and activeCall (callID {a.Id.CallId}, deviceID {a.DeviceId}) must be one device's connections in two calls.");
        }

        if (h.State != SimConnectionState.Held)
        {
            return WrongState(service, h, "hold");
        }

        if (a.State != SimConnectionState.Connected)
        {
            return WrongState(service, a, "connected");
        }

        var others = primary.Connections.Where(x => x.State != SimConnectionState.Null && !ReferenceEquals(x, h))
            .Concat(secondary.Connections.Where(x => x.State != SimConnectionState.Null && !ReferenceEquals(x, a)))
            .ToList();
        var addedParty = secondary.Connections.Find(x => x.State != SimConnectionState.Null && !ReferenceEquals(x, a))?.DeviceId;
        var calling = primary.CallingDevice != h.DeviceId ? primary.CallingDevice : others.FirstOrDefault()?.DeviceId ?? h.DeviceId;
        var result = NewCall(calling, addedParty ?? h.DeviceId);
        var items = new List<CstaConnectionListItem>(others.Count + 1);
        var parties = new List<(string DeviceId, SimConnectionState Local)>(others.Count + 1);
        SimConnection? own = null;
        if (conference)
        {
            own = new SimConnection(result.CallId, h.DeviceId, SimConnectionState.Connected);
            result.Connections.Add(own);
            items.Add(new CstaConnectionListItem(own.Id, h.Id, h.DeviceId));
            parties.Add((h.DeviceId, SimConnectionState.Connected));
        }
        else
        {
            parties.Add((h.DeviceId, SimConnectionState.Null));
        }

        foreach (var o in others)
        {
            var moved = new SimConnection(result.CallId, o.DeviceId, o.State);
            result.Connections.Add(moved);
            items.Add(new CstaConnectionListItem(moved.Id, o.Id, o.DeviceId));
            parties.Add((o.DeviceId, o.State));
        }

        var merged = Template(conference ? CstaEventType.Conferenced : CstaEventType.Transfered, h.Id, conference ? "conference" : "transfer") with
        {
            SecondaryOldCall = a.Id,
            SubjectDevice = h.DeviceId,
            OtherDevice = addedParty,
            Connections = items,
        };
        RaiseTo(parties, merged);
        _calls.Remove(primary.CallId);
        _calls.Remove(secondary.CallId);
        EndIfEmpty(result);
        return conference
            ? SimServiceResult.WithConnection("ConferenceCallResponse", "conferenceCall", own!.Id, items)
            : SimServiceResult.WithConnection("TransferCallResponse", "transferredCall", result.Connections.Count > 0 ? result.Connections[0].Id : h.Id, items);
    }

    /// <summary>A destination must be a device of the plan other than the redirecting one, and not a busy station.</summary>
    private SimServiceResult? CheckDestination(string service, string element, string destination, string from)
    {
        if (!_plan.TryGet(destination, out _) || destination == from)
        {
            return SimServiceResult.Error(
                SimErrors.Operation, SimErrors.InvalidDestination, $"{service}: {element} {destination} is not a device of the switching plan other than {from}.");
        }

        return IsBusy(destination)
            ? SimServiceResult.Error(SimErrors.StateIncompatibility, SimErrors.InvalidDestinationDeviceState, $"{service}: {element} {destination} is busy.")
            : null;
    }

    private static CstaCallEvent Template(CstaEventType type, CstaConnectionId connection, string cause) =>
        new(EventElement(type), "")
        {
            Type = type,
            MonitorCrossRefId = "",
            Connection = connection,
            Cause = cause,
        };

    /// <summary>Raises one event to the monitors of the listed devices, each with its own local connection state.</summary>
    private void RaiseTo(IEnumerable<(string DeviceId, SimConnectionState Local)> parties, CstaCallEvent template)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (deviceId, local) in parties)
        {
            if (!seen.Add(deviceId))
            {
                continue;
            }

            foreach (var monitor in _monitors.Values)
            {
                if (monitor.DeviceId == deviceId)
                {
                    _events.Add(new SimEventRecord(monitor, template with { MonitorCrossRefId = monitor.MonitorCrossRefId, LocalConnectionInfo = StateText(local) }));
                }
            }
        }
    }
}
