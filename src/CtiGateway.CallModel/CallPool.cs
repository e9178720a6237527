using CtiGateway.Pbx.Csta;
using CtiGateway.Protocol;

namespace CtiGateway.CallModel;

/// <summary>
/// Calls and parties that ended, kept for the next calls. A call lives for seconds, so without reuse every call's
/// objects would be promoted twice by the garbage collector and found again through the tables that index them: at
/// 2,000 calls/s that work set the p99 of the switch-to-client latency (docs/performance.md). Reused objects are old,
/// so only the call's own strings (its callID and CallUUID) are new per call.
/// <para>
/// Safety: a call is reused only when nothing else can still point at it. A call that another call or party ever
/// pointed at (a consultation, a merge, a shared user-data set) is <see cref="Call.Pinned"/> and left to the
/// collector. An ended call first waits in quarantine: the model's code handling the input that ended it may still
/// hold it, so it becomes reusable only at the start of the next input (<see cref="EndOfInputs"/>). The model is
/// single-threaded and no <see cref="Call"/> or <see cref="CallParty"/> leaves it.
/// </para>
/// </summary>
internal sealed class CallPool(int capacity)
{
    private readonly Stack<Call> _calls = new();
    private readonly Stack<CallParty> _parties = new();
    private readonly List<Call> _quarantine = [];

    /// <summary>Calls kept for reuse now (for tests).</summary>
    public int FreeCalls => _calls.Count;

    /// <summary>Calls reused so far (for tests).</summary>
    public long Reused { get; private set; }

    public Call RentCall(ConnId connId, string callId, string callUuid, DateTimeOffset started)
    {
        if (_calls.TryPop(out var call))
        {
            call.Start(connId, callId, callUuid, started);
            Reused++;
            return call;
        }

        return new Call(connId, callId, callUuid, started);
    }

    public CallParty RentParty(Call call, string dn, DnKind? kind, CstaConnectionId connection)
    {
        if (_parties.TryPop(out var party))
        {
            party.Start(call, dn, kind, connection);
            return party;
        }

        return new CallParty(call, dn, kind, connection);
    }

    /// <summary>A call the model has forgotten: reusable from the next input on, unless it is pinned.</summary>
    public void Ended(Call call)
    {
        if (!call.Pinned && _quarantine.Count < capacity)
        {
            _quarantine.Add(call);
        }
    }

    /// <summary>
    /// Called at the start of each input: the calls that ended during the earlier inputs are no longer held by any
    /// code, so they and their parties become reusable.
    /// </summary>
    public void EndOfInputs()
    {
        if (_quarantine.Count == 0)
        {
            return;
        }

        foreach (var call in _quarantine)
        {
            // Pinned after it ended (never happens today, but a merge of an ended call must not be undone by reuse).
            if (call.Pinned || call.Live)
            {
                continue;
            }

            foreach (var party in call.Parties)
            {
                if (ReferenceEquals(party.Call, call) && _parties.Count < 2 * capacity)
                {
                    party.Start(call, "", null, default);
                    _parties.Push(party);
                }
            }

            call.Parties.Clear();
            if (_calls.Count < capacity)
            {
                _calls.Push(call);
            }
        }

        _quarantine.Clear();
    }
}
