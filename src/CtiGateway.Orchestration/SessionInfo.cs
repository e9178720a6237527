namespace CtiGateway.Orchestration;

/// <summary>One live session as <c>ctigw sessions</c> lists it.</summary>
/// <param name="Id">The session id (also attached to its calls as <c>OP-Session-ID</c>).</param>
/// <param name="Strategy">The strategy's file name.</param>
/// <param name="Interactions">The interactions it owns, by ConnID.</param>
/// <param name="ActiveStates">Its active states (empty when it could not be asked).</param>
/// <param name="Age">How long it has run.</param>
public sealed record SessionInfo(string Id, string Strategy, IReadOnlyList<string> Interactions, IReadOnlyList<string> ActiveStates, TimeSpan Age);
