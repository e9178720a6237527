using System.Globalization;
using CtiGateway.Protocol;

namespace CtiGateway.CallModel;

/// <summary>
/// Requests answered from the model's own state, without the switch: RequestQueryCall (EventPartyInfo), the call and DN
/// snapshots of RequestPrivateService (EventACK, then EventPrivateInfo), and RequestSetCallInfo (EventCallInfoChanged to
/// every party on the call).
/// </summary>
public sealed partial class SwitchCallModel
{
    /// <summary>Whether the model answers <paramref name="type"/> from its own state, so that it needs no switch link.</summary>
    public static bool AnswersFromState(MessageType type) =>
        type is MessageType.RequestQueryCall or MessageType.RequestPrivateService or MessageType.RequestSetCallInfo;

    // TQueryCall: PartiesQuery (0, the default) lists the parties; StatusQuery (1) gives the call's state. The DN that asks
    // need not be on the call (a supervisor's desktop may ask about any call of the switch).
    private RequestPlan PlanQueryCall(TlibMessage request, string dn)
    {
        if (!TryFindCall(request, out var call, out var refusal))
        {
            return refusal;
        }

        var infoType = request.GetInt(AttributeId.CallInfoType) ?? (int)CallInfoType.PartiesQuery;
        if (!Enum.IsDefined((CallInfoType)infoType))
        {
            return RequestPlan.Refuse(ErrorCode.TERR_INVALID_ATTR,
                $"Invalid attribute CallInfoType: {infoType.ToString(CultureInfo.InvariantCulture)} is not a call info type (0 PartiesQuery, 1 StatusQuery)");
        }

        // The attributes of EventPartyInfo in the T-Library reference; the call's other facts go in Extensions.
        var info = new TlibMessage(MessageType.EventPartyInfo, 8);
        info.Set(AttributeId.ConnID, unchecked((long)call.ConnId.Value));
        info.Set(AttributeId.CallInfoType, infoType);
        info.Set(AttributeId.ThisDN, dn);
        info.Set(AttributeId.CallType, (int)call.Type);
        info.Set(AttributeId.CallState, (int)call.State);
        if (!call.UserData.IsEmpty)
        {
            info.Set(AttributeId.UserData, call.UserData.Current);
        }

        var extensions = CallStatus(call);
        if (infoType == (int)CallInfoType.PartiesQuery)
        {
            extensions.Add("parties", PartiesOf(call));
        }

        info.Extensions = extensions;
        return RequestPlan.Reply(info);
    }

    // RequestPrivateService for the call and DN snapshots; LinkStatistics is the switching layer's (it knows the links).
    private RequestPlan PlanPrivateService(TlibMessage request, string dn)
    {
        switch (request.GetInt(AttributeId.PrivateMsgID))
        {
            case (int)GatewayPrivateService.CallSnapshot:
            {
                if (!TryFindCall(request, out var call, out var refusal))
                {
                    return refusal;
                }

                var info = PrivateInfo(GatewayPrivateService.CallSnapshot, dn);
                info.Set(AttributeId.ConnID, unchecked((long)call.ConnId.Value));
                var snapshot = CallStatus(call);
                snapshot.Add("parties", PartiesOf(call));
                info.Extensions = snapshot;
                info.UserData = call.UserData.Current;
                return RequestPlan.Reply(Ack(request), info);
            }

            case (int)GatewayPrivateService.DnSnapshot:
            {
                var calls = new KeyValueList();
                if (_partiesByDn.TryGetValue(dn, out var parties))
                {
                    foreach (var party in parties)
                    {
                        if (!party.IsActive)
                        {
                            continue;
                        }

                        var others = new KeyValueList();
                        foreach (var other in party.Call.Parties)
                        {
                            if (other.IsActive && !ReferenceEquals(other, party))
                            {
                                others.Add(other.Dn, ToPartyState(other.Status).ToString());
                            }
                        }

                        calls.Add(Hex(party.Call.ConnId), new KeyValueList(5)
                            .Add("state", ToPartyState(party.Status).ToString())
                            .Add("role", party.Role.ToString())
                            .Add("call-type", party.Call.Type.ToString())
                            .Add("call-state", party.Call.State.ToString())
                            .Add("others", others));
                    }
                }

                var info = PrivateInfo(GatewayPrivateService.DnSnapshot, dn);
                info.Extensions = new KeyValueList(3)
                    .Add("kind", KindOf(dn)?.ToString() ?? "unknown")
                    .Add("call-count", calls.Count)
                    .Add("calls", calls);
                return RequestPlan.Reply(Ack(request), info);
            }

            case { } other:
                return RequestPlan.Refuse(ErrorCode.TERR_UNSUP_OPER,
                    $"RequestPrivateService: PrivateMsgID {other.ToString(CultureInfo.InvariantCulture)} is not a private service of this gateway (offered: {PrivateServiceCatalogue})");
            default:
                return RequestPlan.Refuse(ErrorCode.TERR_INVALID_ATTR,
                    $"Missing attribute PrivateMsgID: RequestPrivateService needs the service number (offered: {PrivateServiceCatalogue})");
        }
    }

    /// <summary>The offered private services, for error texts: <c>9001 LinkStatistics, ...</c>.</summary>
    public static string PrivateServiceCatalogue { get; } = string.Join(", ",
        Enum.GetValues<GatewayPrivateService>().Select(s => ((int)s).ToString(CultureInfo.InvariantCulture) + " " + s));

