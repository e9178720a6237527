using CtiGateway.Protocol;

namespace CtiGateway.CallModel;

/// <summary>
/// A call in the model: its ConnID, the CSTA callID it has now, its parties and its data. Calls are reused
/// (<see cref="CallPool"/>): <see cref="Start"/> gives a recycled one its new identity and clears everything else.
/// </summary>
internal sealed class Call
{
    private readonly UserDataSet _ownUserData = new();

    public Call(ConnId connId, string callId, string callUuid, DateTimeOffset started) => Start(connId, callId, callUuid, started);

    public ConnId ConnId { get; private set; }

    /// <summary>The switch's callID now (a transfer or conference may give the call a new one).</summary>
    public string CallId { get; set; } = "";

    /// <summary>The callID as a number for AttributeCallID.</summary>
    public long CallIdNumber { get; set; }

    public string CallUuid { get; private set; } = "";

    public DateTimeOffset Started { get; private set; }

    public CallType Type { get; set; }

    /// <summary>The call-level state: Ok, then Transferred, Conferenced or Redirected after such a step.</summary>
    public CallState State { get; set; }

    public string? Ani { get; set; }

    public string? Dnis { get; set; }

    /// <summary>The parties, in joining order, released ones included (a released party may still be OtherDN).</summary>
    public List<CallParty> Parties { get; } = new(3);

    /// <summary>For a consultation call: the original call's ConnID (PreviousConnID).</summary>
    public ConnId? PreviousConnId { get; set; }

    /// <summary>For a consultation call: the original call while it exists.</summary>
    public Call? ConsultOf { get; set; }

    /// <summary>For a consultation started by TInitiateTransfer or TInitiateConference: why (TransferConnID or ConferenceConnID).</summary>
    public ConsultationPurpose? Purpose { get; set; }

    public UserDataSet UserData { get; set; } = null!;

    public PendingArrival? Pending { get; set; }

    /// <summary>The call has become a conference (EventPartyDeleted when a member leaves).</summary>
    public bool Conferenced { get; set; }

    /// <summary>EventNetworkReached has been reported for it.</summary>
    public bool NetworkReached { get; set; }

    /// <summary>The model holds the call (false once it ended or merged into another).</summary>
    /// <summary>The CustomerID set by TSetCallInfo (RequestSetCallInfo), carried by the call's events; null until set.</summary>
    public string? CustomerId { get; set; }

    public bool Live { get; set; }

    /// <summary>Routing points the call has arrived at so far (the loop limit counts them).</summary>
    public int RouteHops { get; set; }

    /// <summary>
    /// Another call or another call's party may point at this call or its parties (a consultation, a merge, a shared
    /// user-data set), so it is never reused: the garbage collector takes it once nothing points at it.
    /// </summary>
    public bool Pinned { get; set; }

    /// <summary>Gives the call its identity and its empty starting state (new, or taken from the pool).</summary>
    public void Start(ConnId connId, string callId, string callUuid, DateTimeOffset started)
    {
        ConnId = connId;
        CallId = callId;
        CallIdNumber = CallIdNumbers.From(callId);
        CallUuid = callUuid;
        Started = started;
        Type = default;
        State = default;
        Ani = null;
        Dnis = null;
        Parties.Clear();
        PreviousConnId = null;
        ConsultOf = null;
        Purpose = null;
        _ownUserData.Reset();
        _ownUserData.AddOwner(this);
        UserData = _ownUserData;
        Pending = null;
        Conferenced = false;
        NetworkReached = false;
        CustomerId = null;
        Live = true;
        RouteHops = 0;
        Pinned = false;
    }

    /// <summary>The party of <paramref name="dn"/> still on the call, or null.</summary>
    public CallParty? FindActive(string dn)
    {
        foreach (var p in Parties)
        {
            if (p.IsActive && string.Equals(p.Dn, dn, StringComparison.Ordinal))
            {
                return p;
            }
        }

        return null;
    }

    /// <summary>The latest party of <paramref name="dn"/>, released or not, or null.</summary>
    public CallParty? FindLatest(string dn)
    {
        for (var i = Parties.Count - 1; i >= 0; i--)
        {
            if (string.Equals(Parties[i].Dn, dn, StringComparison.Ordinal))
            {
                return Parties[i];
            }
        }

        return null;
    }

    /// <summary>Parties still on the call, <paramref name="except"/> left out.</summary>
    public int ActiveCount(CallParty? except = null)
    {
        var n = 0;
        foreach (var p in Parties)
        {
            if (p.IsActive && !ReferenceEquals(p, except))
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>Whether a party of the switch (one that takes events) is still on the call.</summary>
    public bool HasActiveInternal()
    {
        foreach (var p in Parties)
        {
            if (p.IsActive && p.IsInternal)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The party that is "the other side" for <paramref name="me"/>: the first other party on the call, else the last
    /// one that left it. Null when there was never another party.
    /// </summary>
    public CallParty? OtherOf(CallParty me)
    {
        CallParty? released = null;
        foreach (var p in Parties)
        {
            if (ReferenceEquals(p, me) || string.Equals(p.Dn, me.Dn, StringComparison.Ordinal))
            {
                continue;
            }

            if (p.IsActive)
            {
                return p;
            }

            released = p;
        }

        return released;
    }
}
