using CtiGateway.CallModel;
using CtiGateway.Server;

namespace CtiGateway.Switching;

/// <summary>
/// The gateway's own view of agents and DNs for orchestration (<see cref="ITargetDirectory"/>): agent groups, agents
/// with their state, idle time and calls, the switches' DN directories and the calls at each DN, all read from the
/// copies each switch's loop publishes (safe from any thread, as of the last input applied).
/// </summary>
public sealed partial class SwitchLinkService : ITargetDirectory
{
    // The agents of every switch by AgentID, rebuilt when a switch publishes a new copy of its agents (the copies are
    // replaced whole, so comparing references finds a change); orchestration reads it at every target selection.
    private AgentIndex? _agentIndex;

    /// <inheritdoc/>
    IReadOnlyList<TargetAgent>? ITargetDirectory.AgentsOfGroup(string group)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (!AgentGroups.TryGetValue(group, out var members))
        {
            return null;
        }

        var index = CurrentAgentIndex();
        var result = new TargetAgent[members.Count];
        for (var i = 0; i < members.Count; i++)
        {
            result[i] = ToTarget(index.Find(members[i]));
        }

        return result;
    }

    /// <inheritdoc/>
    TargetAgent? ITargetDirectory.FindAgent(string agentId)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        var location = CurrentAgentIndex().Find(agentId);
        if (location.Agent is null && !AgentGroups.Values.Any(members => members.Contains(agentId, StringComparer.Ordinal)))
        {
            // Logged in nowhere and in no agent group: an agent the gateway does not know.
            return null;
        }

        return ToTarget(location);
    }

    /// <inheritdoc/>
    public TargetAgent? AgentAt(string dn, string? switchName)
    {
        ArgumentNullException.ThrowIfNull(dn);
        foreach (var sw in Volatile.Read(ref _switches))
        {
            if (switchName is not null && sw.Name != switchName)
            {
                continue;
            }

            foreach (var agent in sw.Calls.Agents)
            {
                if (agent.Dn == dn)
                {
                    return ToTarget(new AgentLocation(agent.AgentId, sw.Name, agent));
                }
            }
        }

        return null;
    }

    /// <inheritdoc/>
    public string? SwitchOf(string dn, string? switchName)
    {
        ArgumentNullException.ThrowIfNull(dn);
        string? found = null;
        foreach (var sw in Volatile.Read(ref _switches))
        {
            if ((switchName is null || sw.Name == switchName) && sw.Calls.Directory.TryGetKind(dn, out _))
            {
                if (found is not null)
                {
                    // Two switches hold the DN: the caller must name one.
                    return null;
                }

                found = sw.Name;
            }
        }

        return found;
    }

    /// <inheritdoc/>
    public string? KindOf(string dn, string switchName)
    {
        ArgumentNullException.ThrowIfNull(dn);
        return SwitchNamed(switchName) is { } sw && sw.Calls.Directory.TryGetKind(dn, out var kind) ? kind.ToString() : null;
    }

    /// <inheritdoc/>
    public int CallsAt(string dn, string switchName)
    {
        ArgumentNullException.ThrowIfNull(dn);
        return SwitchNamed(switchName)?.Calls.ActiveCallsAt(dn) ?? 0;
    }

    private AgentIndex CurrentAgentIndex()
    {
        var switches = Volatile.Read(ref _switches);
        var index = Volatile.Read(ref _agentIndex);
        if (index is not null && index.IsCurrent(switches))
        {
            return index;
        }

        index = new AgentIndex(switches);
        Volatile.Write(ref _agentIndex, index);
        return index;
    }

    private SwitchRuntime? SwitchNamed(string? name) => name is null ? null : Array.Find(Volatile.Read(ref _switches), s => s.Name == name);

    private TargetAgent ToTarget(AgentLocation location)
    {
        if (location.Agent is not { } agent || location.Switch is not { } switchName)
        {
            return new TargetAgent(location.AgentId, null, null, false, null);
        }

        return new TargetAgent(agent.AgentId, switchName, agent.Dn, agent.State == AgentState.Ready && !agent.Reserved, agent.IdleSince,
            Calls: CallsAt(agent.Dn, switchName));
    }
}
