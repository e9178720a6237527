using System.Globalization;
using CtiGateway.Pbx.Csta;
using CtiGateway.Protocol;

namespace CtiGateway.CallModel;

/// <summary>
/// Client requests: call control becomes a <see cref="SwitchCommand"/> naming the CSTA connections the model holds for
/// the request's ConnIDs; user data is answered by the model itself. A request that names no call of this switch, a
/// DN that is not on the call, or misses an attribute is refused with the T-Library error a T-Server gives.
/// </summary>
public sealed partial class SwitchCallModel
{
    private static readonly MessageType[] DialingReply = [MessageType.EventDialing];
    private static readonly MessageType[] EstablishedReply = [MessageType.EventEstablished];
    private static readonly MessageType[] ReleasedReply = [MessageType.EventReleased, MessageType.EventAbandoned];
    private static readonly MessageType[] HeldReply = [MessageType.EventHeld];
    private static readonly MessageType[] RetrievedReply = [MessageType.EventRetrieved];
    private static readonly MessageType[] ConsultReply = [MessageType.EventHeld, MessageType.EventDialing];
    private static readonly MessageType[] CompleteConferenceReply = [MessageType.EventRetrieved, MessageType.EventReleased];
    private static readonly MessageType[] PartyAddedReply = [MessageType.EventPartyAdded];
    private static readonly MessageType[] PartyDeletedReply = [MessageType.EventPartyDeleted];
    private static readonly MessageType[] AlternateReply = [MessageType.EventHeld, MessageType.EventRetrieved];
    private static readonly MessageType[] ReconnectReply = [MessageType.EventReleased, MessageType.EventRetrieved];
    private static readonly MessageType[] NoReply = [];

    /// <summary>
    /// Plans <paramref name="request"/> (its ThisDN is one the client registered). User-data requests are carried out
    /// at once: their EventAttachedDataChanged go to <paramref name="sink"/>, the requester's copy with
    /// <paramref name="referenceId"/>.
    /// </summary>
    public RequestPlan PlanRequest(TlibMessage request, int referenceId, ICallModelSink sink)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(sink);
        var name = request.Name;
        if (request.ThisDN is not { Length: > 0 } dn)
        {
            return RequestPlan.Refuse(ErrorCode.TERR_INVALID_ATTR, $"Missing attribute ThisDN: {name} needs it");
        }

