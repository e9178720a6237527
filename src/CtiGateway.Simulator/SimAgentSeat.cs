namespace CtiGateway.Simulator;

/// <summary>An agent position of the switching plan: the station, the agent's id, its ACD group and whether the agent starts logged on and ready.</summary>
/// <param name="DeviceId">The station (extension) the agent works at.</param>
/// <param name="AgentId">The agent's id.</param>
/// <param name="Group">The ACD group (queue DN), or null.</param>
/// <param name="LoggedOnReady">True: the agent starts logged on and ready; false: logged off.</param>
public sealed record SimAgentSeat(string DeviceId, string AgentId, string? Group, bool LoggedOnReady);
