namespace CtiGateway.Scxml;

/// <summary>The end of a session.</summary>
/// <param name="End">How it ended.</param>
/// <param name="FinalStateId">The id of the top-level final state reached, when <see cref="End"/> is <see cref="ScxmlSessionEnd.Final"/>.</param>
/// <param name="Error">What went wrong, when <see cref="End"/> is <see cref="ScxmlSessionEnd.Failed"/>.</param>
public sealed record ScxmlSessionResult(ScxmlSessionEnd End, string? FinalStateId, string? Error);
