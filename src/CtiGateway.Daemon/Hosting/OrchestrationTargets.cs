using CtiGateway.Server;
using CtiGateway.Switching;

namespace CtiGateway.Daemon;

/// <summary>
/// Where orchestration's agent and DN directory (<see cref="ITargetDirectory"/>) comes from: the switch layer, which
/// implements it over its call models and agent groups. Null when no switch runs, or when the switch layer does not
/// offer it.
/// </summary>
internal static class OrchestrationTargets
{
    public static ITargetDirectory? Of(SwitchLinkService? switching) => (object?)switching as ITargetDirectory;
}
