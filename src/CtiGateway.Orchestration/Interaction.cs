using System.Text.Json.Nodes;
using CtiGateway.Protocol;

namespace CtiGateway.Orchestration;

/// <summary>
/// A voice interaction as orchestration sees it: one T-Library call (its ConnID is the interaction id), its parties,
/// user data and the session that owns it. Touched under the service's lock only.
/// </summary>
internal sealed class Interaction
{
    private readonly List<InteractionParty> _parties = [];
    private int _nextParty;

    public Interaction(ConnId connId, string switchName, DateTimeOffset created)
    {
        ConnId = connId;
        Id = connId.ToString();
        Switch = switchName;
        Created = created;
    }

    /// <summary>The interaction id: the ConnID as 16 hex digits.</summary>
    public string Id { get; }

    public ConnId ConnId { get; }

    /// <summary>The switch the call is on (the location's media server).</summary>
    public string Switch { get; set; }

    public DateTimeOffset Created { get; }

    /// <summary>The routing point the call waits at (null once it left).</summary>
    public string? RoutePoint { get; set; }

    public string? Ani { get; set; }

    public string? Dnis { get; set; }

    public string? CallUuid { get; set; }

    public long? CallId { get; set; }

    public CallType? CallType { get; set; }

    public ConnId? ParentConnId { get; set; }

    public KeyValueList UserData { get; set; } = new();

    /// <summary>The owning session's id, or null.</summary>
    public string? OwnerSessionId { get; set; }

    /// <summary>True while the owner may act on it (between interaction.present and interaction.notcontrolled).</summary>
    public bool Controlled { get; set; }

    /// <summary>Set when the call was ended or routed by a session action, for the resultof of the notcontrolled that follows.</summary>
    public string? PendingResultOf { get; set; }

    /// <summary>Where a session action sent the call (the destination it routed or redirected it to), until it left.</summary>
    public string? PendingDestination { get; set; }

    /// <summary>
    /// Set while a session's RequestRouteCall from the routing point is in progress; completed once the event path has
    /// handled the call leaving the routing point (<c>OnLeftRoutePoint</c>), so that the action's done event follows the
    /// interaction's notcontrolled event in the order the T-Server sent their causes.
    /// </summary>
    public TaskCompletionSource? RouteDeparture { get; set; }

    /// <summary>
    /// User-data requests of this orchestration whose EventAttachedDataChanged has not come back yet: those echoes update
    /// the copy silently; any other change is reported as interaction.udata.changed.
    /// </summary>
    public int OwnUserDataChanges { get; set; }

    /// <summary>When the call arrived at the routing point (for the time-to-route metric).</summary>
    public long ArrivalTimestamp { get; set; }

    public IReadOnlyList<InteractionParty> Parties => _parties;

    public InteractionParty? PartyAt(string device)
    {
        foreach (var party in _parties)
        {
            if (party.Device == device)
            {
                return party;
            }
        }

        return null;
    }

    public InteractionParty AddParty(string device, string state, string role)
    {
        var party = new InteractionParty { PartyId = Id + "-" + (++_nextParty).ToString(System.Globalization.CultureInfo.InvariantCulture), Device = device, State = state, Role = role };
        _parties.Add(party);
        return party;
    }

    public bool RemoveParty(InteractionParty party) => _parties.Remove(party);

    /// <summary>The object strategies read as <c>_genesys.ixn.interactions[id]</c>.</summary>
    public JsonObject ToJson()
    {
        var parties = new JsonObject();
        foreach (var party in _parties)
        {
            parties[party.PartyId] = new JsonObject
            {
                ["partyid"] = party.PartyId,
                ["device"] = party.Device,
                ["state"] = party.State,
                ["role"] = party.Role,
            };
        }

        return new JsonObject
        {
            ["id"] = Id,
            ["type"] = "voice",
            ["category"] = CallType is Protocol.CallType.Outbound ? "outbound" : CallType is Protocol.CallType.Internal ? "internal" : "inbound",
            ["g_uid"] = CallUuid ?? Id,
            ["parentid"] = ParentConnId?.ToString(),
            ["tenantid"] = 1,
            ["voice"] = new JsonObject
            {
                // The ORS object model's names, as Composer's RouteFeature.js tests them ('inbound', 'outbound'...).
                ["type"] = CallType?.ToString().ToLowerInvariant(),
                ["media"] = "TMediaVoice",
                ["callid"] = CallId,
                ["ani"] = Ani,
                ["dnis"] = Dnis,
                ["connid"] = Id,
            },
            ["udata"] = UserDataJson.ToJson(UserData),
            ["parties"] = parties,
            ["location"] = new JsonObject { ["media_server"] = Switch, ["switch"] = Switch, ["routepoint"] = RoutePoint },
            ["contactedaddr"] = Dnis,
        };
    }
}
