using CtiGateway.Protocol;

namespace CtiGateway.CallModel;

/// <summary>
/// User data per call: attach, update, delete one key, delete all. Every change gives EventAttachedDataChanged to each
/// party on the call, with ThirdPartyDN the DN that asked and UserData the whole resulting set; a requester that is
/// not on the call gets one too, without ThisDN. The requester's copy carries the request's ReferenceID.
/// </summary>
public sealed partial class SwitchCallModel
{
    /// <summary>TAttachUserData: adds the pairs to the call's data (a key already there gets a second pair).</summary>
    public UserDataOutcome AttachUserData(ConnId connId, string requesterDn, KeyValueList data, ICallModelSink sink, int referenceId = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        return ChangeUserData(connId, requesterDn, UserDataChange.Attach, data, null, sink, referenceId);
    }

    /// <summary>TUpdateUserData: sets each pair (replacing the value of a key already there, adding a new key).</summary>
    public UserDataOutcome UpdateUserData(ConnId connId, string requesterDn, KeyValueList data, ICallModelSink sink, int referenceId = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        return ChangeUserData(connId, requesterDn, UserDataChange.Update, data, null, sink, referenceId);
    }

    /// <summary>TDeleteUserData: removes every pair with <paramref name="key"/>.</summary>
    public UserDataOutcome DeleteUserData(ConnId connId, string requesterDn, string key, ICallModelSink sink, int referenceId = 0)
    {
        ArgumentNullException.ThrowIfNull(key);
        return ChangeUserData(connId, requesterDn, UserDataChange.DeleteKey, null, key, sink, referenceId);
    }

    /// <summary>TDeleteAllUserData: removes every pair.</summary>
    public UserDataOutcome DeleteAllUserData(ConnId connId, string requesterDn, ICallModelSink sink, int referenceId = 0) =>
        ChangeUserData(connId, requesterDn, UserDataChange.DeleteAll, null, null, sink, referenceId);

    private UserDataOutcome ChangeUserData(ConnId connId, string requesterDn, UserDataChange change, KeyValueList? data, string? key, ICallModelSink sink, int referenceId)
    {
        ArgumentNullException.ThrowIfNull(requesterDn);
        ArgumentNullException.ThrowIfNull(sink);
        if (!_byConnId.TryGetValue(connId, out var call))
        {
            return UserDataOutcome.UnknownConnId;
        }

        var set = call.UserData;
        var current = set.Current;
        KeyValueList next;
        switch (change)
        {
            case UserDataChange.Attach:
                next = CopyWithRoom(current, data!.Count);
                foreach (var (k, v) in data!)
                {
                    next.Add(k, v);
                }

                break;
            case UserDataChange.Update:
                next = CopyWithRoom(current, data!.Count);
                foreach (var (k, v) in data!)
                {
                    next.Set(k, v);
                }

                break;
            case UserDataChange.DeleteKey:
                if (current.IndexOf(key!) < 0)
                {
                    return UserDataOutcome.KeyNotFound;
                }

                next = current.Clone();
                next.Remove(key!);
                break;
            default:
                next = new KeyValueList(0);
                break;
        }

        set.Replace(next);
        var requesterOnCall = false;
        for (var o = 0; o < set.OwnerCount; o++)
        {
            var owner = set.OwnerAt(o);
            foreach (var p in owner.Parties)
            {
                if (!p.IsActive || !p.Notified || !p.Announced)
                {
                    continue;
                }

                // UserData (a new attribute only when the data is now empty), ThirdPartyDN and ReferenceID.
                var m = NewEvent(MessageType.EventAttachedDataChanged, owner, p, owner.State, (set.IsEmpty ? 1 : 0) + ThirdCount(requesterDn, null) + (referenceId != 0 ? 1 : 0));
                m.Set(AttributeId.UserData, next);
                SetThird(m, requesterDn, null);
                if (string.Equals(p.Dn, requesterDn, StringComparison.Ordinal))
                {
                    requesterOnCall = true;
                    if (referenceId != 0)
                    {
                        m.ReferenceID = referenceId;
                    }
                }

                Send(sink, p, m);
            }
        }

        if (!requesterOnCall)
        {
            var m = new TlibMessage(MessageType.EventAttachedDataChanged, referenceId != 0 ? 7 : 6);
            m.Set(AttributeId.ConnID, unchecked((long)call.ConnId.Value));
            m.Set(AttributeId.CallID, call.CallIdNumber);
            m.Set(AttributeId.CallType, (int)call.Type);
            m.Set(AttributeId.ThirdPartyDN, requesterDn);
            m.Set(AttributeId.UserData, next);
            m.Set(AttributeId.CallUUID, call.CallUuid);
            if (referenceId != 0)
            {
                m.ReferenceID = referenceId;
            }

            sink.Publish(requesterDn, m);
        }

        return UserDataOutcome.Changed;
    }

    /// <summary>
    /// A deep copy of <paramref name="current"/> (as <see cref="KeyValueList.Clone"/>) sized for <paramref name="room"/>
    /// more pairs, so that adding them does not grow it again.
    /// </summary>
    private static KeyValueList CopyWithRoom(KeyValueList current, int room)
    {
        var copy = new KeyValueList(current.Count + room);
        foreach (var (key, value) in current)
        {
            copy.Add(key, value.Type == KeyValueType.List ? KeyValue.FromList(value.AsList().Clone()) : value);
        }

        return copy;
    }
}
