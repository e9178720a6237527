using System.Text.Json.Nodes;

namespace CtiGateway.Orchestration;

/// <summary>
/// A merge applied to the interaction table, to be announced: the consultation (gone), the primary (the survivor),
/// their owners at the moment of the merge, and the interaction.onmerge data.
/// </summary>
internal sealed record MergeOutcome(Interaction Consult, Interaction Primary, OrchestrationSession? ConsultOwner, OrchestrationSession? PrimaryOwner, JsonObject Data);
