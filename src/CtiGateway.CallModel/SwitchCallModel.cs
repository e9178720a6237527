using System.Diagnostics.CodeAnalysis;
using CtiGateway.Pbx.Csta;
using CtiGateway.Protocol;

namespace CtiGateway.CallModel;

/// <summary>
/// The T-Server call model of one switch. Its input is what the switch reports: CSTA call events
/// (<see cref="Apply"/>, <see cref="ApplyNetworkReached"/>, <see cref="ApplyCallCleared"/>), SnapshotDevice replies
/// (<see cref="ApplySnapshot"/>) and link state (<see cref="LinkDown"/>, <see cref="LinkUp"/>), plus the user-data
/// requests of clients. Its output goes to an <see cref="ICallModelSink"/>: T-Library call events addressed to DNs,
/// as a Genesys T-Server sends them (the sequences of the reference call models), hardware errors for inconsistent
/// events, and requests to resynchronise a call. It owns ConnIDs, calls, parties and user data.
/// <para>
/// Pure and single-threaded: one instance per switch, fed by one reader; no I/O, no logging, no locks. The switch
/// reports each event once per monitor of each device in the call; the copies after the first are recognised
/// (<see cref="CallEventOutcome.Duplicate"/>) because they change nothing.
/// </para>
/// </summary>
public sealed partial class SwitchCallModel
{
    private readonly DnDirectory _directory;
    private readonly ConnIdGenerator _connIds;
    private readonly CallModelOptions _options;
    private readonly Dictionary<string, Call> _byCallId = new(StringComparer.Ordinal);
    private readonly Dictionary<ConnId, Call> _byConnId = [];
    private readonly Dictionary<string, List<CallParty>> _partiesByDn = new(StringComparer.Ordinal);

    // The size of each DN's list in _partiesByDn, readable from any thread (orchestration's StatAgentLoading).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _callsAtDn = new(StringComparer.Ordinal);
    private readonly EndedCalls _ended;
    private readonly CallPool _pool = new(CallPoolCapacity);
    private readonly Dictionary<string, ConsultationPurpose> _consultations = new(StringComparer.Ordinal);

    /// <summary>Creates the model of one switch.</summary>
    /// <param name="directory">The switch's DNs and their types.</param>
    /// <param name="connIds">The gateway's ConnID sequence (shared by every switch).</param>
    /// <param name="options">Settings; null for the defaults.</param>
    public SwitchCallModel(DnDirectory directory, ConnIdGenerator connIds, CallModelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(connIds);
        options ??= new CallModelOptions();
        options.Validate();
        _directory = directory;
        _connIds = connIds;
        _options = options;
        _ended = new EndedCalls(options.EndedCallMemory);
    }

    /// <summary>The switch's DNs.</summary>
    public DnDirectory Directory => _directory;

    /// <summary>Calls held now.</summary>
    public int CallCount => _byConnId.Count;

    /// <summary>Whether the switch link is up, as last reported.</summary>
    public bool IsLinkUp { get; private set; } = true;

    /// <summary>Ended calls kept for reuse at most (with twice as many parties): about 2 MB.</summary>
    internal const int CallPoolCapacity = 4_096;

    /// <summary>The pool of ended calls (for tests).</summary>
    internal CallPool Pool => _pool;

    /// <summary>The switch link went down: the calls stay as they are until snapshots resynchronise them.</summary>
    public void LinkDown() => IsLinkUp = false;

    /// <summary>
    /// The switch link is up again. Take a SnapshotDevice of every monitored DN and hand each reply to
    /// <see cref="ApplySnapshot"/>: calls that ended during the outage are released, calls that began are created.
    /// </summary>
    /// <returns>The DNs that have calls in the model now (at least these need a snapshot).</returns>
    public IReadOnlyList<string> LinkUp()
    {
        IsLinkUp = true;
        var dns = new List<string>();
        foreach (var (dn, parties) in _partiesByDn)
        {
            if (parties.Count > 0)
            {
                dns.Add(dn);
            }
        }

        return dns;
    }

