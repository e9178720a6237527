using CtiGateway.Pbx.Csta;

namespace CtiGateway.Simulator;

/// <summary>
/// Call-control services beyond the basic call: ConsultationCall, AlternateCall, ReconnectCall, TransferCall,
/// ConferenceCall, SingleStepConferenceCall, DeflectCall, SingleStepTransferCall and GenerateDigits, each with the
/// ECMA-269 event sequence.
/// </summary>
public sealed partial class SwitchModel
{
    /// <summary>
    /// ConsultationCall: Held (cause consultation) on the existing call, then a new call from the same station:
    /// ServiceInitiated, Originated and Delivered (Queued, NetworkReached, or Failed) to the consulted device, all
    /// with cause consultation.
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
        AddConnection(call, a);
        Raise(call, CstaEventType.ServiceInitiated, a, c.DeviceId, null, consultedDevice, "consultation");
        a.State = SimConnectionState.Connected;
        Raise(call, CstaEventType.Originated, a, c.DeviceId, c.DeviceId, consultedDevice, "consultation");
        Offer(call, consultedDevice, a, "consultation");
        return SimServiceResult.WithConnection("ConsultationCallResponse", "initiatedCall", a.Id);
    }

    /// <summary>
    /// AlternateCall: a station with one held and one active call swaps them. Held (cause alternate) on the active
    /// call to its parties, then Retrieved (cause alternate) on the held call to its parties.
    /// </summary>
    public SimServiceResult AlternateCall(CstaConnectionId heldCall, CstaConnectionId activeCall)
    {
        if (!TryFindPair("AlternateCall", heldCall, activeCall, out var held, out var h, out var active, out var a, out var error))
        {
            return error;
        }

        if (a.State != SimConnectionState.Connected)
        {
            return NoActiveCall("AlternateCall", a);
        }

        a.State = SimConnectionState.Held;
        Raise(active, CstaEventType.Held, a, a.DeviceId, null, null, "alternate");
        h.State = SimConnectionState.Connected;
        Raise(held, CstaEventType.Retrieved, h, h.DeviceId, null, null, "alternate");
        return SimServiceResult.Ok("AlternateCallResponse");
    }

    /// <summary>
    /// ReconnectCall: a station drops its active call (connected, still ringing out, or failed) and takes back its held
    /// call. ConnectionCleared for the active connection (and, when one party is left there, for that one too), then
    /// Retrieved on the held call.
    /// </summary>
    public SimServiceResult ReconnectCall(CstaConnectionId activeCall, CstaConnectionId heldCall)
    {
        if (!TryFindPair("ReconnectCall", heldCall, activeCall, out var held, out var h, out var active, out var a, out var error))
        {
            return error;
        }

        if (a.State == SimConnectionState.Held)
        {
            return NoActiveCall("ReconnectCall", a);
        }

        Clear(active, a);
        var left = active.Connections.Where(x => x.State != SimConnectionState.Null).ToList();
        if (left.Count == 1)
        {
            Clear(active, left[0]);
        }

        EndIfEmpty(active);
        h.State = SimConnectionState.Connected;
        Raise(held, CstaEventType.Retrieved, h, h.DeviceId, null, null, "normal");
        return SimServiceResult.Ok("ReconnectCallResponse");
    }

    /// <summary>
    /// SingleStepConferenceCall: a connected station adds an idle station to its call, on the same callID, without a
    /// consultation call. With participation active (the default) the device rings: Delivered (cause
    /// singleStepConference) to every party, then Conferenced (cause singleStepConference, conferencingDevice the
    /// requester, addedParty the device, the call's connections in conferenceConnections) to every party; the device
    /// then answers with AnswerCall. With participation silent (a recorder, silent monitoring) it joins at once:
    /// Established instead of Delivered. The response names the joining device's connection (conferencedCall).
    /// </summary>
    public SimServiceResult SingleStepConferenceCall(CstaConnectionId activeCall, string deviceToJoin, bool silent = false)
    {
        if (!TryFind(activeCall, "SingleStepConferenceCall", out var call, out var c, out var error))
        {
            return error;
        }

        if (c.State != SimConnectionState.Connected)
        {
            return WrongState("SingleStepConferenceCall", c, "connected");
        }

        if (!_plan.TryGet(deviceToJoin, out var device) || device.Kind != SimDeviceKind.Extension || call.Find(deviceToJoin) is { State: not SimConnectionState.Null })
        {
            return SimServiceResult.Error(
                SimErrors.Operation,
                SimErrors.InvalidDestination,
                $"SingleStepConferenceCall: deviceToJoin {deviceToJoin} is not a station of the switching plan outside call {call.CallId}.");
        }

        if (IsBusy(deviceToJoin))
        {
            return SimServiceResult.Error(SimErrors.StateIncompatibility, SimErrors.InvalidDestinationDeviceState, $"SingleStepConferenceCall: deviceToJoin {deviceToJoin} is busy.");
        }

        call.Connections.RemoveAll(x => x.DeviceId == deviceToJoin);
        var joining = new SimConnection(call.CallId, deviceToJoin, silent ? SimConnectionState.Connected : SimConnectionState.Alerting);
        AddConnection(call, joining);
        Raise(call, silent ? CstaEventType.Established : CstaEventType.Delivered, joining, deviceToJoin, call.CallingDevice, call.CalledDevice, "singleStepConference", lastRedirection: null);
        var parties = call.Connections.Where(x => x.State != SimConnectionState.Null).ToList();
        List<CstaConnectionListItem> items = [.. parties.Select(p => new CstaConnectionListItem(p.Id, p.Id, p.DeviceId))];
        var conferenced = Template(CstaEventType.Conferenced, c.Id, "singleStepConference") with
        {
            SubjectDevice = c.DeviceId,
            OtherDevice = deviceToJoin,
            Connections = items,
        };
        RaiseTo(parties.Select(p => (p.DeviceId, p.State)), conferenced);
        return SimServiceResult.WithConnection("SingleStepConferenceCallResponse", "conferencedCall", joining.Id, items);
    }

    /// <summary>
    /// GenerateDigits: DTMF on a connected connection. The switch plays the digits in the media stream; no call event
    /// follows, only the positive response. charactersToSend must be 1 to 64 of 0-9 * # A-D and ','.
    /// </summary>
    public SimServiceResult GenerateDigits(CstaConnectionId connectionToSendDigits, string charactersToSend)
    {
        if (!TryFind(connectionToSendDigits, "GenerateDigits", out _, out var c, out var error))
        {
            return error;
        }

        if (!CstaXmlEncoder.IsDtmf(charactersToSend))
        {
            return SimServiceResult.Error(
                SimErrors.Operation,
                SimErrors.ValueOutOfRange,
                $"GenerateDigits: charactersToSend '{charactersToSend}' is not 1 to {CstaXmlEncoder.MaxDtmfCharacters} DTMF characters (0-9, *, #, A-D, ',').");
        }

        return c.State == SimConnectionState.Connected
            ? SimServiceResult.Ok("GenerateDigitsResponse")
            : WrongState("GenerateDigits", c, "connected");
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
            AddConnection(result, own);
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
            AddConnection(result, moved);
            MoveTrunk(o, moved, result);
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

    /// <summary>
    /// The held and the active connection of one station in two calls (AlternateCall, ReconnectCall): both must exist
    /// (invalidConnectionID), belong to one device in two calls (notSameDevice), and the held one must be held
    /// (noHeldCall). The active one's state is the caller's to check.
    /// </summary>
    private bool TryFindPair(
        string service, CstaConnectionId heldCall, CstaConnectionId activeCall,
        out SimCall held, out SimConnection h, out SimCall active, out SimConnection a, out SimServiceResult error)
    {
        active = null!;
        a = null!;
        if (!TryFind(heldCall, service, out held, out h, out error) || !TryFind(activeCall, service, out active, out a, out error))
        {
            return false;
        }

        if (h.DeviceId != a.DeviceId || ReferenceEquals(held, active))
        {
            error = SimServiceResult.Error(
                SimErrors.Operation,
                SimErrors.NotSameDevice,
                $"{service}: heldCall (callID {h.Id.CallId}, deviceID {h.DeviceId}) and activeCall (callID {a.Id.CallId}, deviceID {a.DeviceId}) must be one device's connections in two calls.");
            return false;
        }

        if (h.State != SimConnectionState.Held)
        {
            error = SimServiceResult.Error(
                SimErrors.StateIncompatibility,
                SimErrors.NoHeldCall,
                $"{service}: heldCall (callID {h.Id.CallId}, deviceID {h.DeviceId}) is {StateText(h.State)}, not hold.");
            return false;
        }

        return true;
    }

    private static SimServiceResult NoActiveCall(string service, SimConnection a) =>
        SimServiceResult.Error(
            SimErrors.StateIncompatibility,
            SimErrors.NoActiveCall,
            $"{service}: activeCall (callID {a.Id.CallId}, deviceID {a.DeviceId}) is {StateText(a.State)}, not an active call.");

    /// <summary>
    /// A destination must be a device of the plan other than the redirecting one and not a busy station, or an
    /// external number (reached over the trunk).
    /// </summary>
    private SimServiceResult? CheckDestination(string service, string element, string destination, string from)
    {
        if (_plan.IsExternalNumber(destination) || _plan.TryResolveTrunk(null, destination, out _, out _))
        {
            return null;
        }

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
        if (_automaticDistribution && MayFreeOrQueue(template.Type))
        {
            RequestDistribution();
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (deviceId, local) in parties)
        {
            if (!seen.Add(deviceId))
            {
                continue;
            }

            foreach (var monitor in MonitorsOf(deviceId))
            {
                _events.Add(new SimEventRecord(monitor, template with { MonitorCrossRefId = monitor.MonitorCrossRefId, LocalConnectionInfo = StateText(local) }));
            }
        }
    }
}
