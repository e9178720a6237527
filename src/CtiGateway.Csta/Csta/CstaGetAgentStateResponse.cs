namespace CtiGateway.Pbx.Csta;

/// <summary>GetAgentStateResponse: <c>agentStateList/agentStateEntry</c>, one per agent at the device.</summary>
public sealed record CstaGetAgentStateResponse(string Element, string Namespace, IReadOnlyList<CstaAgentStateEntry> Agents) : CstaMessage(Element, Namespace);
