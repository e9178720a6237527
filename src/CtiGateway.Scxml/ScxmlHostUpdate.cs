namespace CtiGateway.Scxml;

/// <summary>
/// A change the host makes to a session's host data before an event is delivered (for example
/// <c>_genesys.ixn.interactions[id].parties</c> when a party is added): the value at <see cref="Path"/> (a global,
/// then property names) becomes <see cref="Json"/>, or is deleted when <see cref="Json"/> is null.
/// </summary>
public sealed record ScxmlHostUpdate(IReadOnlyList<string> Path, string? Json);
