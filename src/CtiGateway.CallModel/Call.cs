using CtiGateway.Protocol;

namespace CtiGateway.CallModel;

/// <summary>A call in the model: its ConnID, the CSTA callID it has now, its parties and its data.</summary>
internal sealed class Call(ConnId connId, string callId, string callUuid, DateTimeOffset started)
{
    public ConnId ConnId { get; } = connId;

    /// <summary>The switch's callID now (a transfer or conference may give the call a new one).</summary>
    public string CallId { get; set; } = callId;

    /// <summary>The callID as a number for AttributeCallID.</summary>
    public long CallIdNumber { get; set; } = CallIdNumbers.From(callId);

    public string CallUuid { get; } = callUuid;

    public DateTimeOffset Started { get; } = started;

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

    public bool Live { get; set; } = true;

    /// <summary>Routing points the call has arrived at so far (the loop limit counts them).</summary>
    public int RouteHops { get; set; }

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
