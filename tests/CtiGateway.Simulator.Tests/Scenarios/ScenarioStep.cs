namespace CtiGateway.Simulator.Tests.Scenarios;

/// <summary>
/// One trigger of a scenario and the CSTA events it makes the simulator send, per monitored party, in order. A party
/// of the scenario that is missing from <see cref="Expect"/> must receive nothing in this step. A setup step
/// (<see cref="Expect"/> null) only brings the calls to the scenario's starting point; its events are not checked
/// here (they are the steps of the scenario it starts from).
/// </summary>
/// <param name="Trigger">Who does what, e.g. "B: AnswerCall(B@1)" or "switch: far end answers".</param>
/// <param name="Act">Sends the request (and checks its response) or runs the switch-side trigger.</param>
/// <param name="Expect">Per party, the events in the form of <see cref="ScenarioRun.Describe"/>; null for a setup step.</param>
internal sealed record ScenarioStep(string Trigger, Func<ScenarioRun, Task> Act, IReadOnlyDictionary<string, string[]>? Expect);
