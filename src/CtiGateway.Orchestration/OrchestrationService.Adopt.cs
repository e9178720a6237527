using CtiGateway.Protocol;

namespace CtiGateway.Orchestration;

/// <summary>Starting a session for a call that is already somewhere (ORS's session start for an existing interaction).</summary>
public sealed partial class OrchestrationService
{
    /// <summary>
    /// Starts a session of <paramref name="strategyFile"/> that owns the call <paramref name="connId"/> at
    /// <paramref name="dn"/> (<c>DN@switch</c> allowed): the call's parties, data and user data are read with
    /// RequestQueryCall, and the session gets interaction.added and interaction.present. A call another live session owns
    /// is refused. Returns the session id.
    /// </summary>
    /// <exception cref="OrchestrationConfigException">The strategy does not load.</exception>
    /// <exception cref="InvalidOperationException">The call is owned by another session, or the session limit is reached.</exception>
    /// <exception cref="CtiGateway.Client.TServerErrorException">The T-Server does not know the call at that DN.</exception>
    public async Task<string> StartSessionForCallAsync(string strategyFile, string dn, ConnId connId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(strategyFile);
        ArgumentNullException.ThrowIfNull(dn);
        var strategy = StrategySet.LoadOne(strategyFile, Options);
        await EnsureRegisteredAsync(dn, cancellationToken).ConfigureAwait(false);
        var query = new TlibMessage(MessageType.RequestQueryCall) { ThisDN = dn, ConnID = connId };
        query.Set(AttributeId.CallInfoType, 0);
        var info = await _client.RequestAsync(query, cancellationToken).ConfigureAwait(false);
        var bare = StrategySet.BareDn(dn);
        var switchName = dn.Length > bare.Length ? dn[(bare.Length + 1)..] : _targets.SwitchOf(bare, null) ?? string.Empty;

        Interaction interaction;
        lock (_gate)
        {
            var id = connId.ToString();
            if (_interactions.TryGetValue(id, out var known) && OwnerOf(known) is { } owner)
            {
                throw new InvalidOperationException($"Call {id} is owned by session {owner.Id}.");
            }

            interaction = known ?? new Interaction(connId, switchName, _runtime.Scheduler.Now);
            _interactions[id] = interaction;
            Fill(interaction, info);
            if (info.Extensions is { } extensions)
            {
                interaction.Ani = Text(extensions, "ani") ?? interaction.Ani;
                interaction.Dnis = Text(extensions, "dnis") ?? interaction.Dnis;
                interaction.CallUuid = Text(extensions, "call-uuid") ?? interaction.CallUuid;
                if (extensions.TryGetValue("parties", out var parties) && parties.Type == KeyValueType.List)
                {
                    foreach (var (partyDn, party) in parties.AsList())
                    {
                        if (interaction.PartyAt(partyDn) is null && party.Type == KeyValueType.List)
                        {
                            var details = party.AsList();
                            interaction.AddParty(partyDn, StateName(Text(details, "state")), RoleName(Text(details, "role")));
                        }
                    }
                }
            }
        }

        return StartSession(strategy, interaction, bare)
            ?? throw new InvalidOperationException($"No session could be started for call {interaction.Id}: {_sessions.Count} sessions are alive (MaxSessions {Options.MaxSessions}).");
    }

    private static string? Text(KeyValueList list, string key) =>
        list.TryGetValue(key, out var value) && value.Type is KeyValueType.String or KeyValueType.Unicode ? value.AsString() : null;

    /// <summary>A T-Library PartyState name as an interaction party state.</summary>
    private static string StateName(string? partyState) => partyState switch
    {
        nameof(PartyState.Alerting) => "ringing",
        nameof(PartyState.Connected) or nameof(PartyState.Bridged) => "connected",
        nameof(PartyState.Held) => "held",
        nameof(PartyState.Dialing) or nameof(PartyState.Initiated) => "dialing",
        nameof(PartyState.Queued) or nameof(PartyState.Routing) => "queued",
        _ => partyState?.ToLowerInvariant() ?? "unknown",
    };

    private static string RoleName(string? dnRole) => dnRole switch
    {
        "RoleOrigination" or "Origination" => "origination",
        "RoleDestination" or "Destination" => "destination",
        _ => dnRole?.ToLowerInvariant() ?? "destination",
    };
}
