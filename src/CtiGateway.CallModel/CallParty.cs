using CtiGateway.Pbx.Csta;
using CtiGateway.Protocol;

namespace CtiGateway.CallModel;

/// <summary>One device's part in a call: its DN, state, role and the CSTA connection that names it on the switch.</summary>
internal sealed class CallParty(Call call, string dn, DnKind? kind, CstaConnectionId connection)
{
    /// <summary>The call the party is on (changes when a transfer or conference moves it).</summary>
    public Call Call { get; set; } = call;

    /// <summary>The DN (the device identifier reduced to its number).</summary>
    public string Dn { get; } = dn;

    /// <summary>The directory's type for the DN; null for a device outside the switch.</summary>
    public DnKind? Kind { get; } = kind;

    /// <summary>A DN of the switch that takes events (not a trunk, not a network number).</summary>
    public bool IsInternal => Kind is not null and not DnKind.Trunk;

    /// <summary>An ACD queue or routing point.</summary>
    public bool IsQueue => Kind is DnKind.ACDQueue or DnKind.RoutingPoint;

    /// <summary>The party's connection as the switch names it (callID and raw deviceID), for call control.</summary>
    public CstaConnectionId Connection { get; set; } = connection;

    public PartyStatus Status { get; set; }

    /// <summary>The state the party was in when it was held (restored when it is retrieved).</summary>
    public PartyStatus HeldFrom { get; set; } = PartyStatus.Connected;

    public DNRole Role { get; set; }

    /// <summary>The ACD queue or routing point the call came through (ThisQueue), when it did.</summary>
    public string? Queue { get; set; }

    /// <summary>Inferred from another party's event (an unmonitored caller): it gets no events.</summary>
    public bool Silent { get; set; }

    /// <summary>It has had at least one event on this call, so its clients know the call.</summary>
    public bool Announced { get; set; }

    /// <summary>It had EventRinging or EventQueued on this call (EventAbandoned goes only to such a party).</summary>
    public bool Rang { get; set; }

    /// <summary>It joined by a conference: its EventEstablished reports CallState Conferenced.</summary>
    public bool Conferenced { get; set; }

    public bool IsActive => Status != PartyStatus.Released;

    /// <summary>Takes events: a DN of the switch, not inferred.</summary>
    public bool Notified => IsInternal && !Silent;
}
