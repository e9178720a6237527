using CtiGateway.Protocol;

namespace CtiGateway.CallModel;

/// <summary>Building the T-Library call events: the attributes every call event carries, then each event's own.</summary>
public sealed partial class SwitchCallModel
{
    /// <summary>Attributes a caller of <see cref="NewEvent"/> adds at most after the common ones (OtherDN, OtherDNRole,
    /// ThirdPartyDN, ThirdPartyDNRole, PreviousConnID, ReferenceID).</summary>
    private const int MaxExtraAttributes = 6;

    /// <summary>
    /// A call event for <paramref name="party"/>: ConnID, CallID, CallType, CallState, ThisDN, ThisDNRole, ThisQueue
    /// (an ACD or routed call), PreviousConnID (a consultation call), ANI, DNIS, CallUUID and UserData (when any). The
    /// message is sized once for these and the <paramref name="extra"/> attributes the caller adds after them, so that
    /// it allocates nothing beyond its own attribute array.
    /// </summary>
    private static TlibMessage NewEvent(MessageType type, Call call, CallParty party, CallState state, int extra = MaxExtraAttributes)
    {
        var m = new TlibMessage(type, CommonAttributeCount(call, party) + extra);
        m.Set(AttributeId.ConnID, unchecked((long)call.ConnId.Value));
        m.Set(AttributeId.CallID, call.CallIdNumber);
        m.Set(AttributeId.CallType, (int)call.Type);
        m.Set(AttributeId.CallState, (int)state);
        m.Set(AttributeId.ThisDN, party.Dn);
        m.Set(AttributeId.ThisDNRole, (int)party.Role);
        if (party.Queue is { } queue)
        {
            m.Set(AttributeId.ThisQueue, queue);
        }

        if (call.PreviousConnId is { } previous)
        {
            m.Set(AttributeId.PreviousConnID, unchecked((long)previous.Value));
            if (call.Purpose is { } purpose)
            {
                m.Set(purpose == ConsultationPurpose.Transfer ? AttributeId.TransferConnID : AttributeId.ConferenceConnID, unchecked((long)previous.Value));
            }
        }

        AddCallData(m, call);
        return m;
    }

    /// <summary>How many attributes <see cref="NewEvent"/> sets for <paramref name="party"/> on <paramref name="call"/>.</summary>
    private static int CommonAttributeCount(Call call, CallParty party)
    {
        // ConnID, CallID, CallType, CallState, ThisDN, ThisDNRole and CallUUID are always there.
        var n = 7;
        if (party.Queue is not null)
        {
            n++;
        }

        if (call.PreviousConnId is not null)
        {
            n += call.Purpose is null ? 1 : 2;
        }

        if (call.Ani is not null)
        {
            n++;
        }

        if (call.Dnis is not null)
        {
            n++;
        }

        if (!call.UserData.IsEmpty)
        {
            n++;
        }

        if (call.CustomerId is not null)
        {
            n++;
        }

        return n;
    }

    /// <summary>Attributes <see cref="SetOther(TlibMessage, CallParty?)"/> adds.</summary>
    private static int OtherCount(CallParty? other) => other is null ? 0 : 2;

    /// <summary>Attributes <see cref="SetOther(TlibMessage, string?, DNRole)"/> adds.</summary>
    private static int OtherCount(string? otherDn) => otherDn is null ? 0 : 2;

    /// <summary>Attributes <see cref="SetThird"/> adds.</summary>
    private static int ThirdCount(string? thirdDn, DNRole? role) => thirdDn is null ? 0 : role is null ? 1 : 2;

    private static void AddCallData(TlibMessage m, Call call)
    {
        if (call.Ani is { } ani)
        {
            m.Set(AttributeId.ANI, ani);
        }

        if (call.Dnis is { } dnis)
        {
            m.Set(AttributeId.DNIS, dnis);
        }

        m.Set(AttributeId.CallUUID, call.CallUuid);
        if (!call.UserData.IsEmpty)
        {
            m.Set(AttributeId.UserData, call.UserData.Current);
        }

        if (call.CustomerId is { } customer)
        {
            m.Set(AttributeId.CustomerID, customer);
        }
    }

    private static void SetOther(TlibMessage m, CallParty? other)
    {
        if (other is not null)
        {
            m.Set(AttributeId.OtherDN, other.Dn);
            m.Set(AttributeId.OtherDNRole, (int)other.Role);
        }
    }

    private static void SetOther(TlibMessage m, string? otherDn, DNRole role)
    {
        if (otherDn is not null)
        {
            m.Set(AttributeId.OtherDN, otherDn);
            m.Set(AttributeId.OtherDNRole, (int)role);
        }
    }

    private static void SetThird(TlibMessage m, string? thirdDn, DNRole? role)
    {
        if (thirdDn is not null)
        {
            m.Set(AttributeId.ThirdPartyDN, thirdDn);
            if (role is { } r)
            {
                m.Set(AttributeId.ThirdPartyDNRole, (int)r);
            }
        }
    }

    private static void SetPrevious(TlibMessage m, ConnId previous) => m.Set(AttributeId.PreviousConnID, unchecked((long)previous.Value));

    /// <summary>Hands the event to the sink for the party's DN and notes that the party's clients know the call.</summary>
    private static void Send(ICallModelSink sink, CallParty party, TlibMessage m)
    {
        party.Announced = true;
        sink.Publish(party.Dn, m);
    }

    /// <summary>A simple call event for a party that takes events: the common attributes plus OtherDN/OtherDNRole.</summary>
    private static void Notify(ICallModelSink sink, MessageType type, Call call, CallParty party, CallState state, CallParty? other)
    {
        if (!party.Notified)
        {
            return;
        }

        var m = NewEvent(type, call, party, state, OtherCount(other));
        SetOther(m, other);
        Send(sink, party, m);
    }
}
