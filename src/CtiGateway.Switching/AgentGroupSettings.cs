namespace CtiGateway.Switching;

/// <summary>
/// One agent group of the configuration (<c>AgentGroups:N</c>): a name and the AgentIDs of its members, on any switch.
/// Orchestration's <c>queue:</c> targets name a group; <see cref="SwitchLinkService.AgentsOfGroup"/> resolves it to the
/// members' DNs and states.
/// </summary>
public sealed class AgentGroupSettings
{
    /// <summary>Most members of one group.</summary>
    public const int MaxAgents = 10_000;

    /// <summary>The group's name (<c>DemoAgents</c>): 1-64 characters, no control characters, unique.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The AgentIDs of the members, each once.</summary>
    public List<string> Agents { get; set; } = [];

    /// <summary>Checks the groups; one line per problem with the key path (<c>AgentGroups:0:Agents:3</c>).</summary>
    public static IReadOnlyList<string> Validate(IReadOnlyList<AgentGroupSettings> groups, string path)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var problems = new List<string>();
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < groups.Count; i++)
        {
            var group = groups[i];
            var key = $"{path}:{i}";
            if (string.IsNullOrWhiteSpace(group.Name))
            {
                problems.Add($"{key}:Name: a group name is required");
            }
            else if (SwitchDirectory.DnProblem(group.Name) is { } problem)
            {
                problems.Add($"{key}:Name: '{group.Name}' {problem}");
            }
            else if (!names.TryAdd(group.Name, i))
            {
                problems.Add($"{key}:Name: duplicate agent group '{group.Name}' (also {path}:{names[group.Name]}:Name)");
            }

            if (group.Agents.Count == 0)
            {
                problems.Add($"{key}:Agents: a group needs at least one AgentID");
            }
            else if (group.Agents.Count > MaxAgents)
            {
                problems.Add($"{key}:Agents: {group.Agents.Count} agents, more than {MaxAgents} in one group");
            }

            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var j = 0; j < group.Agents.Count; j++)
            {
                var agent = group.Agents[j];
                if (string.IsNullOrWhiteSpace(agent))
                {
                    problems.Add($"{key}:Agents:{j}: an AgentID is empty");
                }
                else if (!seen.TryAdd(agent, j))
                {
                    problems.Add($"{key}:Agents:{j}: agent {agent} is listed twice (also {key}:Agents:{seen[agent]})");
                }
            }
        }

        return problems;
    }

    /// <summary>The groups as <see cref="SwitchLinkService.AgentGroups"/> takes them.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ToLookup(IEnumerable<AgentGroupSettings> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var lookup = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            lookup[group.Name] = [.. group.Agents];
        }

        return lookup;
    }
}