    // TSetCallInfo: sets the call's CustomerID; EventCallInfoChanged goes to every party on the call (the requester's copy
    // with the ReferenceID), and later call events carry the new CustomerID. Setting the value it already has changes
    // nothing and is answered with the event all the same.
    private RequestPlan SetCallInfo(TlibMessage request, string dn, int referenceId, ICallModelSink sink)
    {
        if (!TryFindCall(request, out var call, out var refusal))
        {
            return refusal;
        }

        if (request.GetString(AttributeId.CustomerID) is not { } customer)
        {
            return RequestPlan.Refuse(ErrorCode.TERR_INVALID_ATTR, "Missing attribute CustomerID: RequestSetCallInfo sets the call's CustomerID");
        }

        if (customer.Length > MaxCustomerIdLength)
        {
            return RequestPlan.Refuse(ErrorCode.TERR_INVALID_ATTR,
                $"Invalid attribute CustomerID: {customer.Length.ToString(CultureInfo.InvariantCulture)} characters, at most {MaxCustomerIdLength.ToString(CultureInfo.InvariantCulture)}");
        }

        call.CustomerId = customer;
        var requesterOnCall = false;
        foreach (var party in call.Parties)
        {
            if (!party.IsActive || !party.Notified)
            {
                continue;
            }

            var isRequester = string.Equals(party.Dn, dn, StringComparison.Ordinal);
            requesterOnCall |= isRequester;
            sink.Publish(party.Dn, CallInfoChanged(call, isRequester ? referenceId : 0));
        }

        if (!requesterOnCall)
        {
            sink.Publish(dn, CallInfoChanged(call, referenceId));
        }

        return RequestPlan.Done;
    }

    /// <summary>Longest CustomerID accepted by RequestSetCallInfo.</summary>
    public const int MaxCustomerIdLength = 256;

    // The attributes seed 004 lists for EventCallInfoChanged: ConnID, CustomerID, ReferenceID (the requester's copy).
    private static TlibMessage CallInfoChanged(Call call, int referenceId)
    {
        var m = new TlibMessage(MessageType.EventCallInfoChanged, 3);
        m.Set(AttributeId.ConnID, unchecked((long)call.ConnId.Value));
        m.Set(AttributeId.CustomerID, call.CustomerId!);
        if (referenceId != 0)
        {
            m.ReferenceID = referenceId;
        }

        return m;
    }

    private bool TryFindCall(TlibMessage request, out Call call, out RequestPlan refusal)
    {
        call = null!;
        if (ConnIdOf(request, AttributeId.ConnID) is not { } connId)
        {
            refusal = RequestPlan.Refuse(ErrorCode.TERR_INVALID_ATTR, $"Missing attribute ConnID: {request.Name} needs the call");
            return false;
        }

        if (!_byConnId.TryGetValue(connId, out var found))
        {
            refusal = RequestPlan.Refuse(ErrorCode.TERR_INV_CONNID, $"Invalid ConnID {Hex(connId)}: no such call on this switch");
            return false;
        }

        call = found;
        refusal = default;
        return true;
    }

    // Each active party: DN -> (state, role, queue, internal).
    private static KeyValueList PartiesOf(Call call)
    {
        var parties = new KeyValueList(call.Parties.Count);
        foreach (var p in call.Parties)
        {
            if (!p.IsActive)
            {
                continue;
            }

            var party = new KeyValueList(4)
                .Add("state", ToPartyState(p.Status).ToString())
                .Add("role", p.Role.ToString())
                .Add("internal", p.IsInternal ? 1 : 0);
            if (p.Queue is { } queue)
            {
                party.Add("queue", queue);
            }

            parties.Add(p.Dn, party);
        }

        return parties;
    }

    private KeyValueList CallStatus(Call call)
    {
        var age = _options.TimeProvider.GetUtcNow() - call.Started;
        var status = new KeyValueList(12)
            .Add("call-id", call.CallId)
            .Add("call-uuid", call.CallUuid)
            .Add("call-type", call.Type.ToString())
            .Add("call-state", call.State.ToString())
            .Add("party-count", call.ActiveCount())
            .Add("age-seconds", (int)Math.Clamp(age.TotalSeconds, 0, int.MaxValue));
        if (call.Ani is { } ani)
        {
            status.Add("ani", ani);
        }

        if (call.Dnis is { } dnis)
        {
            status.Add("dnis", dnis);
        }

        if (call.PreviousConnId is { } previous)
        {
            status.Add("previous-conn-id", Hex(previous));
        }

        if (call.CustomerId is { } customer)
        {
            status.Add("customer-id", customer);
        }

        return status;
    }

    private static TlibMessage PrivateInfo(GatewayPrivateService service, string dn)
    {
        var info = new TlibMessage(MessageType.EventPrivateInfo, 12);
        info.Set(AttributeId.PrivateMsgID, (int)service);
        info.Set(AttributeId.ThisDN, dn);
        return info;
    }

    /// <summary>The EventACK that acknowledges <paramref name="request"/> (UserEvent = the request's message id).</summary>
    public static TlibMessage Ack(TlibMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ack = new TlibMessage(MessageType.EventACK, 2);
        ack.Set(AttributeId.UserEvent, (int)request.Type);
        return ack;
    }
}
