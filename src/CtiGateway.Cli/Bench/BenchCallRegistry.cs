using System.Collections.Concurrent;

namespace CtiGateway.Cli.Bench;

/// <summary>
/// The bench's calls, shared by the traffic driver (adds and forgets calls), the frame pump (finds a call by the callID
/// of a frame, without allocating) and the receivers (find the current call of a DN).
/// </summary>
internal sealed class BenchCallRegistry
{
    private readonly ConcurrentDictionary<string, BenchCall> _byCallId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, BenchCall>.AlternateLookup<ReadOnlySpan<char>> _byCallIdSpan;
    private readonly BenchCall?[] _ofDn;

    public BenchCallRegistry(int dns)
    {
        _ofDn = new BenchCall?[dns];
        _byCallIdSpan = _byCallId.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Calls known (placed and not yet forgotten).</summary>
    public int Count => _byCallId.Count;

    /// <summary>How many calls of one DN are kept for pairing late events (the current one and the ones before it).</summary>
    public const int HistoryDepth = 8;

    /// <summary>Adds a call placed on the switch; it becomes the current call of both its DNs.</summary>
    public void Add(BenchCall call)
    {
        _byCallId[call.CallId] = call;
        call.SetPrevious(Volatile.Read(ref _ofDn[call.Caller]), Volatile.Read(ref _ofDn[call.Called]));
        Trim(call, call.Caller);
        Trim(call, call.Called);
        Volatile.Write(ref _ofDn[call.Caller], call);
        Volatile.Write(ref _ofDn[call.Called], call);
    }

    /// <summary>Forgets a call whose frames are all written (its DNs keep it as their last call until the next one).</summary>
    public void Forget(BenchCall call) => _byCallId.TryRemove(call.CallId, out _);

    /// <summary>The call with this callID, or null.</summary>
    public BenchCall? Find(ReadOnlySpan<char> callId) => _byCallIdSpan.TryGetValue(callId, out var call) ? call : null;

    /// <summary>The last call placed on DN index <paramref name="dn"/>, or null.</summary>
    public BenchCall? CurrentCallOf(int dn) => (uint)dn < (uint)_ofDn.Length ? Volatile.Read(ref _ofDn[dn]) : null;

    /// <summary>
    /// The call a T-Library event on DN <paramref name="dn"/> belongs to, among the last <see cref="HistoryDepth"/> calls
    /// of the DN, or null. A client gets the events of a DN in order, so a party's first event (EventDialing on A,
    /// EventRinging on B) belongs to the oldest of those calls whose party has not had it, and gives that call its ConnID;
    /// every later event is matched by ConnID. An event delayed past the DN's rest is so still paired with its own call,
    /// never with the next one. Only the client that registered the DN calls this.
    /// </summary>
    public BenchCall? CallOfEvent(int dn, MessageType type, long connId)
    {
        BenchCall? oldestUnclaimed = null;
        var call = CurrentCallOf(dn);
        for (var depth = 0; call is not null && depth < HistoryDepth; depth++, call = call.PreviousOn(dn))
        {
            var known = call.ConnIdOn(dn);
            if (call.IsFirstEventOf(type, dn))
            {
                if (known == 0)
                {
                    oldestUnclaimed = call;
                }
            }
            else if (known != 0 && known == connId)
            {
                return call;
            }
        }

        oldestUnclaimed?.ClaimConnId(dn, connId);
        return oldestUnclaimed;
    }

    private static void Trim(BenchCall call, int dn)
    {
        var older = call;
        for (var depth = 1; older is not null && depth < HistoryDepth; depth++)
        {
            older = older.PreviousOn(dn);
        }

        older?.CutPreviousOn(dn);
    }
}