    /// <summary>
    /// Notes that <paramref name="dn"/> is about to dial a consultation call for a transfer or a conference (the request
    /// mapper calls this before it sends ConsultationCall). The consultation call the switch then reports for the DN
    /// carries TransferConnID or ConferenceConnID (the original call's ConnID) in its events. The note is used by the
    /// next call the DN originates while it holds a call; a later note replaces it, <see cref="ClearConsultation"/>
    /// drops it. Notes are kept for DNs of the switch only, one per DN.
    /// </summary>
    public void NoteConsultation(string dn, ConsultationPurpose purpose)
    {
        ArgumentNullException.ThrowIfNull(dn);
        if (IsInternal(dn))
        {
            _consultations[dn] = purpose;
        }
    }

    /// <summary>Drops the note of <see cref="NoteConsultation"/> (the switch refused the ConsultationCall).</summary>
    public void ClearConsultation(string dn)
    {
        ArgumentNullException.ThrowIfNull(dn);
        _consultations.Remove(dn);
    }

    /// <summary>The call with <paramref name="connId"/>, as a copy.</summary>
    public bool TryGetCall(ConnId connId, [NotNullWhen(true)] out CallInfo? call)
    {
        if (_byConnId.TryGetValue(connId, out var c))
        {
            call = Describe(c);
            return true;
        }

        call = null;
        return false;
    }

    /// <summary>The ConnID of the call the switch names <paramref name="callId"/>.</summary>
    public bool TryGetConnId(string callId, out ConnId connId)
    {
        ArgumentNullException.ThrowIfNull(callId);
        if (_byCallId.TryGetValue(callId, out var c))
        {
            connId = c.ConnId;
            return true;
        }

        connId = default;
        return false;
    }

    /// <summary>
    /// The CSTA connection of <paramref name="dn"/> on the call <paramref name="connId"/> (the callID and deviceID that
    /// call control names it by on the switch). False when there is no such call or the DN is not on it.
    /// </summary>
    public bool TryGetConnection(ConnId connId, string dn, out CstaConnectionId connection)
    {
        ArgumentNullException.ThrowIfNull(dn);
        if (_byConnId.TryGetValue(connId, out var c) && c.FindActive(dn) is { } party)
        {
            connection = party.Connection;
            return true;
        }

        connection = default;
        return false;
    }

    /// <summary>The ConnIDs of the calls <paramref name="dn"/> is on, in the order it joined them.</summary>
    public IReadOnlyList<ConnId> CallsOf(string dn)
    {
        ArgumentNullException.ThrowIfNull(dn);
        if (!_partiesByDn.TryGetValue(dn, out var parties) || parties.Count == 0)
        {
            return [];
        }

        var ids = new ConnId[parties.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = parties[i].Call.ConnId;
        }

        return ids;
    }

    /// <summary>
    /// How many calls <paramref name="dn"/> is on now (its parties in the model), as of the last input applied. Safe
    /// from any thread: a count kept beside the DN index.
    /// </summary>
    public int ActiveCallsAt(string dn)
    {
        ArgumentNullException.ThrowIfNull(dn);
        return _callsAtDn.TryGetValue(dn, out var count) ? count : 0;
    }

    /// <summary>Every call, as copies (for listings such as <c>ctigw calls</c>).</summary>
    public IReadOnlyList<CallInfo> ListCalls()
    {
        var list = new List<CallInfo>(_byConnId.Count);
        foreach (var c in _byConnId.Values)
        {
            list.Add(Describe(c));
        }

        return list;
    }

    private static CallInfo Describe(Call c)
    {
        var parties = new List<PartyInfo>(c.Parties.Count);
        foreach (var p in c.Parties)
        {
            if (p.IsActive)
            {
                parties.Add(new PartyInfo(p.Dn, ToPartyState(p.Status), p.Role, p.Connection, p.IsInternal));
            }
        }

        return new CallInfo(c.ConnId, c.CallId, c.CallUuid, c.Type, c.State, c.Ani, c.Dnis, c.PreviousConnId, c.Started, parties, c.UserData.Current);
    }

