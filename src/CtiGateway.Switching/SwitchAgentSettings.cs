using CtiGateway.CallModel;
using CtiGateway.Pbx.Profiles;

namespace CtiGateway.Switching;

/// <summary>
/// An agent present when the gateway starts (<c>Switches:N:Agents:M</c>): logged in at <see cref="Dn"/>, in
/// <see cref="Queue"/> when given, ready or not. On a soft-agent switch the gateway starts with this state; where the
/// switch keeps agent state, GetAgentState checks it at the first link-up and the switch's word wins.
/// </summary>
public sealed class SwitchAgentSettings
{
    /// <summary>The agent's id (<c>A5001</c>).</summary>
    public string AgentId { get; set; } = string.Empty;

    /// <summary>The DN the agent is logged in at: an Extension or ACDPosition of the switch.</summary>
    public string Dn { get; set; } = string.Empty;

    /// <summary>The ACD queue (a DN of type ACDQueue of the switch) the agent is logged in to; empty for none.</summary>
    public string Queue { get; set; } = string.Empty;

    /// <summary>Whether the agent starts ready (default) or not ready.</summary>
    public bool Ready { get; set; } = true;

    /// <summary>
    /// Checks the agents of one switch (<paramref name="key"/> is <c>Switches:N</c>) against its DNs: one line per problem
    /// with the key path. Skipped when the switch's DNs cannot be built (their own problems are reported).
    /// </summary>
    internal static void Validate(string key, SwitchSettings settings, FirmwareProfile profile, List<string> problems)
    {
        if (settings.Agents is not { Count: > 0 } agents)
        {
            return;
        }

        DnDirectory directory;
        try
        {
            directory = SwitchDirectory.BuildDirectory(settings, profile);
        }
        catch (Exception ex) when (ex is ArgumentException or SwitchConfigException or InvalidOperationException)
        {
            return;
        }

        var model = new SwitchCallModel(directory, new ConnIdGenerator(1));
        for (var i = 0; i < agents.Count; i++)
        {
            var agent = agents[i];
            var at = $"{key}:Agents:{i}";
            if (string.IsNullOrWhiteSpace(agent.AgentId))
            {
                problems.Add($"{at}:AgentId: an agent id is required");
                continue;
            }

            if (string.IsNullOrWhiteSpace(agent.Dn))
            {
                problems.Add($"{at}:Dn: the DN agent {agent.AgentId} is logged in at is required");
                continue;
            }

            try
            {
                model.DeclareAgent(agent.AgentId, agent.Dn, agent.Queue is { Length: > 0 } q ? q : null, agent.Ready);
            }
            catch (ArgumentException ex)
            {
                var field = ex.ParamName switch { "queue" => "Queue", "agentId" => "AgentId", _ => "Dn" };
                problems.Add($"{at}:{field}: {ex.Message[..ex.Message.IndexOf(" (Parameter", StringComparison.Ordinal)]}");
            }
        }
    }
}
