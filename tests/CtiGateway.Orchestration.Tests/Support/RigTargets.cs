using CtiGateway.Server;
using CtiGateway.Switching;

namespace CtiGateway.Orchestration.Tests.Support;

/// <summary>The gateway's agents and DNs for the orchestration under test, read from the rig's switch layer.</summary>
internal sealed class RigTargets(SwitchLinkService service) : ITargetDirectory
{
    public IReadOnlyList<TargetAgent>? AgentsOfGroup(string group) =>
        service.AgentsOfGroup(group)?.Select(ToTarget).ToList();

    public TargetAgent? FindAgent(string agentId) => ToTarget(service.FindAgent(agentId));

    public string? SwitchOf(string dn, string? switchName) => switchName ?? ((service.AnswersFor(dn) ? (dn.StartsWith('7') ? CtiGateway.Switching.Tests.Calls.TwoSwitchRig.Switch1 : CtiGateway.Switching.Tests.Calls.TwoSwitchRig.Switch) : null));

    public string? KindOf(string dn, string switchName) => null;

    public int CallsAt(string dn, string switchName) => 0;

    private static TargetAgent ToTarget(AgentLocation location) =>
        new(location.AgentId, location.Switch, location.Agent?.Dn, location.IsReady, null);
}
