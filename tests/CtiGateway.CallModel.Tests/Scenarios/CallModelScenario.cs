namespace CtiGateway.CallModel.Tests;

/// <summary>
/// One scenario of <c>shared/reference/callmodels.md</c>: its parties, how to bring the call to its start, the
/// triggers of each step (switch services of the simulator, recorded CSTA where the simulator has no such service,
/// or the model's own user-data requests), and the reference's rows for it.
/// </summary>
internal sealed class CallModelScenario
{
    public required string Id { get; init; }

    /// <summary>Party letter to DN.</summary>
    public required IReadOnlyDictionary<string, string> Parties { get; init; }

    /// <summary>Brings the call to the scenario's start ("Starts from"); its events are not checked.</summary>
    public Action<ScenarioDriver>? Setup { get; init; }

    /// <summary>
    /// Whether "ConnID 1" is the call made in <see cref="Setup"/> (the scenario starts from another one) or the first
    /// ConnID of the steps (the set-up only prepares the switch, e.g. makes a DN busy).
    /// </summary>
    public bool ConnIdsFromSetup { get; init; } = true;

    /// <summary>The triggers of steps 1, 2, ...</summary>
    public required IReadOnlyList<Action<ScenarioDriver>> Steps { get; init; }

    /// <summary>The reference's rows, copied in its notation.</summary>
    public required IReadOnlyList<ExpectedRow> Rows { get; init; }

    /// <summary>How the CSTA input is obtained, for the report.</summary>
    public required string Input { get; init; }

    public override string ToString() => Id;
}
