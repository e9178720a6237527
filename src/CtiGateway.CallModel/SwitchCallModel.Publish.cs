using CtiGateway.Protocol;

namespace CtiGateway.CallModel;

/// <summary>Building the T-Library call events: the attributes every call event carries, then each event's own.</summary>
public sealed partial class SwitchCallModel
{
    /// <summary>Attributes a call event carries at most (the message is sized once).</summary>
    private const int EventCapacity = 18;

    /// <summary>
    /// A call event for <paramref name="party"/>: ConnID, CallID, CallType, CallState, ThisDN, ThisDNRole, ThisQueue
    /// (an ACD or routed call), PreviousConnID (a consultation call), ANI, DNIS, CallUUID and UserData (when any).
    /// </summary>
    private static TlibMessage NewEvent(MessageType type, Call call, CallParty party, CallState state)
    {
        var m = new TlibMessage(type, EventCapacity);
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

        var m = NewEvent(type, call, party, state);
        SetOther(m, other);
        Send(sink, party, m);
    }
}
