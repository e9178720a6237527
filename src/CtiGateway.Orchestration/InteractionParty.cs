namespace CtiGateway.Orchestration;

/// <summary>One party of an interaction: <c>_genesys.ixn.interactions[id].parties['ID-N']</c>.</summary>
internal sealed class InteractionParty
{
    public required string PartyId { get; init; }

    /// <summary>The DN (the device) of the party.</summary>
    public required string Device { get; init; }

    /// <summary>queued, dialing, ringing, connected, held (documented in docs/orchestration.md).</summary>
    public required string State { get; set; }

    /// <summary>routingpoint, origination, destination, queue.</summary>
    public required string Role { get; set; }
}
