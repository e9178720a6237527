using CtiGateway.Protocol;

namespace CtiGateway.CallModel.Tests;

/// <summary>
/// The fuzz's sink: checks every event as it is published (mandatory attributes; EventAbandoned only after
/// EventRinging or EventQueued), and keeps each DN's view of its calls (open from its first event on a ConnID until
/// EventReleased, EventAbandoned, EventDiverted or an EventPartyChanged that moves it to another ConnID).
/// </summary>
internal sealed class FuzzSink : ICallModelSink
{
    public HashSet<(string Dn, ConnId ConnId)> Open { get; } = [];

    public HashSet<(string Dn, ConnId ConnId)> Rang { get; } = [];

    public List<CallModelFault> Faults { get; } = [];

    public Queue<CallResyncRequest> Resyncs { get; } = new();

    public long Published { get; private set; }

    /// <summary>When set, every event is written here (to explain a failing case).</summary>
    public List<string>? Trace { get; set; }

    public void Publish(string dn, TlibMessage m)
    {
        Published++;
        Trace?.Add($"      {dn}: {m}");
        var connId = m.ConnID ?? throw new InvalidOperationException($"{m.Name} to {dn} has no ConnID: {m}");
        Require(m, AttributeId.CallID, dn);
        Require(m, AttributeId.CallType, dn);
        if (m.Type == MessageType.EventAttachedDataChanged)
        {
            Require(m, AttributeId.UserData, dn);
            return;
        }

        if (m.ThisDN != dn)
        {
            throw new InvalidOperationException($"{m.Name} published to {dn} has ThisDN {m.ThisDN}: {m}");
        }

        Require(m, AttributeId.CallState, dn);
        if (m.Type is MessageType.EventDialing or MessageType.EventRinging or MessageType.EventAbandoned)
        {
            Require(m, AttributeId.ThisDNRole, dn);
            if (m.CallType == CallType.Consult)
            {
                Require(m, AttributeId.PreviousConnID, dn);
            }
        }

        var key = (dn, connId);
        switch (m.Type)
        {
            case MessageType.EventReleased or MessageType.EventDiverted:
                Open.Remove(key);
                break;
            case MessageType.EventAbandoned:
                if (!Rang.Contains(key))
                {
                    throw new InvalidOperationException($"EventAbandoned to {dn} on {connId} without an EventRinging or EventQueued before it: {m}");
                }

                Open.Remove(key);
                break;
            case MessageType.EventRinging or MessageType.EventQueued:
                Rang.Add(key);
                Open.Add(key);
                break;
            case MessageType.EventPartyChanged:
                if (m.GetLong(AttributeId.PreviousConnID) is { } previous && new ConnId(unchecked((ulong)previous)) != connId)
                {
                    var moved = (dn, new ConnId(unchecked((ulong)previous)));
                    Open.Remove(moved);
                    if (Rang.Remove(moved))
                    {
                        Rang.Add(key);
                    }
                }

                Open.Add(key);
                break;
            default:
                Open.Add(key);
                break;
        }
    }

    public void HardwareError(CallModelFault fault)
    {
        Trace?.Add($"      fault {fault}");
        Faults.Add(fault);
    }

    public void Resynchronise(CallResyncRequest request) => Resyncs.Enqueue(request);

    private static void Require(TlibMessage m, AttributeId id, string dn)
    {
        if (!m.Has(id))
        {
            throw new InvalidOperationException($"{m.Name} to {dn} lacks the mandatory {id}: {m}");
        }
    }
}
