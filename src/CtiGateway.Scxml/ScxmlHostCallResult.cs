namespace CtiGateway.Scxml;

/// <summary>
/// What a host function that changes the session's host data returns: its result (JSON, null for undefined) and the
/// updates, applied as soon as the function returns so that the rest of the same script already sees them.
/// </summary>
/// <param name="Json">The function's result as JSON, or null for undefined.</param>
/// <param name="Updates">Changes to the session's host data (as for <see cref="ScxmlHostUpdate"/> with an event).</param>
public sealed record ScxmlHostCallResult(string? Json, IReadOnlyList<ScxmlHostUpdate> Updates);