    private static PartyState ToPartyState(PartyStatus status) => status switch
    {
        PartyStatus.Initiated => PartyState.Initiated,
        PartyStatus.Dialing => PartyState.Dialing,
        PartyStatus.Alerting or PartyStatus.Joining => PartyState.Alerting,
        PartyStatus.Queued => PartyState.Queued,
        PartyStatus.Connected => PartyState.Connected,
        PartyStatus.Held => PartyState.Held,
        PartyStatus.Failed => PartyState.Failed,
        _ => PartyState.Null,
    };

    private DnKind? KindOf(string dn) => _directory.TryGetKind(dn, out var kind) ? kind : null;

    private bool IsInternal(string? dn) => _directory.IsInternal(dn);

    /// <summary>A new call keyed by <paramref name="callId"/>, or null (and a fault) when the table is full.</summary>
    private Call? CreateCall(string callId, ICallModelSink sink, string element)
    {
        if (_byConnId.Count >= _options.MaxCalls)
        {
            sink.HardwareError(new CallModelFault(
                CallModelFaultKind.CallTableFull, element, callId, null, $"Call {callId} is not tracked: the model already holds {_options.MaxCalls} calls."));
            return null;
        }

        var connId = _connIds.Next();
        var call = _pool.RentCall(connId, callId, CallUuidOf(connId), _options.TimeProvider.GetUtcNow());
        _byCallId[callId] = call;
        _byConnId.Add(connId, call);
        _ended.Remove(callId);
        return call;
    }

    /// <summary>CallUUID: 32 hex digits, the gateway id then the ConnID, both 16 digits.</summary>
    private string CallUuidOf(ConnId connId) => string.Create(32, (_options.GatewayId, connId.Value), static (span, ids) =>
    {
        ids.GatewayId.TryFormat(span[..16], out _, "X16", System.Globalization.CultureInfo.InvariantCulture);
        ids.Value.TryFormat(span[16..], out _, "X16", System.Globalization.CultureInfo.InvariantCulture);
    });

    private CallParty AddParty(Call call, string dn, CstaConnectionId connection, PartyStatus status, DNRole role)
    {
        // The strings the party keeps are ones that live anyway (the directory's DN, the call's callID), not the frame's
        // or the request's copies: fewer young objects referenced from old ones, so shorter collections
        // (docs/performance.md). The party's Connection setter does the same for the connection.
        dn = KnownDn(dn);
        var party = _pool.RentParty(call, dn, KindOf(dn), connection);
        party.Status = status;
        party.Role = role;
        call.Parties.Add(party);
        if (party.IsInternal)
        {
            if (!_partiesByDn.TryGetValue(dn, out var list))
            {
                list = new List<CallParty>(2);
                _partiesByDn.Add(dn, list);
            }

            list.Add(party);
            _callsAtDn[dn] = list.Count;
        }

        return party;
    }

    /// <summary>Marks a party gone (no event) and takes it out of the DN index.</summary>
    private void Unlink(CallParty party)
    {
        party.Status = PartyStatus.Released;
        if (party.IsInternal && _partiesByDn.TryGetValue(party.Dn, out var list) && list.Remove(party))
        {
            NoteCallsAt(party.Dn, list.Count);
        }
    }

    /// <summary>The calls at <paramref name="dn"/> went down to <paramref name="count"/>: an agent there is free again at 0.</summary>
    private void NoteCallsAt(string dn, int count)
    {
        if (count > 0)
        {
            _callsAtDn[dn] = count;
            return;
        }

        // Kept at 0 rather than removed: an update in place allocates nothing, a removal and a later add a node each.
        _callsAtDn[dn] = 0;
        if (_agentsByDn.TryGetValue(dn, out var agent))
        {
            agent.IdleSince = Now;
            AgentVersion++;
        }
    }

