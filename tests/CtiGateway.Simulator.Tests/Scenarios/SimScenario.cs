namespace CtiGateway.Simulator.Tests.Scenarios;

/// <summary>
/// One call scenario played on the simulator: the parties monitored from the start (A, B, C; Q the ACD queue), the
/// steps in order, and whether it needs the ACD queue of the OSV-style plan (the AES plan has none).
/// </summary>
/// <param name="Id">The scenario id of callmodels.md (CM-...) or, for simulator-only cases, SIM-....</param>
/// <param name="Monitored">The parties monitored before the first step; each must receive exactly the events listed.</param>
/// <param name="Steps">The triggers, each with the events every monitored party receives.</param>
/// <param name="NeedsQueue">True when the scenario uses the ACD queue.</param>
internal sealed record SimScenario(string Id, string[] Monitored, ScenarioStep[] Steps, bool NeedsQueue = false)
{
    public override string ToString() => Id;
}
