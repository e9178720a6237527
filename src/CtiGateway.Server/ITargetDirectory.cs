namespace CtiGateway.Server;

/// <summary>
/// The gateway's own view of agents and DNs, for orchestration's <c>queue:</c> targets and resource addressing: the
/// in-process client seam's companion. The switch layer implements it (SwitchLinkService);
/// orchestration reads it and never sees switch links.
/// </summary>
public interface ITargetDirectory
{
    /// <summary>The members of agent group <paramref name="group"/>, in the group's order; null when there is no such group.</summary>
    IReadOnlyList<TargetAgent>? AgentsOfGroup(string group);

    /// <summary>Where agent <paramref name="agentId"/> is logged in (Switch and Dn null when nowhere); null when unknown.</summary>
    TargetAgent? FindAgent(string agentId);

    /// <summary>
    /// The agent logged in at <paramref name="dn"/> (on <paramref name="switchName"/> when given), or null: a place target
    /// (AP) is the DN an agent is logged in at. A directory that knows no places answers null.
    /// </summary>
    TargetAgent? AgentAt(string dn, string? switchName) => null;

    /// <summary>The switch holding <paramref name="dn"/>, when <paramref name="switchName"/> is null the only one that holds it; null when none.</summary>
    string? SwitchOf(string dn, string? switchName);

    /// <summary>The kind of a DN on its switch (Extension, ACDPosition, ACDQueue, RoutingPoint, Trunk); null when unknown.</summary>
    string? KindOf(string dn, string switchName);

    /// <summary>How many calls are at <paramref name="dn"/> on <paramref name="switchName"/> now.</summary>
    int CallsAt(string dn, string switchName);
}