    /// <summary>The party of <paramref name="dn"/> held most recently, or null.</summary>
    private CallParty? HeldPartyOf(string dn)
    {
        if (_partiesByDn.TryGetValue(dn, out var list))
        {
            for (var i = list.Count - 1; i >= 0; i--)
            {
                if (list[i].Status == PartyStatus.Held)
                {
                    return list[i];
                }
            }
        }

        return null;
    }

    /// <summary>Ends the call when no party of the switch is left on it (and none is on its way to it).</summary>
    private void EndIfGone(Call call)
    {
        if (call.Live && !call.HasActiveInternal() && call.Pending is null)
        {
            RemoveCall(call);
        }
    }

    /// <summary>Forgets a call (its parties without events): it ended, or merged into another.</summary>
    private void RemoveCall(Call call)
    {
        foreach (var p in call.Parties)
        {
            if (p.IsActive && ReferenceEquals(p.Call, call))
            {
                Unlink(p);
            }
        }

        if (_byCallId.TryGetValue(call.CallId, out var keyed) && ReferenceEquals(keyed, call))
        {
            _byCallId.Remove(call.CallId);
        }

        _byConnId.Remove(call.ConnId);
        _ended.Add(call.CallId);
        call.UserData.RemoveOwner(call);
        call.Pending = null;
        call.Live = false;
        _pool.Ended(call);
    }

    /// <summary>The directory's own string for <paramref name="dn"/> when it is one of the switch's DNs, else the DN.</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(dn))]
    private string? KnownDn(string? dn) => dn is not null && _directory.TryGetDn(dn, out var known) ? known : dn;

    /// <summary>
    /// Gives a live call the callID the switch now uses for it. Another call the model holds under that callID is a
    /// stale copy of it (created from a snapshot before the events arrived): its parties are released and it ends.
    /// </summary>
    private void Rekey(Call call, string newCallId, ICallModelSink sink)
    {
        if (string.Equals(call.CallId, newCallId, StringComparison.Ordinal))
        {
            return;
        }

        if (_byCallId.TryGetValue(call.CallId, out var keyed) && ReferenceEquals(keyed, call))
        {
            _byCallId.Remove(call.CallId);
        }

        _ended.Add(call.CallId);
        _ended.Remove(newCallId);
        if (_byCallId.TryGetValue(newCallId, out var other) && !ReferenceEquals(other, call))
        {
            ReleaseAll(sink, other);
            RemoveCall(other);
        }

        call.CallId = newCallId;
        call.CallIdNumber = CallIdNumbers.From(newCallId);
        _byCallId[newCallId] = call;
        foreach (var p in call.Parties)
        {
            if (p.IsActive && !string.Equals(p.Connection.CallId, newCallId, StringComparison.Ordinal))
            {
                p.Connection = p.Connection with { CallId = newCallId };
            }
        }
    }

    /// <summary>Reports a hardware error and asks for the call to be resynchronised from the devices concerned.</summary>
    private CallEventOutcome Fault(ICallModelSink sink, CallModelFaultKind kind, string element, string callId, string? device, string detail, Call? call)
    {
        sink.HardwareError(new CallModelFault(kind, element, callId, device, detail)
        {
            ConnId = call?.ConnId,
            PreviousConnId = call?.PreviousConnId,
            Dn = device is not null && IsInternal(device) ? device : null,
        });
        if (callId.Length == 0)
        {
            return CallEventOutcome.Fault;
        }

        var devices = new List<string>(3);
        if (call is not null)
        {
            foreach (var p in call.Parties)
            {
                if (p.IsActive && p.IsInternal && !devices.Contains(p.Dn))
                {
                    devices.Add(p.Dn);
                }
            }
        }

        if (device is not null && IsInternal(device) && !devices.Contains(device))
        {
            devices.Add(device);
        }

        if (devices.Count > 0)
        {
            sink.Resynchronise(new CallResyncRequest(callId, devices));
        }

        return CallEventOutcome.Fault;
    }
}
