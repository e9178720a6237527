using CtiGateway.CallModel;

namespace CtiGateway.Switching;

/// <summary>
/// The agents of every switch by AgentID, built from the copies the switches' loops publish (immutable, safe from any
/// thread). Current while every switch still publishes the same copy.
/// </summary>
internal sealed class AgentIndex
{
    private readonly SwitchRuntime[] _switches;
    private readonly IReadOnlyList<AgentInfo>[] _copies;
    private readonly Dictionary<string, AgentLocation> _byId = new(StringComparer.Ordinal);

    public AgentIndex(SwitchRuntime[] switches)
    {
        _switches = switches;
        _copies = new IReadOnlyList<AgentInfo>[switches.Length];
        for (var i = 0; i < switches.Length; i++)
        {
            _copies[i] = switches[i].Calls.Agents;
            foreach (var agent in _copies[i])
            {
                _byId.TryAdd(agent.AgentId, new AgentLocation(agent.AgentId, switches[i].Name, agent));
            }
        }
    }

    /// <summary>Whether the index was built from <paramref name="switches"/> and their agents as published now.</summary>
    public bool IsCurrent(SwitchRuntime[] switches)
    {
        if (!ReferenceEquals(switches, _switches))
        {
            return false;
        }

        for (var i = 0; i < switches.Length; i++)
        {
            if (!ReferenceEquals(switches[i].Calls.Agents, _copies[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Where agent <paramref name="agentId"/> is logged in (Switch and Agent null when nowhere).</summary>
    public AgentLocation Find(string agentId) => _byId.TryGetValue(agentId, out var location) ? location : new AgentLocation(agentId, null, null);
}
