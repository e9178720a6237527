namespace CtiGateway.Pbx.Csta;

/// <summary>One item of a transferredConnections or conferenceConnections list.</summary>
/// <param name="NewConnection">The connection in the resulting call, when sent.</param>
/// <param name="OldConnection">The connection in the old call, when sent.</param>
/// <param name="Endpoint">The endpoint's deviceID, or null when absent or not known.</param>
public sealed record CstaConnectionListItem(CstaConnectionId? NewConnection, CstaConnectionId? OldConnection, string? Endpoint);
