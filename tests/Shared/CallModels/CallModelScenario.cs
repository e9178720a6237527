namespace CtiGateway.Testing.CallModels;

/// <summary>
/// One scenario of <c>shared/reference/callmodels.md</c>: its parties, how to bring the call to its start, the
/// triggers of each step (parties' T-Library requests, or what only the switch does), and the reference's rows.
/// </summary>
internal sealed class CallModelScenario
{
    public required string Id { get; init; }

    /// <summary>Party letter to what it is; internal parties get DNs by letter (A the first DN of a switch, B the second...).</summary>
    public required IReadOnlyDictionary<string, PartyKind> Parties { get; init; }

    /// <summary>Brings the call to the scenario's start ("Starts from"); its events are not checked.</summary>
    public IReadOnlyList<ScenarioStep> Setup { get; init; } = [];

    /// <summary>
    /// Whether "ConnID 1" is the call made in <see cref="Setup"/> (the scenario starts from another one) or the first
    /// ConnID of the steps (the set-up only prepares the switch, e.g. makes a DN busy).
    /// </summary>
    public bool ConnIdsFromSetup { get; init; } = true;

    /// <summary>The triggers of steps 1, 2, ...</summary>
    public required IReadOnlyList<ScenarioStep> Steps { get; init; }

    /// <summary>The reference's rows, copied in its notation.</summary>
    public required IReadOnlyList<ExpectedRow> Rows { get; init; }

    /// <summary>The parties that are DNs of the switch (stations and routing points), in letter order.</summary>
    public IEnumerable<string> InternalParties => Parties.Where(p => p.Value != PartyKind.External).Select(p => p.Key).Order(StringComparer.Ordinal);

    /// <summary>Whether a step waits for the router timeout (the end-to-end suite uses a routing point with a short one).</summary>
    public bool WaitsForRouterTimeout => Steps.Any(s => s.Kind == ScenarioStepKind.RouterTimeout);

    public override string ToString() => Id;
}
