namespace CtiGateway.Switching.Tests.Agents;

/// <summary>
/// Validation of <c>Switches:N:Agents</c> and <c>AgentGroups</c>: one line per problem with the key path and the reason,
/// and the demo's agents as the daemon declares them pass.
/// </summary>
public sealed class AgentSettingsTests
{
    private const string Osv = "firmware-profiles/osv-v10.json";

    public static TheoryData<string, SwitchAgentSettings[], string> AgentMistakes => new()
    {
        { "no id", [new() { Dn = "5001" }], "Switches:0:Agents:0:AgentId: an agent id is required" },
        { "no DN", [new() { AgentId = "A1" }], "Switches:0:Agents:0:Dn: the DN agent A1 is logged in at is required" },
        { "DN of no switch", [new() { AgentId = "A1", Dn = "6001" }], "Switches:0:Agents:0:Dn: Agent A1: DN 6001 is not a DN of this switch." },
        { "DN a queue", [new() { AgentId = "A1", Dn = "4001" }], "Switches:0:Agents:0:Dn: Agent A1: DN 4001 is an ACDQueue; agents log in at an Extension or ACDPosition." },
        { "queue not a queue", [new() { AgentId = "A1", Dn = "5001", Queue = "3001" }], "Switches:0:Agents:0:Queue: Agent A1: 3001 is not an ACD queue of this switch (a DN of type ACDQueue)." },
        {
            "two agents on a DN",
            [new() { AgentId = "A1", Dn = "5001" }, new() { AgentId = "A2", Dn = "5001" }],
            "Switches:0:Agents:1:AgentId: Agent A2 at DN 5001: agent A1 is already at DN 5001."
        },
        {
            "an agent on two DNs",
            [new() { AgentId = "A1", Dn = "5001" }, new() { AgentId = "A1", Dn = "5002" }],
            "Switches:0:Agents:1:AgentId: Agent A1 at DN 5002: agent A1 is already at DN 5001."
        },
    };

    [Theory]
    [MemberData(nameof(AgentMistakes))]
    public void Each_agent_mistake_is_one_line_with_its_key(string what, SwitchAgentSettings[] agents, string expected)
    {
        var problems = SwitchSettings.Validate([Switch(agents)], "Switches", AppContext.BaseDirectory);
        Assert.True(problems.Count == 1 && problems[0] == expected, $"{what}: {string.Join(" | ", problems)}");
    }

    [Fact]
    public void The_demos_agents_pass()
    {
        var agents = Enumerable.Range(5001, 20).Select(dn => new SwitchAgentSettings { AgentId = $"A{dn}", Dn = $"{dn}", Queue = "4001" }).ToArray();
        Assert.Empty(SwitchSettings.Validate([Switch(agents)], "Switches", AppContext.BaseDirectory));
        Assert.Empty(AgentGroupSettings.Validate([new AgentGroupSettings { Name = "DemoAgents", Agents = [.. agents.Select(a => a.AgentId)] }], "AgentGroups"));
    }

    [Fact]
    public void Agent_group_mistakes_name_their_key()
    {
        var problems = AgentGroupSettings.Validate(
        [
            new AgentGroupSettings { Name = "Sales", Agents = ["A1", "A2", "A1", " "] },
            new AgentGroupSettings { Name = "Sales", Agents = [] },
            new AgentGroupSettings { Name = "", Agents = ["A3"] },
            new AgentGroupSettings { Name = "Bad\tName", Agents = ["A3"] },
        ],
            "AgentGroups");
        Assert.Equal(
        [
            "AgentGroups:0:Agents:2: agent A1 is listed twice (also AgentGroups:0:Agents:0)",
            "AgentGroups:0:Agents:3: an AgentID is empty",
            "AgentGroups:1:Name: duplicate agent group 'Sales' (also AgentGroups:0:Name)",
            "AgentGroups:1:Agents: a group needs at least one AgentID",
            "AgentGroups:2:Name: a group name is required",
            "AgentGroups:3:Name: 'Bad\tName' has a control character at position 4: a DN is printable text",
        ],
            problems);
    }

    [Fact]
    public void The_lookup_keeps_the_groups_order_and_members()
    {
        var lookup = AgentGroupSettings.ToLookup([new AgentGroupSettings { Name = "G", Agents = ["A2", "A1"] }]);
        Assert.Equal(["A2", "A1"], lookup["G"]);
    }

    private static SwitchSettings Switch(SwitchAgentSettings[] agents) => new()
    {
        Name = "tel_sw",
        Profile = Osv,
        Links = [new SwitchLinkSettings { Host = "127.0.0.1", Port = 1040 }],
        Agents = [.. agents],
    };
}
