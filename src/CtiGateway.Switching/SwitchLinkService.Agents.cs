using CtiGateway.CallModel;
using CtiGateway.Protocol;
using CtiGateway.Server;

namespace CtiGateway.Switching;

/// <summary>
/// Agents across the switches: the agent groups of the configuration (<c>AgentGroups:NAME</c>) resolved to the agents'
/// DNs and states (for orchestration's <c>queue:</c> targets), the agents present at start, and the queries the switch
/// layer answers from its state.
/// </summary>
public sealed partial class SwitchLinkService : ITlibQueryHandler
{
    private IReadOnlyDictionary<string, IReadOnlyList<string>> _agentGroups = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);

    /// <summary>The agent groups: name to the AgentIDs of its members (replaced whole, e.g. on reload).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> AgentGroups
    {
        get => Volatile.Read(ref _agentGroups);
        set => Volatile.Write(ref _agentGroups, value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <inheritdoc/>
    public bool AnswersFor(string dn)
    {
        ArgumentNullException.ThrowIfNull(dn);
        foreach (var sw in Volatile.Read(ref _switches))
        {
            if (sw.Calls.Directory.TryGetKind(dn, out _))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The members of agent group <paramref name="group"/> in the group's order, each with the switch, DN and state it
    /// is logged in with now (as of the last input each switch's loop applied); null when there is no such group.
    /// </summary>
    public IReadOnlyList<AgentLocation>? AgentsOfGroup(string group)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (!AgentGroups.TryGetValue(group, out var members))
        {
            return null;
        }

        var result = new AgentLocation[members.Count];
        for (var i = 0; i < members.Count; i++)
        {
            result[i] = FindAgent(members[i]);
        }

        return result;
    }

    /// <summary>Where agent <paramref name="agentId"/> is logged in, if anywhere.</summary>
    public AgentLocation FindAgent(string agentId)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        foreach (var sw in Volatile.Read(ref _switches))
        {
            foreach (var agent in sw.Calls.Agents)
            {
                if (agent.AgentId == agentId)
                {
                    return new AgentLocation(agentId, sw.Name, agent);
                }
            }
        }

        return new AgentLocation(agentId, null, null);
    }

    /// <summary>Every agent logged in, per switch.</summary>
    public IReadOnlyList<AgentLocation> ListAgents() =>
        [.. Volatile.Read(ref _switches).SelectMany(sw => sw.Calls.Agents.Select(a => new AgentLocation(a.AgentId, sw.Name, a)))];

    /// <summary>The switch a request without ThisDN goes to when it names an agent (RequestReserveAgent by AgentID).</summary>
    private static SwitchRuntime? SwitchOfAgent(SwitchRuntime[] switches, TlibRequest request)
    {
        if (request.Message.GetString(AttributeId.AgentID) is not { Length: > 0 } agentId)
        {
            return null;
        }

        foreach (var sw in switches)
        {
            foreach (var agent in sw.Calls.Agents)
            {
                if (agent.AgentId == agentId)
                {
                    return sw;
                }
            }
        }

        return null;
    }

    /// <summary>The agent mode of a new call model and the agents present at start (<c>Switches:N:Agents</c>).</summary>
    private static void ConfigureAgents(SwitchCallModel model, SwitchRuntime runtime, SwitchSettings settings)
    {
        model.SwitchKeepsAgentState = runtime.Profile.Supports("SetAgentState");
        foreach (var agent in settings.Agents)
        {
            model.DeclareAgent(agent.AgentId, agent.Dn, agent.Queue is { Length: > 0 } queue ? queue : null, agent.Ready);
        }
    }
}
