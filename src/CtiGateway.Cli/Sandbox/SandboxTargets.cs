using CtiGateway.CallModel;
using CtiGateway.Server;
using CtiGateway.Switching;

namespace CtiGateway.Cli.Sandbox;

/// <summary>
/// The gateway's agents and DNs as the sandbox's orchestration addresses them: agents and groups from the switch
/// links (<see cref="SwitchLinkService.AgentsOfGroup"/>, <see cref="SwitchLinkService.FindAgent"/>), DN kinds from the
/// switches' directories, calls per DN from the events the sandbox sees.
/// </summary>
internal sealed class SandboxTargets(SwitchLinkService service, IReadOnlyDictionary<string, DnDirectory> directories, Func<string, int> callsAt) : ITargetDirectory
{
    public IReadOnlyList<TargetAgent>? AgentsOfGroup(string group) => service.AgentsOfGroup(group)?.Select(Target).ToList();

    public TargetAgent? FindAgent(string agentId)
    {
        var location = service.FindAgent(agentId);
        if (location.Agent is null && !service.AgentGroups.Values.Any(members => members.Contains(agentId)))
        {
            return null;
        }

        return Target(location);
    }

    public string? SwitchOf(string dn, string? switchName)
    {
        if (switchName is not null)
        {
            return directories.TryGetValue(switchName, out var directory) && directory.TryGetKind(dn, out _) ? switchName : null;
        }

        var holders = directories.Where(d => d.Value.TryGetKind(dn, out _)).Select(d => d.Key).ToList();
        return holders.Count == 1 ? holders[0] : null;
    }

    public string? KindOf(string dn, string switchName) =>
        directories.TryGetValue(switchName, out var directory) && directory.TryGetKind(dn, out var kind) ? kind.ToString() : null;

    public int CallsAt(string dn, string switchName) => SwitchOf(dn, switchName) is null ? 0 : callsAt(dn);

    private static TargetAgent Target(AgentLocation location) =>
        new(location.AgentId, location.Switch, location.Agent?.Dn, location.IsReady && location.Agent is { Reserved: false }, null);
}
