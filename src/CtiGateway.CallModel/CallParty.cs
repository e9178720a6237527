using CtiGateway.Pbx.Csta;
using CtiGateway.Protocol;

namespace CtiGateway.CallModel;

/// <summary>
/// One device's part in a call: its DN, state, role and the CSTA connection that names it on the switch. Parties are
/// reused with their call (<see cref="CallPool"/>): <see cref="Start"/> gives a recycled one its new place.
/// </summary>
internal sealed class CallParty
{
    private CstaConnectionId _connection;

    public CallParty(Call call, string dn, DnKind? kind, CstaConnectionId connection) => Start(call, dn, kind, connection);

    /// <summary>The call the party is on (changes when a transfer or conference moves it).</summary>
    public Call Call { get; set; } = null!;

    /// <summary>The DN (the device identifier reduced to its number).</summary>
    public string Dn { get; private set; } = "";

    /// <summary>The directory's type for the DN; null for a device outside the switch.</summary>
    public DnKind? Kind { get; private set; }

    /// <summary>A DN of the switch that takes events (not a trunk, not a network number).</summary>
    public bool IsInternal => Kind is not null and not DnKind.Trunk;

    /// <summary>An ACD queue or routing point.</summary>
    public bool IsQueue => Kind is DnKind.ACDQueue or DnKind.RoutingPoint;

    /// <summary>
    /// The party's connection as the switch names it (callID and raw deviceID), for call control. It keeps the call's
    /// callID string and the party's DN string where they are equal, not the frame's copies: fewer young objects
    /// pointed at from old ones, so shorter collections (docs/performance.md).
    /// </summary>
    public CstaConnectionId Connection
    {
        get => _connection;
        set
        {
            if (!ReferenceEquals(value.CallId, Call.CallId) && string.Equals(value.CallId, Call.CallId, StringComparison.Ordinal))
            {
                value = value with { CallId = Call.CallId };
            }

            if (!ReferenceEquals(value.DeviceId, Dn) && string.Equals(value.DeviceId, Dn, StringComparison.Ordinal))
            {
                value = value with { DeviceId = Dn };
            }

            _connection = value;
        }
    }

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

    /// <summary>Gives the party its call, DN and connection and its starting state (new, or taken from the pool).</summary>
    public void Start(Call call, string dn, DnKind? kind, CstaConnectionId connection)
    {
        Call = call;
        Dn = dn;
        Kind = kind;
        Connection = connection;
        Status = default;
        HeldFrom = PartyStatus.Connected;
        Role = default;
        Queue = null;
        Silent = false;
        Announced = false;
        Rang = false;
        Conferenced = false;
    }
}
