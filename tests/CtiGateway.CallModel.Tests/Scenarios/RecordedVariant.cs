using CtiGateway.Testing.CallModels;

namespace CtiGateway.CallModel.Tests;

/// <summary>
/// A scenario of the shared table replayed in memory from recorded CSTA instead of the simulator: a switch's other
/// form of the same call (an OSV reporting the far end by DeliveredEvent, a ConferencedEvent before the new party's
/// DeliveredEvent). Same parties, set-up and rows as <see cref="Base"/>; only the steps' input differs.
/// </summary>
internal sealed record RecordedVariant(string Id, CallModelScenario Base, string Input, IReadOnlyList<Action<ScenarioDriver>> Steps)
{
    public override string ToString() => Id;
}