        switch (request.Type)
        {
            case MessageType.RequestMakeCall:
                return PlanMakeCall(request, dn);
            case MessageType.RequestAnswerCall:
                return OnOwnCall(request, dn, out var answer, out var refusal) ? Send(SwitchCommandKind.AnswerCall, dn, EstablishedReply, answer) : refusal;
            case MessageType.RequestReleaseCall:
                return OnOwnCall(request, dn, out var release, out refusal) ? Send(SwitchCommandKind.ClearConnection, dn, ReleasedReply, release) : refusal;
            case MessageType.RequestClearCall:
                return OnOwnCall(request, dn, out var clear, out refusal) ? Send(SwitchCommandKind.ClearCall, dn, ReleasedReply, clear) : refusal;
            case MessageType.RequestHoldCall:
                return OnOwnCall(request, dn, out var hold, out refusal) ? Send(SwitchCommandKind.HoldCall, dn, HeldReply, hold) : refusal;
            case MessageType.RequestRetrieveCall:
                return OnOwnCall(request, dn, out var retrieve, out refusal) ? Send(SwitchCommandKind.RetrieveCall, dn, RetrievedReply, retrieve) : refusal;
            case MessageType.RequestInitiateTransfer:
                return PlanToDestination(request, dn, SwitchCommandKind.ConsultationCall, ConsultReply, ConsultationPurpose.Transfer);
            case MessageType.RequestInitiateConference:
                return PlanToDestination(request, dn, SwitchCommandKind.ConsultationCall, ConsultReply, ConsultationPurpose.Conference);
            case MessageType.RequestMuteTransfer:
                return PlanToDestination(request, dn, SwitchCommandKind.MuteTransfer, ReleasedReply, ConsultationPurpose.Transfer);
            case MessageType.RequestSingleStepTransfer:
                return PlanToDestination(request, dn, SwitchCommandKind.SingleStepTransferCall, ReleasedReply, null);
            case MessageType.RequestSingleStepConference:
                return PlanToDestination(request, dn, SwitchCommandKind.SingleStepConferenceCall, PartyAddedReply, null);
            case MessageType.RequestRedirectCall:
                return PlanToDestination(request, dn, SwitchCommandKind.DeflectCall, ReleasedReply, null);
            case MessageType.RequestCompleteTransfer:
                return PlanTwoCalls(request, dn, SwitchCommandKind.TransferCall, ReleasedReply);
            case MessageType.RequestCompleteConference:
                return PlanTwoCalls(request, dn, SwitchCommandKind.ConferenceCall, CompleteConferenceReply);
            case MessageType.RequestAlternateCall:
                return PlanTwoCalls(request, dn, SwitchCommandKind.AlternateCall, AlternateReply);
            case MessageType.RequestReconnectCall:
                return PlanTwoCalls(request, dn, SwitchCommandKind.ReconnectCall, ReconnectReply);
            case MessageType.RequestMergeCalls:
                return PlanMerge(request, dn);
            case MessageType.RequestDeleteFromConference:
                return PlanDeleteFromConference(request, dn);
            case MessageType.RequestSendDTMF:
                return PlanSendDtmf(request, dn);
            case MessageType.RequestQueryCall:
                return PlanQueryCall(request, dn);
            case MessageType.RequestPrivateService:
                return PlanPrivateService(request, dn);
            case MessageType.RequestSetCallInfo:
                return SetCallInfo(request, dn, referenceId, sink);
            case MessageType.RequestSetDNDOn or MessageType.RequestSetDNDOff:
                return PlanDoNotDisturb(request, dn, request.Type == MessageType.RequestSetDNDOn);
            case MessageType.RequestCallForwardSet or MessageType.RequestCallForwardCancel:
                return PlanForward(request, dn, request.Type == MessageType.RequestCallForwardSet);
            case MessageType.RequestRouteCall:
                return PlanRouteCall(request, dn);
            case MessageType.RequestAttachUserData:
            case MessageType.RequestUpdateUserData:
            case MessageType.RequestDeletePair:
            case MessageType.RequestDeleteUserData:
                return ChangeUserData(request, dn, referenceId, sink);
            case MessageType.RequestAgentLogin or MessageType.RequestAgentLogout or MessageType.RequestAgentReady or MessageType.RequestAgentNotReady:
                return PlanAgentRequest(request, dn, referenceId, sink);
            default:
                return RequestPlan.Refuse(ErrorCode.TERR_UNSUP_OPER, $"{name} is not supported by this server's call model");
        }
    }

    private static RequestPlan Send(SwitchCommandKind kind, string dn, MessageType[] reply, CallParty party) =>
        RequestPlan.Send(new SwitchCommand(kind, dn, reply) { Connection = party.Connection, ConnId = party.Call.ConnId, OneReply = AnswersOnce(reply) });

    // Replies of which the requester gets one, whichever comes first: EventReleased or EventAbandoned ends its leg, and
    // TCompleteConference is answered by EventRetrieved or EventReleased (rule 11 of the reference call models).
    private static bool AnswersOnce(MessageType[] reply) => ReferenceEquals(reply, ReleasedReply) || ReferenceEquals(reply, CompleteConferenceReply);

    private static string Hex(ConnId connId) => connId.ToString();

    private static ConnId? ConnIdOf(TlibMessage request, AttributeId attribute) =>
        request.GetLong(attribute) is { } v ? new ConnId((ulong)v) : null;

    private RequestPlan PlanMakeCall(TlibMessage request, string dn)
    {
        if (!_directory.IsInternal(dn))
        {
            return NotOnSwitch(request, dn);
        }

        if (request.OtherDN is not { Length: > 0 } destination)
        {
            return RequestPlan.Refuse(ErrorCode.TERR_INVALID_ATTR, $"Missing attribute OtherDN: {request.Name} needs the number to call");
        }

        if (destination == dn)
        {
            return RequestPlan.Refuse(ErrorCode.TERR_INVALID_ATTR, $"Invalid attribute OtherDN: DN {dn} cannot call itself");
        }

        return RequestPlan.Send(new SwitchCommand(SwitchCommandKind.MakeCall, dn, DialingReply)
        {
            Connection = new CstaConnectionId(string.Empty, dn),
            Device = destination,
            UserData = NonEmpty(request.UserData),
        });
    }

    private RequestPlan PlanToDestination(TlibMessage request, string dn, SwitchCommandKind kind, MessageType[] reply, ConsultationPurpose? purpose)
    {
        if (!OnOwnCall(request, dn, out var party, out var refusal))
        {
            return refusal;
        }

        if (request.OtherDN is not { Length: > 0 } destination)
        {
            return RequestPlan.Refuse(ErrorCode.TERR_INVALID_ATTR, $"Missing attribute OtherDN: {request.Name} needs the destination");
        }

        if (purpose is not null && party.Status != PartyStatus.Connected)
        {
            return RequestPlan.Refuse(ErrorCode.TERR_CTL_INV_CALL_STATE, $"{request.Name}: DN {dn} is {Describe(party.Status)} on ConnID {Hex(party.Call.ConnId)}; a consultation starts from an established call");
        }

        return RequestPlan.Send(new SwitchCommand(kind, dn, reply)
        {
            Connection = party.Connection,
            ConnId = party.Call.ConnId,
            Device = destination,
            Consultation = purpose,
            UserData = purpose is null ? null : NonEmpty(request.UserData),
            OneReply = AnswersOnce(reply),
        });
    }

    private RequestPlan PlanTwoCalls(TlibMessage request, string dn, SwitchCommandKind kind, MessageType[] reply)
    {
        if (!TwoCalls(request, dn, out var held, out var active, out var refusal))
        {
            return refusal;
        }

        return RequestPlan.Send(new SwitchCommand(kind, dn, reply)
        {
            Connection = held.Connection,
            SecondConnection = active.Connection,
            ConnId = held.Call.ConnId,
            OneReply = AnswersOnce(reply),
        });
    }

    private RequestPlan PlanMerge(TlibMessage request, string dn)
    {
        var mergeType = request.GetInt(AttributeId.MergeType) ?? (int)MergeType.ForTransfer;
        return mergeType switch
        {
            (int)MergeType.ForTransfer => PlanTwoCalls(request, dn, SwitchCommandKind.TransferCall, ReleasedReply),
            (int)MergeType.ForConference => PlanTwoCalls(request, dn, SwitchCommandKind.ConferenceCall, CompleteConferenceReply),
            _ => RequestPlan.Refuse(ErrorCode.TERR_INVALID_ATTR, $"Invalid attribute MergeType: {mergeType.ToString(CultureInfo.InvariantCulture)} is neither MergeForTransfer (0) nor MergeForConference (1)"),
        };
    }

    private RequestPlan PlanDeleteFromConference(TlibMessage request, string dn)
    {
        if (!OnOwnCall(request, dn, out var party, out var refusal))
        {
            return refusal;
        }

        if (request.OtherDN is not { Length: > 0 } drop)
        {
            return RequestPlan.Refuse(ErrorCode.TERR_INVALID_ATTR, $"Missing attribute OtherDN: {request.Name} needs the DN to drop");
        }

        if (party.Call.FindActive(drop) is not { } dropped)
        {
            return RequestPlan.Refuse(ErrorCode.TERR_INVALID_ATTR, $"Invalid attribute OtherDN: {drop} is not on the call ConnID {Hex(party.Call.ConnId)}");
        }

        return RequestPlan.Send(new SwitchCommand(SwitchCommandKind.ClearConnection, dn, PartyDeletedReply)
        {
            Connection = dropped.Connection,
            ConnId = party.Call.ConnId,
            Device = drop,
        });
    }

    private RequestPlan PlanSendDtmf(TlibMessage request, string dn)
    {
        if (!OnOwnCall(request, dn, out var party, out var refusal))
        {
            return refusal;
        }

        var digits = request.GetString(AttributeId.DTMFDigits);
        if (!CstaXmlEncoder.IsDtmf(digits))
        {
            return RequestPlan.Refuse(ErrorCode.TERR_INVALID_ATTR,
                digits is null ? $"Missing attribute DTMFDigits: {request.Name} needs the digits to send"
                    : $"Invalid attribute DTMFDigits: '{Printable(digits)}' is not 1-{CstaXmlEncoder.MaxDtmfCharacters.ToString(CultureInfo.InvariantCulture)} of 0-9 * # A-D ,");
        }

        return RequestPlan.Send(new SwitchCommand(SwitchCommandKind.GenerateDigits, dn, NoReply)
        {
            Connection = party.Connection,
            ConnId = party.Call.ConnId,
            Digits = digits!,
        });
    }

    private RequestPlan ChangeUserData(TlibMessage request, string dn, int referenceId, ICallModelSink sink)
    {
        if (ConnIdOf(request, AttributeId.ConnID) is not { } connId)
        {
            return RequestPlan.Refuse(ErrorCode.TERR_INVALID_ATTR, $"Missing attribute ConnID: {request.Name} needs the call");
        }

        UserDataOutcome outcome;
        switch (request.Type)
        {
            case MessageType.RequestAttachUserData or MessageType.RequestUpdateUserData:
                if (request.UserData is not { } data)
                {
                    return RequestPlan.Refuse(ErrorCode.TERR_INVALID_ATTR, $"Missing attribute UserData: {request.Name} needs the pairs to {(request.Type == MessageType.RequestAttachUserData ? "attach" : "update")}");
                }

                outcome = request.Type == MessageType.RequestAttachUserData
                    ? AttachUserData(connId, dn, data, sink, referenceId)
                    : UpdateUserData(connId, dn, data, sink, referenceId);
                break;
            case MessageType.RequestDeletePair:
                if (request.GetString(AttributeId.DataKey) is not { } key)
                {
                    return RequestPlan.Refuse(ErrorCode.TERR_INVALID_ATTR, $"Missing attribute DataKey: {request.Name} needs the key to delete");
                }

                outcome = DeleteUserData(connId, dn, key, sink, referenceId);
                if (outcome == UserDataOutcome.KeyNotFound)
                {
                    return RequestPlan.Refuse(ErrorCode.TERR_INVALID_ATTR, $"Invalid attribute DataKey: the call ConnID {Hex(connId)} has no user data with key '{Printable(key)}'");
                }

                break;
            default:
                outcome = DeleteAllUserData(connId, dn, sink, referenceId);
                break;
        }

        return outcome == UserDataOutcome.UnknownConnId
            ? RequestPlan.Refuse(ErrorCode.TERR_INV_CONNID, $"Invalid ConnID {Hex(connId)}: no such call on this switch")
            : RequestPlan.Done;
    }

    // The request's ConnID names a call this switch holds, with the request's ThisDN on it.
    private bool OnOwnCall(TlibMessage request, string dn, out CallParty party, out RequestPlan refusal)
    {
        party = null!;
        if (ConnIdOf(request, AttributeId.ConnID) is not { } connId)
        {
            refusal = RequestPlan.Refuse(ErrorCode.TERR_INVALID_ATTR, $"Missing attribute ConnID: {request.Name} needs the call");
            return false;
        }

        if (!_byConnId.TryGetValue(connId, out var call))
        {
            refusal = RequestPlan.Refuse(ErrorCode.TERR_INV_CONNID, $"Invalid ConnID {Hex(connId)}: no such call on this switch");
            return false;
        }

        if (call.FindActive(dn) is not { } found)
        {
            refusal = RequestPlan.Refuse(ErrorCode.TERR_INV_CONNID, $"Invalid ConnID {Hex(connId)}: DN {dn} is not on that call");
            return false;
        }

        party = found;
        refusal = default;
        return true;
    }

    // The held call and the active call of a two-call request. ConnID and TransferConnID / ConferenceConnID may come in
    // either order; when only one is given, the other is the DN's other call.
    private bool TwoCalls(TlibMessage request, string dn, out CallParty held, out CallParty active, out RequestPlan refusal)
    {
        held = null!;
        active = null!;
        if (!OnOwnCall(request, dn, out var first, out refusal))
        {
            return false;
        }

        CallParty? second = null;
        var other = ConnIdOf(request, AttributeId.TransferConnID) ?? ConnIdOf(request, AttributeId.ConferenceConnID);
        if (other is { } otherId)
        {
            if (!_byConnId.TryGetValue(otherId, out var call) || call.FindActive(dn) is not { } p)
            {
                refusal = RequestPlan.Refuse(ErrorCode.TERR_INV_CONNID, $"Invalid ConnID {Hex(otherId)}: DN {dn} is not on such a call");
                return false;
            }

            second = p;
        }
        else if (_partiesByDn.TryGetValue(dn, out var parties))
        {
            foreach (var p in parties)
            {
                if (p.IsActive && !ReferenceEquals(p.Call, first.Call))
                {
                    second = p;
                    break;
                }
            }
        }

        if (second is null || ReferenceEquals(second.Call, first.Call))
        {
            refusal = RequestPlan.Refuse(ErrorCode.TERR_INVALID_ATTR, $"Missing attribute TransferConnID: {request.Name} needs two calls of DN {dn}, and it is on one only");
            return false;
        }

        (held, active) = first.Status == PartyStatus.Held ? (first, second) : (second, first);
        if (held.Status != PartyStatus.Held)
        {
            refusal = RequestPlan.Refuse(ErrorCode.TERR_CTL_INV_CALL_STATE, $"{request.Name}: DN {dn} holds neither ConnID {Hex(first.Call.ConnId)} nor {Hex(second.Call.ConnId)}");
            return false;
        }

        return true;
    }

    private RequestPlan NotOnSwitch(TlibMessage request, string dn) =>
        RequestPlan.Refuse(ErrorCode.TERR_NOT_CONFIGURED, $"{request.Name}: DN {dn} is not a DN of this switch that can make calls (not in its numbering plan or Dns, or a trunk)");

    private static KeyValueList? NonEmpty(KeyValueList? list) => list is { Count: > 0 } ? list : null;

    private static string Describe(PartyStatus status) => status switch
    {
        PartyStatus.Alerting or PartyStatus.Joining => "ringing",
        PartyStatus.Held => "holding the call",
        PartyStatus.Dialing or PartyStatus.Initiated => "dialing",
        PartyStatus.Queued => "queued",
        _ => status.ToString().ToLowerInvariant(),
    };

    private static string Printable(string text)
    {
        var cut = text.Length > 40 ? text[..40] + "..." : text;
        return string.Create(cut.Length, cut, static (span, s) =>
        {
            for (var i = 0; i < s.Length; i++)
            {
                span[i] = char.IsControl(s[i]) ? '?' : s[i];
            }
        });
    }
}
