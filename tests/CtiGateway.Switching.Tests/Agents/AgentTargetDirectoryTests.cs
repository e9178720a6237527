using CtiGateway.Pbx.Csta;
using CtiGateway.Server;
using CtiGateway.Switching.Tests.Calls;

namespace CtiGateway.Switching.Tests.Agents;

/// <summary>
/// <see cref="SwitchLinkService"/> as orchestration's <see cref="ITargetDirectory"/>, against the simulator: agent groups
/// resolved to the agents' DNs, readiness and idle time, calls at each DN (StatAgentLoading), places, and the switches'
/// DN directories.
/// </summary>
public sealed class AgentTargetDirectoryTests
{
    [Fact]
    public async Task GroupsAgentsCallsAndDnsAreReadFromTheGatewaysState()
    {
        await using var rig = await CallRig.StartAsync(editSettings: s => s.Agents =
        [
            new SwitchAgentSettings { AgentId = "A5001", Dn = "5001", Queue = "4001" },
            new SwitchAgentSettings { AgentId = "A5002", Dn = "5002", Queue = "4001", Ready = false },
        ]);
        rig.Service.AgentGroups = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { ["Sales"] = ["A5001", "A5002", "A5099"] };
        ITargetDirectory directory = rig.Service;

        var group = directory.AgentsOfGroup("Sales")!;
        Assert.Equal(["A5001", "A5002", "A5099"], group.Select(a => a.AgentId));
        Assert.Equal(new TargetAgent("A5001", CallRig.Switch, "5001", true, group[0].StateSince), group[0]);
        Assert.NotNull(group[0].StateSince);
        Assert.False(group[1].Ready);
        Assert.Equal(new TargetAgent("A5099", null, null, false, null), group[2]);
        Assert.Null(directory.AgentsOfGroup("Nobody"));
        Assert.NotNull(directory.FindAgent("A5099"));
        Assert.Null(directory.FindAgent("A7777"));
        Assert.Equal("A5002", directory.AgentAt("5002", null)!.AgentId);
        Assert.Null(directory.AgentAt("5010", null));
        Assert.Null(directory.AgentAt("5001", "tel_sw_9"));

        Assert.Equal(CallRig.Switch, directory.SwitchOf("3001", null));
        Assert.Equal(CallRig.Switch, directory.SwitchOf("3001", CallRig.Switch));
        Assert.Null(directory.SwitchOf("3001", "tel_sw_9"));
        Assert.Null(directory.SwitchOf("9999", null));
        Assert.Equal("ACDQueue", directory.KindOf("4001", CallRig.Switch));
        Assert.Equal("RoutingPoint", directory.KindOf("3001", CallRig.Switch));
        Assert.Null(directory.KindOf("9999", CallRig.Switch));

        // A call at the agent's DN counts for it; when it ends the agent's idle time starts again.
        var idleBefore = group[0].StateSince!.Value;
        var callId = rig.PlaceCall("5050", "5001");
        await rig.WaitUntilAsync(() => directory.CallsAt("5001", CallRig.Switch) == 1, "the call at 5001");
        Assert.Equal(1, directory.FindAgent("A5001")!.Calls);
        Assert.Equal(1, directory.CallsAt("5050", CallRig.Switch));
        Assert.Equal(0, directory.CallsAt("5001", "tel_sw_9"));

        rig.Simulator.Invoke(m => m.ClearCall(new CstaConnectionId(callId, "5050")));
        await rig.WaitUntilAsync(() => directory.CallsAt("5001", CallRig.Switch) == 0, "the call at 5001 to end");
        await rig.WaitUntilAsync(() => directory.FindAgent("A5001")!.StateSince > idleBefore, "the agent's idle time to start again");
        Assert.Equal(0, directory.FindAgent("A5001")!.Calls);
    }
}
